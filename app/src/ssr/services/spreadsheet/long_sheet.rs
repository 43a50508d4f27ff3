//! A long table streamed as an XLSX workbook: each row is zipped and sent as it is given,
//! so that the first bytes of a year's sessions leave at once and neither memory nor disk
//! holds the sheet (issue 21, item 7).
//!
//! The archive holds what rust_xlsxwriter writes for the same table, part for part: the
//! parts that do not hold rows (styles, workbook, relationships, properties) and each
//! sheet's beginning and end (columns' widths, view) are taken from a small workbook
//! rust_xlsxwriter makes with the same sheets; the rows are written here as its constant
//! memory mode writes them (inline strings, the same escapes, the header's and the dates'
//! formats). Only the sheet's `<dimension>`, an optional hint of the range used, is left
//! out: it comes before the rows. The test `the_workbook_is_rust_xlsxwriters_part_for_part`
//! compares the two archives.

use std::fmt::Write as _;
use std::io::{Read, Write};

use rust_xlsxwriter::{ExcelDateTime, Workbook, XlsxError, column_number_to_name};
use zip::ZipWriter;
use zip::write::{SimpleFileOptions, StreamWriter};

use super::cells::{Cell, Formats, RowKind, SHEET_ROWS, Widths, iso_day, write_row};

/// The formats of the header's cells and of the dates, in the order the sheets' template
/// uses them first ([`template`]): rust_xlsxwriter numbers them from 1 in that order.
const HEADER_XF: u32 = 1;
const DATE_XF: u32 = 2;

/// Excel's longest text in a cell, in characters.
const MAX_TEXT: usize = 32_767;

/// A long table written row after row to `W` as a zipped XLSX workbook, its header on top
/// of each sheet; a table longer than a sheet goes on in a second one ("Séances (2)", …).
/// The columns are as wide as the header and the rows of the first call to
/// [`LongSheet::rows`] (and, for a later sheet, every row before it) make them. CPU and
/// writing work: use it on a blocking thread.
pub struct LongSheet<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    name: String,
    header: Vec<Cell>,
    widths: Widths,
    /// The sheets begun: their names and widths.
    sheets: Vec<(String, Widths)>,
    /// The end of the sheet being written, after its rows (`None`: no sheet open).
    tail: Option<String>,
    /// rust_xlsxwriter's workbook for the sheets begun ([`template`]): each new sheet's
    /// beginning and end, and at the end the parts without rows.
    book: Vec<u8>,
    /// The columns' names (`A`, `B`, …) of the header's cells.
    columns: Vec<String>,
    /// The sheet's next row (0 for the first).
    next: u32,
    /// The rows of a sheet ([`SHEET_ROWS`]; fewer in tests).
    limit: u32,
    buf: String,
}

impl<W: Write> LongSheet<W> {
    pub fn new<S: AsRef<str>>(name: &str, header: &[S], out: W) -> LongSheet<W> {
        LongSheet::with_limit(name, header, out, SHEET_ROWS)
    }

    fn with_limit<S: AsRef<str>>(name: &str, header: &[S], out: W, limit: u32) -> LongSheet<W> {
        let header: Vec<Cell> = header.iter().map(|h| Cell::text(h.as_ref())).collect();
        let mut widths = Widths::default();
        widths.measure(RowKind::Header, &header);
        let columns = (0..header.len())
            .map_while(|c| u16::try_from(c).ok().map(column_number_to_name))
            .collect();
        LongSheet {
            zip: ZipWriter::new_stream(out),
            name: name.to_string(),
            header,
            widths,
            sheets: Vec::new(),
            tail: None,
            book: Vec::new(),
            columns,
            next: 0,
            limit: limit.max(2),
            buf: String::new(),
        }
    }

    /// Rows of data after those already written, zipped and written out.
    pub fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
        if self.tail.is_none() {
            for cells in rows {
                self.widths.measure(RowKind::Data, cells);
            }
            self.start_sheet()?;
        }
        for cells in rows {
            if self.next >= self.limit {
                self.end_sheet()?;
                self.start_sheet()?;
            }
            self.widths.measure(RowKind::Data, cells);
            row_xml(
                &mut self.buf,
                &self.columns,
                self.next,
                RowKind::Data,
                cells,
            )?;
            self.next += 1;
        }
        self.zip.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    /// The end of the workbook; gives back the writer.
    pub fn finish(mut self) -> Result<W, XlsxError> {
        if self.tail.is_none() {
            self.start_sheet()?;
        }
        self.end_sheet()?;
        // The last sheet's template has every sheet.
        let mut book = zip::ZipArchive::new(std::io::Cursor::new(&self.book))?;
        let mut part = Vec::new();
        for i in 0..book.len() {
            let mut file = book.by_index(i)?;
            let name = file.name()?.into_owned();
            if is_sheet(&name) {
                continue;
            }
            part.clear();
            file.read_to_end(&mut part)?;
            self.zip.start_file(name, options())?;
            self.zip.write_all(&part)?;
        }
        let mut out = self.zip.finish()?.into_inner();
        out.flush()?;
        Ok(out)
    }

