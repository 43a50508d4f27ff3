//! The image types Pas à Pas accepts, in one place: beside a lesson (`/medias`, the content
//! checker, the Markdown of an image), uploaded by a trainer, attached in an exercise. Also
//! the `accept` attributes of the file inputs (only hints for the file dialog: every file is
//! checked on the server by its first bytes). Compiles for the browser too.

/// An image type: PNG, JPEG, GIF or WebP.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageType {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageType {
    /// Every type, in the order the lists show them.
    pub const ALL: [ImageType; 4] = [Self::Png, Self::Jpeg, Self::Gif, Self::Webp];

    /// The extension given to a stored file of this type.
    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    /// Every extension a file of this type may have (lower-case; names are compared
    /// without case).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Self::Png => &["png"],
            Self::Jpeg => &["jpg", "jpeg"],
            Self::Gif => &["gif"],
            Self::Webp => &["webp"],
        }
    }

    /// The MIME type it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::Gif => "image/gif",
            Self::Webp => "image/webp",
        }
    }

    /// The type of an extension (`"JPG"`, `"webp"`…), without case.
    pub fn from_extension(ext: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.extensions().iter().any(|e| e.eq_ignore_ascii_case(ext)))
    }

    /// The type of a file's name or path, from the extension after its last dot.
    pub fn from_path(path: &str) -> Option<Self> {
        path.rsplit_once('.')
            .and_then(|(_, ext)| Self::from_extension(ext))
    }

    /// The type of a file from its first bytes (never from its name).
    pub fn sniff(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0x89, b'P', b'N', b'G', ..] => Some(Self::Png),
            [0xFF, 0xD8, 0xFF, ..] => Some(Self::Jpeg),
            [b'G', b'I', b'F', b'8', ..] => Some(Self::Gif),
            [
                b'R',
                b'I',
                b'F',
                b'F',
                _,
                _,
                _,
                _,
                b'W',
                b'E',
                b'B',
                b'P',
                ..,
            ] => Some(Self::Webp),
            _ => None,
        }
    }
}

/// What may sit beside a lesson and be served by `/medias`: an image of the types above,
/// or an SVG drawing kept in `content/` (checked by the loader's `illustrations`: no script,
/// no event handler, no external reference). An SVG is never uploaded: the upload sniffs
/// the bytes, and [`ImageType::sniff`] never says SVG.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonMedia {
    Image(ImageType),
    Svg,
}

/// The MIME type of an SVG drawing.
pub const SVG_MIME: &str = "image/svg+xml";

impl LessonMedia {
    /// The kind of a file beside a lesson, from its extension (without case).
    pub fn from_extension(ext: &str) -> Option<Self> {
        if ext.eq_ignore_ascii_case("svg") {
            return Some(Self::Svg);
        }
        ImageType::from_extension(ext).map(Self::Image)
    }

    /// The kind of a file's name or path.
    pub fn from_path(path: &str) -> Option<Self> {
        path.rsplit_once('.')
            .and_then(|(_, ext)| Self::from_extension(ext))
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Image(t) => t.mime(),
            Self::Svg => SVG_MIME,
        }
    }
}

/// `accept` of an image input, by MIME type only (the trainers' image upload). The trainer
/// page writes it as a literal (a test checks it is this one): the editor's view with a
/// non-literal attribute there goes over the compiler's query depth.
pub const IMAGE_MIME_ACCEPT: &str = "image/png,image/jpeg,image/gif,image/webp";

/// `accept` of an image input, by MIME type and extension (exercises).
pub const IMAGE_ACCEPT: &str =
    "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,.jpeg,.gif,.webp";

/// `accept` of a document input: PDF, office documents, plain text (exercises).
pub const DOCUMENT_ACCEPT: &str = "application/pdf,.pdf,.docx,.odt,.xlsx,.ods,.txt,.csv";

