//! A table built once, then written as a CSV file for a spreadsheet in French or as an XLSX
//! workbook, so that the two downloads of the same thing never differ (issue 21, item 6).
//!
//! The CSV is made for Excel as LibreOffice in France: a UTF-8 byte order mark (else Excel
//! reads "é" wrong), `;` between cells (`,` is the decimal separator, used for decimals
//! too), lines ended by CRLF, quotes where a cell needs them, and no text cell a
//! spreadsheet would run as a formula ([`csv_cell`]).

pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use super::booklet::csv_cell;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// Words or something typed: always text, never a formula.
    Text(String),
    Int(i64),
    /// A number with decimals (hours), rounded to two: with a decimal comma in the CSV.
    Decimal(f64),
    /// A day, `YYYY-MM-DD`: as is in the CSV, a real date in the workbook.
    Date(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number rounded to two decimals.
    pub fn decimal(x: f64) -> Cell {
        Cell::Decimal((x * 100.0).round() / 100.0)
    }

    /// A count (`u64` from the database) as a number.
    pub fn count(n: u64) -> Cell {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The cell as the CSV file writes it.
    fn csv(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => csv_cell(s),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(x) => french_decimal(*x),
            Cell::Date(d) => d.clone(),
        }
    }
}

/// `4.5` → `4,5`, `3.0` → `3`, `3.0833` → `3,08`.
fn french_decimal(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    s.replace('.', ",")
}

/// `2026-03-01` → `(2026, 3, 1)`.
fn iso_day(d: &str) -> Option<(u16, u8, u8)> {
    let mut parts = d.splitn(3, '-');
    Some((
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    ))
}

/// What a row is, for the workbook's look (titles and headers in bold).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKind {
    /// A section's title, alone in its first cell.
    Title,
    /// The names of the columns below.
    Header,
    Data,
    /// An empty line between two sections.
    Blank,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub kind: RowKind,
    pub cells: Vec<Cell>,
}

/// A table: the rows of one sheet.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// The sheet's name in the workbook (31 characters at most).
    pub name: String,
    pub rows: Vec<Row>,
}

impl Table {
    pub fn new(name: &str) -> Table {
        Table {
            name: name.to_string(),
            rows: Vec::new(),
        }
    }

    pub fn title(&mut self, title: impl Into<String>) {
        self.rows.push(Row {
            kind: RowKind::Title,
            cells: vec![Cell::Text(title.into())],
        });
    }

    pub fn header<S: AsRef<str>>(&mut self, names: &[S]) {
        self.rows.push(Row {
            kind: RowKind::Header,
            cells: names.iter().map(|n| Cell::text(n.as_ref())).collect(),
        });
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(Row {
            kind: RowKind::Data,
            cells,
        });
    }

    pub fn blank(&mut self) {
        self.rows.push(Row {
            kind: RowKind::Blank,
            cells: Vec::new(),
        });
    }

    /// The table as a CSV file for a spreadsheet in French (see the module's comment).
    pub fn csv(&self) -> Result<String, csv::Error> {
        let bytes = csv_lines(self.rows.iter().map(|r| (r.kind, r.cells.as_slice())))?;
        Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
    }

    /// The table as an XLSX workbook of one sheet, for Excel as LibreOffice: titles and
    /// headers in bold, counts and hours as numbers, days as real dates (shown
    /// `jj/mm/aaaa`), text never a formula, each column as wide as its cells (titles and
    /// sentences alone on their row left out). CPU work: call it on a blocking thread.
    pub fn xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(&self.name)?;
        let formats = Formats::new();
        let mut widths = Widths::default();
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
            write_row(sheet, r, (row.kind, &row.cells), &formats, &mut widths)?;
        }
        widths.set(sheet)?;
        book.save_to_buffer()
    }
}

/// The byte order mark a CSV file starts with, so that Excel reads UTF-8.
pub const BOM: &str = "\u{FEFF}";

