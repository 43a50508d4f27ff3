//! Files uploaded in exercises: their kind from their first bytes.

use crate::media::{DOCUMENT_ACCEPT, IMAGE_ACCEPT, ImageType};
use crate::model::FileKind;

/// The kind of an uploaded file, from its first bytes (never from its name alone);
/// `None` if it is not a kind accepted in exercises.
pub fn sniff(name: &str, bytes: &[u8]) -> Option<FileKind> {
    if ImageType::sniff(bytes).is_some() {
        return Some(FileKind::Image);
    }
    let lower = name.to_lowercase();
    let document = bytes.starts_with(b"%PDF")
        // Office documents are zip files; plain text has no NUL byte.
        || (bytes.starts_with(b"PK\x03\x04")
            && [".docx", ".odt", ".xlsx", ".ods"].iter().any(|e| lower.ends_with(e)))
        || ([".txt", ".csv"].iter().any(|e| lower.ends_with(e)) && !bytes.contains(&0));
    document.then_some(FileKind::Document)
}

/// The `accept` attribute of a file input: the kinds [`sniff`] recognises, so that the file
/// dialog shows them first (it is only a hint: every file is checked on the server).
/// `None`: any file.
pub fn accept(kind: Option<FileKind>) -> &'static str {
    match kind {
        Some(FileKind::Image) => IMAGE_ACCEPT,
        Some(FileKind::Document) => DOCUMENT_ACCEPT,
        Some(FileKind::Fichier) | None => "",
    }
}
