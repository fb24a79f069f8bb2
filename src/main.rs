//! The thin binary: all work is in the library; this only calls `caspian_atlas::cli::main()`.

fn main() -> std::process::ExitCode {
    caspian_atlas::cli::main()
}