/// Rows as CSV lines for a spreadsheet in French (no byte order mark: [`BOM`] comes first
/// in the file), so that a long file can be written a few rows at a time.
pub fn csv_lines<'a>(
    rows: impl IntoIterator<Item = (RowKind, &'a [Cell])>,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    for (kind, cells) in rows {
        if kind == RowKind::Blank {
            // Two empty cells: an empty line for a spreadsheet (one empty cell alone
            // would be written `""`).
            w.write_record(["", ""])?;
        } else {
            w.write_record(cells.iter().map(Cell::csv))?;
        }
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// The looks of a workbook's cells.
struct Formats {
    title: Format,
    header: Format,
    date: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// Each column's width, as wide as its widest cell (titles and sentences alone on their
/// row left out).
#[derive(Default)]
struct Widths(Vec<usize>);

impl Widths {
    fn set(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (c, w) in self.0.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            #[allow(clippy::cast_precision_loss)]
            sheet.set_column_width(c, (*w + 2).clamp(8, 60) as f64)?;
        }
        Ok(())
    }
}

/// Writes `row` as row `r` of `sheet`, and widens `widths` to its cells.
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    (kind, cells): (RowKind, &[Cell]),
    formats: &Formats,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let measured = matches!(kind, RowKind::Header | RowKind::Data) && cells.len() > 1;
    for (c, cell) in cells.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        let shown = match cell {
            Cell::Empty => 0,
            Cell::Text(s) => {
                match kind {
                    RowKind::Title => sheet.write_string_with_format(r, c, s, &formats.title)?,
                    RowKind::Header => sheet.write_string_with_format(r, c, s, &formats.header)?,
                    _ => sheet.write_string(r, c, s)?,
                };
                s.chars().count()
            }
            Cell::Int(n) => {
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number(r, c, *n as f64)?;
                n.to_string().len()
            }
            Cell::Decimal(x) => {
                sheet.write_number(r, c, *x)?;
                french_decimal(*x).len()
            }
            Cell::Date(d) => {
                match iso_day(d) {
                    Some((y, m, day)) => {
                        let when = ExcelDateTime::from_ymd(y, m, day)?;
                        sheet.write_datetime_with_format(r, c, &when, &formats.date)?;
                    }
                    None => {
                        sheet.write_string(r, c, d)?;
                    }
                }
                10
            }
        };
        if measured {
            let i = usize::from(c);
            if widths.0.len() <= i {
                widths.0.resize(i + 1, 0);
            }
            widths.0[i] = widths.0[i].max(shown);
        }
    }
    Ok(())
}

/// The rows of a sheet in Excel (and LibreOffice): 1 048 576.
pub const SHEET_ROWS: u32 = 1_048_576;

/// A long table written as an XLSX workbook row after row in constant memory (the rows go
/// to a temporary file, not to memory), its header on top of each sheet; a table longer
/// than a sheet goes on in a second one ("Séances (2)", …). The rows are given a few at a
/// time ([`LongSheet::rows`]), then [`LongSheet::finish`] writes the workbook to any
/// writer as it is zipped. CPU and file work: use it on a blocking thread.
pub struct LongSheet {
    book: Workbook,
    name: String,
    header: Vec<Cell>,
    formats: Formats,
    /// The sheet written now (0 for the first), its next row and its columns' widths.
    sheet: usize,
    next: u32,
    widths: Widths,
    /// The rows of a sheet ([`SHEET_ROWS`]; fewer in tests).
    limit: u32,
}

impl LongSheet {
    pub fn new<S: AsRef<str>>(name: &str, header: &[S]) -> Result<LongSheet, XlsxError> {
        LongSheet::with_limit(name, header, SHEET_ROWS)
    }

