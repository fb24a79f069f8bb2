//! The sandbox a reader runs in: its own thread, a panic caught and reported as an error, and a
//! time budget after which the caller stops waiting.
//!
//! A thread cannot be killed safely in Rust: a reader still running when the budget runs out
//! is abandoned (detached). It keeps its own copy of what it needs (the bytes are shared
//! read-only), ends when its parser ends, and its late result is dropped unread; the caller has
//! long since returned `ImportError::Timeout`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Once, mpsc};
use std::time::Duration;

use super::{Format, ImportError};

/// Readers recurse into nested objects (PDF dictionaries, HTML, XML): give them room.
const STACK_BYTES: usize = 32 << 20;

/// The name of a reader's thread; its panics are caught and reported as errors.
const READER_THREAD: &str = "import-reader";

/// Keep a reader thread's panic out of the terminal (it is caught and reported as a clear
/// error naming the file): the panic hook in place before (Rust's default, or a fuzzer's) still
/// runs for every other thread.
fn quiet_reader_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(READER_THREAD) {
                previous(info);
            }
        }));
    });
}

/// Runs `job` on its own thread; a panic becomes `ImportError::Crashed`, a job still running
/// after `budget` becomes `ImportError::Timeout`.
pub fn run<T: Send + 'static>(
    file: &str,
    format: Format,
    budget: Duration,
    job: impl FnOnce() -> Result<T, ImportError> + Send + 'static,
) -> Result<T, ImportError> {
    quiet_reader_panics();
    let (tx, rx) = mpsc::sync_channel(1);
    let spawned = std::thread::Builder::new()
        .name(READER_THREAD.into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            // The caller may be a pool thread, blocked below until this answers.
            crate::par::serial_on_this_thread();
            let result = catch_unwind(AssertUnwindSafe(job));
            // The receiver is gone when the caller gave up waiting: nothing to do.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(ImportError::Crashed {
            file: file.to_string(),
            format: format.label(),
            reason: format!("could not start a reader thread: {e}"),
        });
    }
    match rx.recv_timeout(budget) {
        Ok(Ok(result)) => result,
        Ok(Err(panic)) => Err(ImportError::Crashed {
            file: file.to_string(),
            format: format.label(),
            reason: super::clip(&panic_message(panic.as_ref()), 200),
        }),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(ImportError::Timeout {
            file: file.to_string(),
            secs: budget.as_secs().max(1),
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(ImportError::Crashed {
            file: file.to_string(),
            format: format.label(),
            reason: "the reader thread ended without an answer".into(),
        }),
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        format!("internal error: {s}")
    } else if let Some(s) = p.downcast_ref::<String>() {
        format!("internal error: {s}")
    } else {
        "internal error".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_an_error_naming_the_file() {
        let r: Result<(), _> = run("bad.pdf", Format::Pdf, Duration::from_secs(5), || {
            panic!("boom")
        });
        let Err(ImportError::Crashed { file, reason, .. }) = r else {
            panic!("expected a crash report, got {r:?}");
        };
        assert_eq!(file, "bad.pdf");
        assert!(reason.contains("boom"), "{reason}");
    }

    #[test]
    fn a_runaway_reader_times_out() {
        let r: Result<(), _> = run("slow.txt", Format::Text, Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(2));
            Ok(())
        });
        assert!(matches!(r, Err(ImportError::Timeout { .. })), "{r:?}");
        let ok = run("fast.txt", Format::Text, Duration::from_secs(5), || Ok(7));
        assert_eq!(ok, Ok(7));
    }
}
