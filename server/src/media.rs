//! `GET /medias/{module}/{path}`: the images beside a lesson, from `content/` or, when a
//! trainer uploaded them in the browser, from the database (the same on every instance).
//! Both answer conditional requests (`ETag`, `If-None-Match`) and byte ranges.

use std::path::{Component, Path};

use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use app::media::{LessonMedia, SVG_MIME};
use app::ssr::state::AppState;

/// The policy of an SVG drawing itself, should it be opened on its own rather than as an
/// `<img>` source: nothing is loaded or run, only its inline styles apply. The security
/// middleware keeps it (it adds the site's policy only where none is set).
pub const SVG_POLICY: HeaderValue =
    HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox");

const CACHE: HeaderValue = HeaderValue::from_static("public, max-age=3600");
/// A step's audio is named by the hash of what it reads: its address never serves other
/// bytes, so it is kept a year.
const CACHE_FOREVER: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");

/// The handler of [`app::paths::MEDIA_ROUTE`].
pub async fn media(
    State(state): State<AppState>,
    UrlPath((module, path)): UrlPath<(String, String)>,
    req: Request,
) -> Response {
    let catalog = state.content.get();
    let Some(module) = catalog.all().iter().find(|m| m.slug == module) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let relative = Path::new(&path);
    let safe = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    let mime = relative
        .extension()
        .and_then(|e| e.to_str())
        .and_then(LessonMedia::from_extension)
        .map(LessonMedia::mime);
    let (Some(dir), true, Some(mime)) = (module.path.parent(), safe, mime) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    // Uploaded in the browser: from the database, on every instance.
    let uploaded = format!("{}/{path}", module.slug);
    if state.content.tree().overlay().images.contains(&uploaded) {
        return match app::ssr::services::authoring::image(&state.db, &uploaded).await {
            Ok(Some((bytes, _))) => {
                let tag = digest_tag(&bytes);
                stored(req.headers(), mime, CACHE, &tag, bytes)
            }
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Err(e) => {
                tracing::error!(error = %e, "cannot read an uploaded image");
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        };
    }
    let file = dir.join(relative);
    match ServeFile::new_with_mime(&file, &mime.parse().expect("valid mime"))
        .oneshot(req.map(|_| Body::empty()))
        .await
    {
        Ok(res) => {
            let mut res = res.map(Body::new);
            res.headers_mut().insert(header::CACHE_CONTROL, CACHE);
            if mime == SVG_MIME {
                res.headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, SVG_POLICY);
            }
            res
        }
        Err(e) => match e {},
    }
}

/// The handler of [`app::paths::AUDIO_ROUTE`]: a step read aloud (`{key}.mp3`), from the
/// database, with the same conditional requests and byte ranges as images (a player asks
/// for ranges to seek).
pub async fn step_audio(
    State(state): State<AppState>,
    UrlPath(file): UrlPath<String>,
    req: Request,
) -> Response {
    use app::ssr::speech;
    let Some(key) = file.strip_suffix(".mp3").filter(|k| speech::is_key(k)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match speech::stored(&state.db, key).await {
        // The key is already a digest (of the text and the voice): no need to hash the bytes.
        Ok(Some((bytes, _))) => stored(
            req.headers(),
            speech::voice::CONTENT_TYPE,
            CACHE_FOREVER,
            &key[..32],
            bytes,
        ),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "cannot read a step's audio");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// An uploaded image's tag: a digest of its bytes (a name could come back after a delete).
fn digest_tag(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Bytes kept in the database (an uploaded image, a step's audio), tagged by `tag` (hex).
fn stored(
    request: &HeaderMap,
    mime: &'static str,
    cache: HeaderValue,
    tag: &str,
    bytes: Vec<u8>,
) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{tag}\"")).expect("hex is a valid header");
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(mime)),
        (header::CACHE_CONTROL, cache),
        (header::ETAG, etag.clone()),
        (header::ACCEPT_RANGES, HeaderValue::from_static("bytes")),
    ];
    if matches_tag(request.get(header::IF_NONE_MATCH), &etag) {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    // A range is honoured only for this very version of the image (If-Range).
    let same_version = request
        .get(header::IF_RANGE)
        .is_none_or(|v| v.as_bytes() == etag.as_bytes());
    let range = request
        .get(header::RANGE)
        .filter(|_| same_version)
        .and_then(|v| v.to_str().ok());
    match range.map(|r| byte_range(r, bytes.len())) {
        Some(Range::Satisfiable(start, end)) => {
            let content_range = format!("bytes {start}-{end}/{}", bytes.len());
            (
                StatusCode::PARTIAL_CONTENT,
                headers,
                [(
                    header::CONTENT_RANGE,
                    HeaderValue::from_str(&content_range).expect("digits are a valid header"),
                )],
                bytes[start..=end].to_vec(),
            )
                .into_response()
        }
        Some(Range::Unsatisfiable) => (
            StatusCode::RANGE_NOT_SATISFIABLE,
            [(
                header::CONTENT_RANGE,
                HeaderValue::from_str(&format!("bytes */{}", bytes.len()))
                    .expect("digits are a valid header"),
            )],
        )
            .into_response(),
        Some(Range::Whole) | None => (headers, bytes).into_response(),
    }
}