    /// A new sheet, its header written: the first one named as the table, the next ones
    /// "name (2)", ….
    fn start_sheet(&mut self) -> Result<(), XlsxError> {
        let n = self.sheets.len() + 1;
        let name = if n == 1 {
            self.name.clone()
        } else {
            format!("{} ({n})", self.name)
        };
        self.sheets.push((name, self.widths.clone()));
        self.book = template(&self.sheets, &self.header)?;
        let (head, tail) = sheet_ends(&self.book, n)?;
        self.zip
            .start_file(format!("xl/worksheets/sheet{n}.xml"), options())?;
        self.buf.push_str(&head);
        self.buf.push_str("<sheetData>");
        row_xml(
            &mut self.buf,
            &self.columns,
            0,
            RowKind::Header,
            &self.header,
        )?;
        self.next = 1;
        self.tail = Some(tail);
        Ok(())
    }

    fn end_sheet(&mut self) -> Result<(), XlsxError> {
        if let Some(tail) = self.tail.take() {
            self.buf.push_str(&tail);
            self.zip.write_all(self.buf.as_bytes())?;
            self.buf.clear();
        }
        Ok(())
    }
}

/// The archive's options for every part, as rust_xlsxwriter sets them.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .unix_permissions(0o600)
        .last_modified_time(zip::DateTime::default())
}

fn is_sheet(part: &str) -> bool {
    part.starts_with("xl/worksheets/sheet")
}

/// The workbook rust_xlsxwriter writes in constant memory mode for `sheets` (names and
/// widths), each with the header (format [`HEADER_XF`]) and one date (format
/// [`DATE_XF`]): the parts without rows, and each sheet's beginning and end.
fn template(sheets: &[(String, Widths)], header: &[Cell]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    for (name, widths) in sheets {
        let sheet = book.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        let header = (RowKind::Header, header);
        write_row(sheet, 0, header, &formats, &mut Widths::default())?;
        sheet.write_datetime_with_format(
            1,
            0,
            &ExcelDateTime::from_ymd(2026, 1, 1)?,
            &formats.date,
        )?;
        widths.set(sheet)?;
    }
    book.save_to_buffer()
}

/// The beginning of sheet `n` of `book` up to its rows (without `<dimension>`), and its end
/// from `</sheetData>`.
fn sheet_ends(book: &[u8], n: usize) -> Result<(String, String), XlsxError> {
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(book))?;
    let mut xml = String::new();
    book.by_name(&format!("xl/worksheets/sheet{n}.xml"))?
        .read_to_string(&mut xml)?;
    let unexpected = || XlsxError::CustomError("unexpected sheet template".to_string());
    let rows = xml.find("<sheetData>").ok_or_else(unexpected)?;
    let end = xml.find("</sheetData>").ok_or_else(unexpected)?;
    let mut head = xml[..rows].to_string();
    if let Some(at) = head.find("<dimension ") {
        let len = head[at..].find("/>").ok_or_else(unexpected)? + 2;
        head.replace_range(at..at + len, "");
    }
    Ok((head, xml[end..].to_string()))
}

