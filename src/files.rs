//! Reading a file that comes from outside (a playbook, the login state, a
//! journal entry) without ever waiting, and never more than it may hold.
//! The file is opened without blocking and only then checked, so that a
//! FIFO, or a file swapped for one between a check and the open, is refused
//! instead of holding a login until something writes to it.

use std::fs::{self, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Why a file was not read.
#[derive(Debug)]
pub enum Unread {
    /// It could not be opened or read (not there, not allowed, …).
    Io(io::Error),
    /// It is not a regular file: what it is instead, as people say it.
    NotRegular(&'static str),
    /// It holds more than the limit.
    TooLarge,
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    read(path, limit, 0)
}

/// As [`read_regular`], but a symbolic link at `path` itself is refused
/// rather than followed: for a file `tips` wrote and gave to another
/// program, which must not be able to point `tips` at some other file.
pub fn read_regular_not_followed(path: &Path, limit: u64) -> Result<Vec<u8>, Unread> {
    read(path, limit, libc::O_NOFOLLOW)
}

fn read(path: &Path, limit: u64, flags: libc::c_int) -> Result<Vec<u8>, Unread> {
    let file = OpenOptions::new()
        .read(true)
        // A FIFO opened for reading would wait for a writer.
        .custom_flags(libc::O_NONBLOCK | flags)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            // O_NOFOLLOW met a link.
            Some(libc::ELOOP) if flags & libc::O_NOFOLLOW != 0 => {
                Unread::NotRegular("a symbolic link")
            }
            // A socket cannot be opened at all; say what it is.
            Some(libc::ENXIO) => match fs::metadata(path) {
                Ok(metadata) => Unread::NotRegular(kind_of(metadata.file_type())),
                Err(_) => Unread::Io(error),
            },
            _ => Unread::Io(error),
        })?;
    let metadata = file.metadata().map_err(Unread::Io)?;
    if !metadata.is_file() {
        return Err(Unread::NotRegular(kind_of(metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(Unread::TooLarge);
    }
    let mut bytes = Vec::new();
    // The size may change after the look: never read past the limit.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Unread::TooLarge);
    }
    Ok(bytes)
}

/// What a file that is not a regular file is.
pub fn kind_of(kind: fs::FileType) -> &'static str {
    if kind.is_file() {
        "a regular file"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Makes a FIFO (named pipe) at `path`, for the tests of what is not a
/// regular file.
#[cfg(test)]
pub fn make_fifo(path: &Path) {
    use rustix::fs::{mknodat, FileType, Mode, CWD};
    mknodat(CWD, path, FileType::Fifo, Mode::RUSR | Mode::WUSR, 0)
        .unwrap_or_else(|error| panic!("a FIFO at {}: {error}", path.display()));
}

/// Waits until `fd` can be read (`Ready::ToRead`) or written
/// (`Ready::ToWrite`) without blocking. Programs such as node hand their
/// children non-blocking pipes, where a read or write that cannot go on
/// fails with EAGAIN rather than wait; `tips` waits for them, as it would
/// on an ordinary pipe. A signal that interrupts the wait ends it early,
/// and the caller tries again.
pub fn wait_until_ready(fd: impl std::os::fd::AsFd, ready: Ready) -> std::io::Result<()> {
    use rustix::event::{poll, PollFd, PollFlags};
    let flags = match ready {
        Ready::ToRead => PollFlags::IN,
        Ready::ToWrite => PollFlags::OUT,
    };
    let mut waiting = [PollFd::new(&fd, flags)];
    match poll(&mut waiting, None) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// What [`wait_until_ready`] waits for.
pub enum Ready {
    ToRead,
    ToWrite,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_within_the_limit_is_read_and_nothing_waits() {
        let folder = tempfile::tempdir().unwrap();
        let fifo = folder.path().join("fifo");
        make_fifo(&fifo);
        assert!(matches!(
            read_regular(&fifo, 10),
            Err(Unread::NotRegular("a FIFO (named pipe)"))
        ));
        assert!(matches!(
            read_regular(folder.path(), 10),
            Err(Unread::NotRegular("a directory"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(Unread::NotRegular("a device"))
        ));
        let file = folder.path().join("file");
        fs::write(&file, "0123456789").unwrap();
        assert_eq!(read_regular(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(read_regular(&file, 9), Err(Unread::TooLarge)));
        let link = folder.path().join("link");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert_eq!(read_regular(&link, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular_not_followed(&link, 10),
            Err(Unread::NotRegular("a symbolic link"))
        ));
        assert_eq!(read_regular_not_followed(&file, 10).unwrap(), b"0123456789");
        assert!(matches!(
            read_regular(&folder.path().join("none"), 9),
            Err(Unread::Io(error)) if error.kind() == io::ErrorKind::NotFound
        ));
    }
}

/// What stands where a folder of `tips` (the journal, the state folder) or
/// a folder on the way to it belongs, so that it cannot be made: such a
/// folder is not "not created yet".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InTheWay {
    /// A link to something that is not there (a drive not mounted), or
    /// that leads round in a loop.
    LinkToNothing(PathBuf),
    /// A file, or a link to one.
    NotAFolder(PathBuf),
}

impl std::fmt::Display for InTheWay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InTheWay::LinkToNothing(link) => match (fs::metadata(link), fs::read_link(link)) {
                (Err(error), _) if error.raw_os_error() == Some(libc::ELOOP) => {
                    write!(f, "{} is a link that leads round in a loop", link.display())
                }
                (_, Ok(target)) => write!(
                    f,
                    "{} is a link to {}, which is not there",
                    link.display(),
                    target.display()
                ),
                (_, Err(_)) => write!(f, "{} is a link to something not there", link.display()),
            },
            InTheWay::NotAFolder(place) => {
                write!(f, "{} is there, and is not a folder", place.display())
            }
        }
    }
}

/// The first place on the way to `folder`, from `folder` up, that is not a
/// folder and stands where one belongs; `None` where `folder` is there, or
/// could be made.
pub fn in_the_way_of(folder: &Path) -> Option<InTheWay> {
    for place in folder.ancestors() {
        match fs::symlink_metadata(place) {
            // Not there, inside something that is not a folder, or behind
            // a loop of links: the answer is further up.
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) || error.raw_os_error() == Some(libc::ELOOP) => {}
            Err(_) => return None,
            Ok(metadata) if metadata.is_dir() => return None,
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return match fs::metadata(place) {
                    Ok(target) if target.is_dir() => None,
                    Ok(_) => Some(InTheWay::NotAFolder(place.to_path_buf())),
                    Err(_) => Some(InTheWay::LinkToNothing(place.to_path_buf())),
                }
            }
            Ok(_) => return Some(InTheWay::NotAFolder(place.to_path_buf())),
        }
    }
    None
}
