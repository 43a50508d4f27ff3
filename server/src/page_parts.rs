//! A page made of fixed parts with small holes between them, kept ready to send both as it
//! is and compressed with gzip, without copying or compressing the fixed parts again.
//!
//! The gzip form relies on two properties of DEFLATE (RFC 1951) and gzip (RFC 1952): a
//! stream of blocks may be cut after any block that ends on a byte boundary (what a "sync
//! flush" produces) and continued with blocks compressed separately, and a gzip member's
//! trailer only needs the CRC-32 and the length of the whole text, which combine from
//! those of its pieces. So each fixed part is compressed once, when the page is kept; a
//! hole is written as a "stored" (uncompressed) block; and the trailer is computed from
//! the parts' precomputed CRC-32 values. The result is one ordinary gzip member that any
//! browser reads (a test decodes it with a strict decoder that checks the CRC and length).

use std::convert::Infallible;
use std::io::Write;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::http::{HeaderMap, header};
use bytes::{BufMut, Bytes, BytesMut};
use crc32fast::Hasher;
use flate2::Compression;
use flate2::write::DeflateEncoder;
use http_body::{Frame, SizeHint};

/// The 10-byte gzip header: DEFLATE, no flags, no time, unknown system.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
/// The last block of the stream: final, fixed Huffman codes, nothing but its end.
const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];
/// The most a stored block holds.
const MAX_STORED: usize = u16::MAX as usize;

#[derive(Debug)]
pub struct PageParts {
    plain: Vec<Bytes>,
    /// Each part as DEFLATE blocks ending on a byte boundary (the first after the header).
    deflated: Vec<Bytes>,
    /// The CRC-32 of each part (with its length), to combine with the holes'.
    crcs: Vec<Hasher>,
}

impl PageParts {
    /// Keeps the parts, compressing each of them once.
    pub fn new(parts: &[&str]) -> Self {
        let mut page = Self {
            plain: Vec::with_capacity(parts.len()),
            deflated: Vec::with_capacity(parts.len()),
            crcs: Vec::with_capacity(parts.len()),
        };
        for (i, part) in parts.iter().map(|p| p.as_bytes()).enumerate() {
            // The first part carries the gzip header.
            let mut deflated = if i == 0 {
                GZIP_HEADER.to_vec()
            } else {
                Vec::new()
            };
            deflated.extend(deflate_flushed(part));
            let mut crc = Hasher::new();
            crc.update(part);
            page.plain.push(Bytes::copy_from_slice(part));
            page.deflated.push(Bytes::from(deflated));
            page.crcs.push(crc);
        }
        page
    }

    /// The page with `holes` between its parts (one fewer than the parts), as it is.
    pub fn plain(&self, holes: Vec<Bytes>) -> Chunks {
        debug_assert_eq!(holes.len() + 1, self.plain.len());
        let mut chunks = Vec::with_capacity(self.plain.len() * 2);
        let mut holes = holes.into_iter();
        for part in &self.plain {
            chunks.push(part.clone());
            chunks.extend(holes.next());
        }
        Chunks::new(chunks)
    }

    /// The page with `holes` between its parts, as one gzip member.
    pub fn gzip(&self, holes: Vec<Bytes>) -> Chunks {
        debug_assert_eq!(holes.len() + 1, self.plain.len());
        let mut chunks = Vec::with_capacity(self.plain.len() * 2 + 1);
        let mut crc = Hasher::new();
        let mut holes = holes.into_iter();
        for (part, part_crc) in self.deflated.iter().zip(&self.crcs) {
            chunks.push(part.clone());
            crc.combine(part_crc);
            if let Some(hole) = holes.next() {
                let mut hole_crc = Hasher::new();
                hole_crc.update(&hole);
                crc.combine(&hole_crc);
                chunks.push(stored(&hole));
            }
        }
        let length = crc.total_len();
        let mut trailer = BytesMut::with_capacity(10);
        trailer.put_slice(&FINAL_BLOCK);
        trailer.put_u32_le(crc.finalize());
        // ISIZE is the length modulo 2^32 (RFC 1952).
        trailer.put_u32_le(length as u32);
        chunks.push(trailer.freeze());
        Chunks::new(chunks)
    }
}

/// `data` compressed as DEFLATE blocks, the last one not final and ending on a byte
/// boundary (a sync flush), so that more blocks may follow.
fn deflate_flushed(data: &[u8]) -> Vec<u8> {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    encoder.write_all(data).expect("write to memory");
    encoder.flush().expect("flush to memory");
    // Taken before the encoder is dropped: dropping it finishes the stream, into the
    // empty Vec left behind.
    std::mem::take(encoder.get_mut())
}

/// `data` as stored blocks: not final, byte-aligned, as long as `data` plus 5 bytes a block.
fn stored(data: &[u8]) -> Bytes {
    let blocks = data.len().div_ceil(MAX_STORED);
    let mut out = BytesMut::with_capacity(data.len() + 5 * blocks);
    for piece in data.chunks(MAX_STORED) {
        let len = piece.len() as u16;
        // BFINAL = 0, BTYPE = 00 (stored), then LEN and its one's complement.
        out.put_u8(0);
        out.put_u16_le(len);
        out.put_u16_le(!len);
        out.put_slice(piece);
    }
    out.freeze()
}

