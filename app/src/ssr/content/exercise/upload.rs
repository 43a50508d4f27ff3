//! Files uploaded in exercises: their kind from their first bytes.

use crate::model::FileKind;

/// The kind of an uploaded file, from its first bytes (never from its name alone);
/// `None` if it is not a kind accepted in exercises.
pub fn sniff(name: &str, bytes: &[u8]) -> Option<FileKind> {
    let image = bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || (bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP");
    if image {
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
    const IMAGES: &str = "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp";
    const DOCUMENTS: &str = "application/pdf,.pdf,.docx,.odt,.xlsx,.ods,.txt,.csv";
    match kind {
        Some(FileKind::Image) => IMAGES,
        Some(FileKind::Document) => DOCUMENTS,
        Some(FileKind::Fichier) | None => "",
    }
}
