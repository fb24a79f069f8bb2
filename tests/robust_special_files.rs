//! `link` on special files (a FIFO, `/dev/zero`, a directory): a message naming the file, never
//! a hang or unbounded memory. The CLI runs in a child process under a watchdog.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn scratch() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caspian-robust-special-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Run the CLI with `args`; kill it and fail if it has not ended within `bound`.
fn run_within(args: &[&str], bound: Duration) -> (Option<i32>, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_caspian-atlas"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => panic!("cannot run caspian-atlas: {e}"),
    };
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > bound => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("caspian-atlas {args:?} still running after {bound:?}: it hangs");
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => panic!("waiting for caspian-atlas: {e}"),
        }
    }
    match child.wait_with_output() {
        Ok(o) => (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        ),
        Err(e) => panic!("collecting the output: {e}"),
    }
}

fn mkfifo(path: &std::path::Path) -> bool {
    let _ = std::fs::remove_file(path);
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn link_refuses_a_fifo_without_blocking() {
    let fifo = scratch().join("pipe.txt");
    if !mkfifo(&fifo) {
        return; // no mkfifo here: nothing to test
    }
    let Some(path) = fifo.to_str() else {
        panic!("temp paths are UTF-8 here");
    };
    let (code, stderr) = run_within(&["link", path], Duration::from_secs(120));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("pipe.txt"), "names the file: {stderr}");
    assert!(stderr.contains("FIFO"), "says what it is: {stderr}");
}

#[cfg(unix)]
#[test]
fn link_refuses_dev_zero_and_a_directory() {
    let dir = scratch();
    let Some(d) = dir.to_str() else {
        panic!("temp paths are UTF-8 here");
    };
    let (code, stderr) = run_within(&["link", "/dev/zero", d], Duration::from_secs(120));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("/dev/zero: is a device"), "{stderr}");
    assert!(stderr.contains("is a directory"), "{stderr}");
}

#[test]
fn a_huge_file_name_is_clipped_in_the_message() {
    let name = format!("{}.txt", "n".repeat(5000));
    let (code, stderr) = run_within(&["link", &name], Duration::from_secs(120));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains('…'), "{stderr}");
    assert!(stderr.len() < 2000, "clipped: {} bytes", stderr.len());
}
