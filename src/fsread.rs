//! Reading a file the reader names (command line, drop, saved state): regular files only, with a
//! size cap checked before and while reading, so a FIFO, a device or `/dev/zero` can neither block
//! nor exhaust memory. Every path that comes in from outside goes through [`read_capped`].

use std::fmt;
use std::io::Read;
use std::path::Path;

/// Why a file was not read. Displays as a short reason (the caller names the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// No such file, no permission, or another I/O error.
    Io(String),
    /// A directory.
    Directory,
    /// A FIFO, socket, device or other special file: never opened.
    NotRegular(&'static str),
    /// Larger than the cap (seen in the metadata or while reading).
    TooLarge { cap: u64 },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::Directory => write!(f, "is a directory, not a file"),
            ReadError::NotRegular(what) => {
                write!(f, "is a {what}, not a regular file (not read)")
            }
            ReadError::TooLarge { cap } => {
                write!(f, "too large: over {} (the limit)", human_bytes(*cap))
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// `n` bytes as "64 MB", "512 KB" or "12 bytes".
pub fn human_bytes(n: u64) -> String {
    if n >= 1 << 20 {
        format!("{} MB", n >> 20)
    } else if n >= 1 << 10 {
        format!("{} KB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// What kind of special file `meta` describes, if it is not a regular file.
fn special_kind(meta: &std::fs::Metadata) -> Option<ReadError> {
    let ft = meta.file_type();
    if ft.is_file() {
        return None;
    }
    if ft.is_dir() {
        return Some(ReadError::Directory);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some(ReadError::NotRegular("FIFO (named pipe)"));
        }
        if ft.is_socket() {
            return Some(ReadError::NotRegular("socket"));
        }
        if ft.is_char_device() || ft.is_block_device() {
            return Some(ReadError::NotRegular("device"));
        }
    }
    Some(ReadError::NotRegular("special file"))
}

/// Check that `path` is a regular file no larger than `cap` bytes, without opening it.
pub fn check_regular(path: &Path, cap: u64) -> Result<u64, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if let Some(e) = special_kind(&meta) {
        return Err(e);
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(meta.len())
}

/// The bytes of the regular file at `path`, at most `cap` of them. The file type and size are
/// checked before it is opened (a FIFO is never opened, so it cannot block) and the size again
/// while reading (a file that grows past the cap, or lies about its size, is refused).
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let len = check_regular(path, cap)?;
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    // The path may have been swapped between the check and the open: check what was opened.
    let meta = file.metadata().map_err(|e| ReadError::Io(e.to_string()))?;
    if let Some(e) = special_kind(&meta) {
        return Err(e);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len.min(cap)).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge { cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("fsread-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            panic!("temp dir {}: {e}", dir.display());
        }
        dir
    }

    #[test]
    fn reads_a_regular_file_and_refuses_one_over_the_cap() {
        let dir = temp_dir("cap");
        let f = dir.join("a.txt");
        if let Err(e) = std::fs::write(&f, b"hello world") {
            panic!("write: {e}");
        }
        assert_eq!(read_capped(&f, 100), Ok(b"hello world".to_vec()));
        assert_eq!(read_capped(&f, 5), Err(ReadError::TooLarge { cap: 5 }));
        assert_eq!(read_capped(&dir, 100), Err(ReadError::Directory));
        assert!(matches!(
            read_capped(&dir.join("missing"), 100),
            Err(ReadError::Io(_))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading() {
        let e = read_capped(Path::new("/dev/zero"), 1 << 20);
        assert_eq!(e, Err(ReadError::NotRegular("device")));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = temp_dir("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo on this system: nothing to test
        }
        let e = read_capped(&fifo, 1 << 20);
        assert_eq!(e, Err(ReadError::NotRegular("FIFO (named pipe)")));
    }
}