/// `accept` of an input taking a photo or a document (a pretend public-service site).
pub const IMAGE_OR_DOCUMENT_ACCEPT: &str = "image/png,image/jpeg,image/gif,image/webp,.png,.jpg,\
    .jpeg,.gif,.webp,application/pdf,.pdf,.docx,.odt,.xlsx,.ods,.txt,.csv";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_mime_types_go_both_ways() {
        assert_eq!(ImageType::from_extension("JPEG"), Some(ImageType::Jpeg));
        assert_eq!(ImageType::from_extension("jpg"), Some(ImageType::Jpeg));
        assert_eq!(ImageType::from_extension("svg"), None);
        assert_eq!(
            ImageType::from_path("dossier/Photo.WebP"),
            Some(ImageType::Webp)
        );
        assert_eq!(ImageType::from_path("sans-extension"), None);
        assert_eq!(ImageType::Jpeg.extension(), "jpg");
        for t in ImageType::ALL {
            assert_eq!(ImageType::from_extension(t.extension()), Some(t));
            assert_eq!(
                t.mime(),
                format!("image/{}", t.extensions().last().unwrap())
            );
        }
    }

    #[test]
    fn svg_drawings_sit_beside_lessons_but_are_never_an_uploaded_image() {
        assert_eq!(LessonMedia::from_path("a/b.SVG"), Some(LessonMedia::Svg));
        assert_eq!(LessonMedia::Svg.mime(), "image/svg+xml");
        assert_eq!(
            LessonMedia::from_path("photo.jpeg"),
            Some(LessonMedia::Image(ImageType::Jpeg))
        );
        assert_eq!(LessonMedia::from_path("page.html"), None);
        assert_eq!(ImageType::from_extension("svg"), None);
        assert_eq!(
            ImageType::sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\">"),
            None
        );
    }

    #[test]
    fn images_are_recognised_by_their_bytes() {
        let kind = |bytes: &[u8]| ImageType::sniff(bytes).map(ImageType::extension);
        assert_eq!(kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(kind(b"\xFF\xD8\xFF\xE0...."), Some("jpg"));
        assert_eq!(kind(b"<svg>"), None);
    }

    #[test]
    fn a_type_is_sniffed_from_its_first_bytes() {
        assert_eq!(
            ImageType::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(ImageType::Png)
        );
        assert_eq!(
            ImageType::sniff(b"\xFF\xD8\xFF\xE0...."),
            Some(ImageType::Jpeg)
        );
        assert_eq!(ImageType::sniff(b"GIF89a"), Some(ImageType::Gif));
        assert_eq!(
            ImageType::sniff(b"RIFF\0\0\0\0WEBPVP8 "),
            Some(ImageType::Webp)
        );
        assert_eq!(ImageType::sniff(b"RIFF\0\0\0\0WAVE...."), None);
        assert_eq!(ImageType::sniff(b"<svg>"), None);
        assert_eq!(ImageType::sniff(b""), None);
    }

    #[test]
    fn the_trainer_page_accepts_every_image_type() {
        let page = include_str!("pages/trainer.rs");
        assert!(page.contains(&format!("accept=\"{IMAGE_MIME_ACCEPT}\"")));
    }

    #[test]
    fn the_accept_attributes_list_every_type() {
        let mimes: Vec<&str> = ImageType::ALL.iter().map(|t| t.mime()).collect();
        assert_eq!(IMAGE_MIME_ACCEPT, mimes.join(","));
        let extensions: Vec<String> = ImageType::ALL
            .iter()
            .flat_map(|t| t.extensions())
            .map(|e| format!(".{e}"))
            .collect();
        assert_eq!(
            IMAGE_ACCEPT,
            format!("{IMAGE_MIME_ACCEPT},{}", extensions.join(","))
        );
        assert_eq!(
            IMAGE_OR_DOCUMENT_ACCEPT,
            format!("{IMAGE_ACCEPT},{DOCUMENT_ACCEPT}")
        );
    }
}
