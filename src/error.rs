//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library. Each variant names the
/// file (or document) and, where there is one, the line.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A row of a gazetteer file is malformed.
    #[error("{path}:{line}: {message}")]
    BadRow {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A compiled index is corrupt, truncated or of another version.
    #[error("{path}: {message}")]
    BadIndex {
        /// The file (`<embedded>` for the built-in index).
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Input text is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// The file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A file's format could not be recognised.
    #[error("{path}: {message}")]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
    /// A document is larger than the limit it is read with.
    #[error("{path}: larger than the limit of {limit} bytes")]
    DocumentTooLarge {
        /// The file (`stdin` for standard input).
        path: PathBuf,
        /// The limit in bytes.
        limit: u64,
    },
    /// A document could not be made from an input (a page with no article
    /// text, a folder that cannot be listed).
    #[error("{path}: {message}")]
    BadDocument {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file-name pattern (`--glob`) is malformed.
    #[error("invalid file-name pattern {pattern:?}: {message}")]
    BadPattern {
        /// The pattern as given.
        pattern: String,
        /// What is wrong.
        message: String,
    },
    /// Output could not be written.
    #[error("cannot write {path}: {message}")]
    Output {
        /// The output file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