    fn with_limit<S: AsRef<str>>(
        name: &str,
        header: &[S],
        limit: u32,
    ) -> Result<LongSheet, XlsxError> {
        let mut long = LongSheet {
            book: Workbook::new(),
            name: name.to_string(),
            header: header.iter().map(|h| Cell::text(h.as_ref())).collect(),
            formats: Formats::new(),
            sheet: 0,
            next: 0,
            widths: Widths::default(),
            limit: limit.max(2),
        };
        long.start_sheet(name.to_string())?;
        Ok(long)
    }

    /// A new sheet named `name`, its header written.
    fn start_sheet(&mut self, name: String) -> Result<(), XlsxError> {
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        self.sheet = self.book.worksheets_mut().len() - 1;
        self.widths = Widths::default();
        let sheet = self.book.worksheet_from_index(self.sheet)?;
        write_row(
            sheet,
            0,
            (RowKind::Header, &self.header),
            &self.formats,
            &mut self.widths,
        )?;
        self.next = 1;
        Ok(())
    }

    /// Rows of data after those already written.
    pub fn rows(&mut self, rows: &[Vec<Cell>]) -> Result<(), XlsxError> {
        for cells in rows {
            if self.next >= self.limit {
                let full = self.book.worksheet_from_index(self.sheet)?;
                self.widths.set(full)?;
                let n = self.sheet + 2;
                self.start_sheet(format!("{} ({n})", self.name))?;
            }
            let sheet = self.book.worksheet_from_index(self.sheet)?;
            write_row(
                sheet,
                self.next,
                (RowKind::Data, cells),
                &self.formats,
                &mut self.widths,
            )?;
            self.next += 1;
        }
        Ok(())
    }

    /// The workbook, written to `out` as it is zipped.
    pub fn finish(mut self, out: impl std::io::Write + Send) -> Result<(), XlsxError> {
        let last = self.book.worksheet_from_index(self.sheet)?;
        self.widths.set(last)?;
        self.book.save_to_writer(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_is_for_french_excel() {
        let mut t = Table::new("Feuille");
        t.title("Séances; « le bilan »");
        t.header(&["date", "durée"]);
        t.row(vec![
            Cell::Date("2026-03-01".into()),
            Cell::Int(45),
            Cell::Decimal(4.5),
            Cell::text("=HYPERLINK(\"x\")"),
            Cell::Empty,
        ]);
        t.blank();
        t.row(vec![Cell::Decimal(3.0), Cell::decimal(185.0 / 60.0)]);
        assert_eq!(
            t.csv().unwrap(),
            "\u{FEFF}\"Séances; « le bilan »\"\r\ndate;durée\r\n\
             2026-03-01;45;4,5;\"'=HYPERLINK(\"\"x\"\")\";\r\n;\r\n3;3,08\r\n"
        );
        assert_eq!(Cell::decimal(185.0 / 60.0), Cell::Decimal(3.08));
        // The same table as a workbook: a zip archive (the tests of the server read it back).
        let xlsx = t.xlsx().unwrap();
        assert!(xlsx.starts_with(b"PK"));
        assert_eq!(iso_day("2026-03-01"), Some((2026, 3, 1)));
        assert_eq!(iso_day("mars"), None);
    }

    #[test]
    fn a_long_table_goes_on_in_a_second_sheet_written_as_it_is_zipped() {
        // Three rows a sheet: the header and two rows.
        let mut long = LongSheet::with_limit("Séances", &["date", "n"], 3).unwrap();
        let rows: Vec<Vec<Cell>> = (1..=5)
            .map(|n| vec![Cell::Date(format!("2026-03-0{n}")), Cell::Int(n)])
            .collect();
        long.rows(&rows[..1]).unwrap();
        long.rows(&rows[1..]).unwrap();
        let mut out = Vec::new();
        long.finish(&mut out).unwrap();
        assert!(out.starts_with(b"PK"));
        // A zip archive names its files in clear: three sheets, no fourth.
        let has = |name: &str| out.windows(name.len()).any(|w| w == name.as_bytes());
        assert!(has("xl/worksheets/sheet3.xml"));
        assert!(!has("xl/worksheets/sheet4.xml"));
    }
}