/// `If-None-Match` lists `etag` (or is `*`).
fn matches_tag(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(list) = if_none_match.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let etag = etag.to_str().unwrap_or_default();
    list.split(',')
        .map(str::trim)
        .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

#[derive(Debug, PartialEq, Eq)]
enum Range {
    /// The inclusive byte positions to send.
    Satisfiable(usize, usize),
    /// No byte of the image is in the range asked for.
    Unsatisfiable,
    /// Not one simple range of bytes: the whole image is sent (RFC 9110 lets a server
    /// ignore a range it does not support).
    Whole,
}

/// One `Range: bytes=…` of a body of `len` bytes: `a-b`, `a-` or `-n` (the last n bytes).
fn byte_range(header: &str, len: usize) -> Range {
    let Some(spec) = header.trim().strip_prefix("bytes=") else {
        return Range::Whole;
    };
    if spec.contains(',') {
        return Range::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else {
        return Range::Whole;
    };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let (start, end) = match (first.trim(), last.trim()) {
        ("", "") => return Range::Whole,
        ("", suffix) => match number(suffix) {
            Some(0) => return Range::Unsatisfiable,
            Some(n) => (len.saturating_sub(n), len.saturating_sub(1)),
            None => return Range::Whole,
        },
        (start, "") => match number(start) {
            Some(s) => (s, len.saturating_sub(1)),
            None => return Range::Whole,
        },
        (start, end) => match (number(start), number(end)) {
            (Some(s), Some(e)) if s <= e => (s, e.min(len.saturating_sub(1))),
            _ => return Range::Whole,
        },
    };
    if len == 0 || start >= len {
        Range::Unsatisfiable
    } else {
        Range::Satisfiable(start, end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges() {
        assert_eq!(byte_range("bytes=0-3", 10), Range::Satisfiable(0, 3));
        assert_eq!(byte_range("bytes=4-", 10), Range::Satisfiable(4, 9));
        assert_eq!(byte_range("bytes=-3", 10), Range::Satisfiable(7, 9));
        assert_eq!(byte_range("bytes=-30", 10), Range::Satisfiable(0, 9));
        assert_eq!(byte_range("bytes=5-100", 10), Range::Satisfiable(5, 9));
        assert_eq!(byte_range("bytes=10-", 10), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=-0", 10), Range::Unsatisfiable);
        assert_eq!(byte_range("bytes=0-1,4-5", 10), Range::Whole);
        assert_eq!(byte_range("bytes=5-2", 10), Range::Whole);
        assert_eq!(byte_range("items=0-1", 10), Range::Whole);
        assert_eq!(byte_range("bytes=x-1", 10), Range::Whole);
    }

    #[test]
    fn tags() {
        let etag = HeaderValue::from_static("\"abc\"");
        let v = |s: &'static str| HeaderValue::from_static(s);
        assert!(matches_tag(Some(&v("\"abc\"")), &etag));
        assert!(matches_tag(Some(&v("W/\"abc\", \"x\"")), &etag));
        assert!(matches_tag(Some(&v("*")), &etag));
        assert!(!matches_tag(Some(&v("\"abd\"")), &etag));
        assert!(!matches_tag(None, &etag));
    }
}