/// Row `r` (0 for the first) as rust_xlsxwriter writes it in constant memory mode.
fn row_xml(
    buf: &mut String,
    columns: &[String],
    r: u32,
    kind: RowKind,
    cells: &[Cell],
) -> Result<(), XlsxError> {
    let row = r + 1;
    let _ = write!(buf, r#"<row r="{row}">"#);
    for (c, cell) in cells.iter().enumerate() {
        let col = match columns.get(c) {
            Some(name) => std::borrow::Cow::Borrowed(name.as_str()),
            None => u16::try_from(c)
                .map(column_number_to_name)
                .map(std::borrow::Cow::Owned)
                .map_err(|_| XlsxError::RowColumnLimitError)?,
        };
        match cell {
            Cell::Empty => {}
            Cell::Text(s) => {
                let xf = if kind == RowKind::Header {
                    HEADER_XF
                } else {
                    0
                };
                text_xml(buf, &col, row, s, xf)?;
            }
            Cell::Int(n) => {
                #[allow(clippy::cast_precision_loss)]
                number_xml(buf, &col, row, *n as f64, 0);
            }
            Cell::Decimal(x) => number_xml(buf, &col, row, *x, 0),
            Cell::Date(d) => match iso_day(d) {
                Some((y, m, day)) => {
                    let serial = ExcelDateTime::from_ymd(y, m, day)?.to_excel();
                    number_xml(buf, &col, row, serial, DATE_XF);
                }
                None => text_xml(buf, &col, row, d, 0)?,
            },
        }
    }
    buf.push_str("</row>");
    Ok(())
}

/// The beginning of a cell's element, up to its attributes: `<c r="B2" s="1"`.
fn open_cell(buf: &mut String, col: &str, row: u32, xf: u32) {
    let _ = write!(buf, r#"<c r="{col}{row}""#);
    if xf > 0 {
        let _ = write!(buf, r#" s="{xf}""#);
    }
}

fn number_xml(buf: &mut String, col: &str, row: u32, x: f64, xf: u32) {
    if x.is_finite() {
        open_cell(buf, col, row, xf);
        let _ = write!(buf, "><v>{x}</v></c>");
    }
}

/// An inline text cell (none for an empty text), escaped as Excel does: `&`, `<`, `>`, control characters as
/// `_xHHHH_` (and a text that looks like one with its `_` escaped), spaces kept at the ends.
fn text_xml(buf: &mut String, col: &str, row: u32, s: &str, xf: u32) -> Result<(), XlsxError> {
    if s.is_empty() {
        // Nothing, or a blank cell of its format.
        if xf > 0 {
            open_cell(buf, col, row, xf);
            buf.push_str("/>");
        }
        return Ok(());
    }
    if s.chars().count() > MAX_TEXT {
        return Err(XlsxError::MaxStringLengthExceeded);
    }
    let ends = ['\t', '\n', ' '];
    let preserve = if s.starts_with(ends) || s.ends_with(ends) {
        r#" xml:space="preserve""#
    } else {
        ""
    };
    open_cell(buf, col, row, xf);
    let _ = write!(buf, r#" t="inlineStr"><is><t{preserve}>"#);
    for (i, ch) in s.char_indices() {
        match ch {
            '&' => buf.push_str("&amp;"),
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '\t' | '\n' => buf.push(ch),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(buf, "_x{:04X}_", u32::from(ch));
            }
            '_' if looks_escaped(&s.as_bytes()[i..]) => buf.push_str("_x005F_"),
            _ => buf.push(ch),
        }
    }
    buf.push_str("</t></is></c>");
    Ok(())
}

/// Whether `bytes` start like an escape `_xHHHH_` (hexadecimal digits).
fn looks_escaped(bytes: &[u8]) -> bool {
    bytes.len() >= 7
        && bytes[1] == b'x'
        && bytes[2..6].iter().all(u8::is_ascii_hexdigit)
        && bytes[6] == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::stats::SESSIONS_SHEET as SHEET;

    /// Every part of an archive by name, the sheets without their `<dimension>`; the
    /// properties' dates left out.
    fn parts(xlsx: &[u8]) -> Vec<(String, String)> {
        let mut book = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
        let mut parts = Vec::new();
        for i in 0..book.len() {
            let mut file = book.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            let mut xml = String::new();
            file.read_to_string(&mut xml).unwrap();
            if name == "docProps/core.xml" {
                xml = xml
                    .split("<dcterms:")
                    .next()
                    .unwrap_or_default()
                    .to_string();
            }
            if is_sheet(&name)
                && let Some(at) = xml.find("<dimension ")
            {
                let len = xml[at..].find("/>").unwrap() + 2;
                xml.replace_range(at..at + len, "");
            }
            parts.push((name, xml));
        }
        parts.sort();
        parts
    }

    /// The same table written by rust_xlsxwriter (constant memory), `per_sheet` rows of
    /// data a sheet, each sheet as wide as its `widths`.
    fn by_rust_xlsxwriter(
        name: &str,
        header: &[Cell],
        rows: &[Vec<Cell>],
        per_sheet: usize,
        widths: &[Widths],
    ) -> Vec<u8> {
        let mut book = Workbook::new();
        let formats = Formats::new();
        for (n, chunk) in rows.chunks(per_sheet).enumerate() {
            let sheet = book.add_worksheet_with_constant_memory().unwrap();
            let sheet_name = if n == 0 {
                name.to_string()
            } else {
                format!("{name} ({})", n + 1)
            };
            sheet.set_name(sheet_name).unwrap();
            let mut ignored = Widths::default();
            write_row(sheet, 0, (RowKind::Header, header), &formats, &mut ignored).unwrap();
            for (r, cells) in chunk.iter().enumerate() {
                let r = u32::try_from(r + 1).unwrap();
                write_row(sheet, r, (RowKind::Data, cells), &formats, &mut ignored).unwrap();
            }
            widths[n].set(sheet).unwrap();
        }
        book.save_to_buffer().unwrap()
    }

    fn rows() -> Vec<Vec<Cell>> {
        let texts = [
            "Jeanne",
            " space first",
            "fin\tet\nlignes\n",
            "a & b < c > d \"e\" 'f'",
            "control \u{1}\u{1f} end, ünïcode",
            "_x0041_ escaped already, _x12_ not",
            "=SOMME(A1:A2)",
            "",
        ];
        (0..7)
            .map(|n| {
                vec![
                    Cell::Date(format!("2026-03-0{}", n + 1)),
                    Cell::text(texts[n % texts.len()]),
                    Cell::Int(i64::try_from(n).unwrap() * 45),
                    Cell::Decimal(0.75 * f64::from(u8::try_from(n).unwrap())),
                    Cell::Empty,
                    Cell::Date("pas une date".into()),
                    Cell::text(texts[(n + 1) % texts.len()]),
                ]
            })
            .collect()
    }

    #[test]
    fn the_workbook_is_rust_xlsxwriters_part_for_part() {
        let header: Vec<Cell> = ["date", "personne", "minutes", "heures", "vide", "x", "note"]
            .iter()
            .map(|h| Cell::text(*h))
            .collect();
        let rows = rows();
        // Three rows of data a sheet: three sheets, the last of one row; given in two calls
        // (the first sheet as wide as the first call's rows, the next ones as the rows
        // before them).
        let mut long = LongSheet::with_limit(
            SHEET,
            &["date", "personne", "minutes", "heures", "vide", "x", "note"],
            Vec::new(),
            4,
        );
        long.rows(&rows[..5]).unwrap();
        long.rows(&rows[5..]).unwrap();
        let widths: Vec<Widths> = long.sheets.iter().map(|s| s.1.clone()).collect();
        assert_ne!(widths[0], widths[2], "the last sheet is wider");
        let ours = long.finish().unwrap();
        assert!(ours.starts_with(b"PK"));
        let theirs = by_rust_xlsxwriter(SHEET, &header, &rows, 3, &widths);
        let (ours, theirs) = (parts(&ours), parts(&theirs));
        let names: Vec<&str> = ours.iter().map(|p| p.0.as_str()).collect();
        assert!(names.contains(&"xl/worksheets/sheet3.xml"), "{names:?}");
        assert!(!names.contains(&"xl/worksheets/sheet4.xml"), "{names:?}");
        for ((our_name, our_xml), (their_name, their_xml)) in ours.iter().zip(&theirs) {
            assert_eq!(our_name, their_name);
            assert_eq!(our_xml, their_xml, "{our_name}");
        }
        assert_eq!(ours.len(), theirs.len());
    }

    #[test]
    fn a_table_without_rows_is_its_header() {
        let ours = LongSheet::new(SHEET, &["date", "n"], Vec::new())
            .finish()
            .unwrap();
        let header = [Cell::text("date"), Cell::text("n")];
        let mut widths = Widths::default();
        widths.measure(RowKind::Header, &header);
        let mut book = Workbook::new();
        let sheet = book.add_worksheet_with_constant_memory().unwrap();
        sheet.set_name(SHEET).unwrap();
        write_row(
            sheet,
            0,
            (RowKind::Header, &header),
            &Formats::new(),
            &mut Widths::default(),
        )
        .unwrap();
        widths.set(sheet).unwrap();
        // The date's format is declared in ours, unused.
        let theirs = parts(&book.save_to_buffer().unwrap());
        let ours = parts(&ours);
        let sheet = |p: &[(String, String)]| {
            p.iter()
                .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
                .unwrap()
                .1
                .clone()
        };
        assert_eq!(sheet(&ours), sheet(&theirs));
    }

    #[test]
    fn a_text_longer_than_excel_takes_is_an_error() {
        let mut long = LongSheet::new(SHEET, &["note"], Vec::new());
        let long_text = "a".repeat(MAX_TEXT + 1);
        assert!(matches!(
            long.rows(&[vec![Cell::text(long_text)]]),
            Err(XlsxError::MaxStringLengthExceeded)
        ));
    }
}