/// Does the client accept gzip (`gzip` or `x-gzip` with a quality above 0)? The same rule
/// as the compression layer's, which only knows gzip: an entry whose quality is not a
/// number from 0 to 1 is ignored.
pub fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut fields = coding.split(';');
            let name = fields.next().unwrap_or("").trim();
            let gzip = name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip");
            let mut quality = 1.0;
            for field in fields {
                let Some((key, value)) = field.split_once('=') else {
                    return false;
                };
                if key.trim().eq_ignore_ascii_case("q") {
                    match value.trim().parse::<f32>() {
                        Ok(q) if (0.0..=1.0).contains(&q) => quality = q,
                        _ => return false,
                    }
                }
            }
            gzip && quality > 0.0
        })
}

/// A response body sent as the pieces it is made of (no copy into one buffer).
#[derive(Debug)]
pub struct Chunks {
    chunks: std::vec::IntoIter<Bytes>,
    remaining: u64,
}

impl Chunks {
    fn new(mut chunks: Vec<Bytes>) -> Self {
        chunks.retain(|c| !c.is_empty());
        Self {
            remaining: chunks.iter().map(|c| c.len() as u64).sum(),
            chunks: chunks.into_iter(),
        }
    }
}

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        Poll::Ready(this.chunks.next().map(|chunk| {
            this.remaining -= chunk.len() as u64;
            Ok(Frame::data(chunk))
        }))
    }

    fn is_end_stream(&self) -> bool {
        self.remaining == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.remaining)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use axum::http::HeaderValue;
    use http_body::Body as _;
    use http_body_util::BodyExt;

    async fn collect(chunks: Chunks) -> Vec<u8> {
        chunks.collect().await.unwrap().to_bytes().to_vec()
    }

    fn holes(h: &[&str]) -> Vec<Bytes> {
        h.iter()
            .map(|s| Bytes::copy_from_slice(s.as_bytes()))
            .collect()
    }

    fn gunzip(data: &[u8]) -> String {
        // flate2's decoder checks the trailer's CRC-32 and length.
        let mut out = String::new();
        flate2::read::GzDecoder::new(data)
            .read_to_string(&mut out)
            .expect("a valid gzip member");
        out
    }

    #[tokio::test]
    async fn the_gzip_form_is_one_valid_member_of_the_same_page() {
        let page = "<html class=\"X\"><p>Bonjour X, à l'étape X.</p></html>".repeat(30);
        let parts: Vec<&str> = page.splitn(4, 'X').collect();
        let parts = PageParts::new(&parts);
        let long_name = "é".repeat(40_000); // 80 000 bytes: two stored blocks
        for h in [
            ["grand", "Zoé", "1795498929"],
            ["", "", "1"],
            ["", &long_name, ""],
        ] {
            let expected: String = {
                let mut s = String::new();
                for (i, p) in page.splitn(4, 'X').enumerate() {
                    s.push_str(p);
                    if i < 3 {
                        s.push_str(h[i]);
                    }
                }
                s
            };
            let plain = parts.plain(holes(&h));
            assert_eq!(plain.size_hint().exact(), Some(expected.len() as u64));
            assert_eq!(String::from_utf8(collect(plain).await).unwrap(), expected);
            let gzip = parts.gzip(holes(&h));
            let size = gzip.size_hint().exact().unwrap();
            let bytes = collect(gzip).await;
            assert_eq!(bytes.len() as u64, size);
            assert_eq!(gunzip(&bytes), expected);
        }
        // Compressed once: far smaller than the page.
        let bytes = collect(parts.gzip(holes(&["a", "b", "c"]))).await;
        assert!(bytes.len() < page.len() / 5, "{} bytes", bytes.len());
    }

    #[tokio::test]
    async fn a_page_of_one_part_or_with_empty_parts_is_still_valid() {
        let one = PageParts::new(&["tout"]);
        assert_eq!(gunzip(&collect(one.gzip(Vec::new())).await), "tout");
        let empty = PageParts::new(&["", "", ""]);
        assert_eq!(gunzip(&collect(empty.gzip(holes(&["a", ""]))).await), "a");
    }

    #[test]
    fn gzip_is_sent_only_to_who_accepts_it() {
        let accepts = |v: &str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_str(v).unwrap());
            accepts_gzip(&h)
        };
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts("x-gzip"));
        assert!(!accepts("br"));
        assert!(accepts("gzip; Q=0.1"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("gzip;Q=0"));
        assert!(!accepts("gzip; q=0.0, identity"));
        assert!(!accepts("gzip;q=2"), "not a quality");
        assert!(!accepts("gzip;q=beaucoup"));
        assert!(!accepts("identity"));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }
}
