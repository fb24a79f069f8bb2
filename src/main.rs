fn main() -> std::process::ExitCode {
    caspian_atlas::cli::main()
}
