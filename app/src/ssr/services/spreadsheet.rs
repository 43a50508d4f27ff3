//! A table built once, then written as a CSV file for a spreadsheet in French or as an XLSX
//! workbook, so that the two downloads of the same thing never differ (issue 21, item 6).
//!
//! The CSV is made for Excel as LibreOffice in France: a UTF-8 byte order mark (else Excel
//! reads "é" wrong), `;` between cells (`,` is the decimal separator, used for decimals
//! too), lines ended by CRLF, quotes where a cell needs them, and no text cell a
//! spreadsheet would run as a formula ([`super::booklet::csv_cell`]).

use rust_xlsxwriter::Workbook;
pub use rust_xlsxwriter::XlsxError;

mod cells;
mod long_sheet;

pub use cells::{Cell, RowKind, SHEET_ROWS};
use cells::{Formats, Widths, write_row};
pub use long_sheet::LongSheet;

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

#[cfg(test)]
mod tests {
    use super::cells::iso_day;
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
}
