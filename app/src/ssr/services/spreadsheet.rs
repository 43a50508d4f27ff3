//! A table built once, then written as a CSV file for a spreadsheet in French or as an XLSX
//! workbook, so that the two downloads of the same thing never differ (issue 21, item 6).
//!
//! The CSV is made for Excel as LibreOffice in France: a UTF-8 byte order mark (else Excel
//! reads "é" wrong), `;` between cells (`,` is the decimal separator, used for decimals
//! too), lines ended by CRLF, quotes where a cell needs them, and no text cell a
//! spreadsheet would run as a formula ([`csv_cell`]).

pub use rust_xlsxwriter::XlsxError;

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
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(true)
            .from_writer(Vec::new());
        for row in &self.rows {
            if row.kind == RowKind::Blank {
                // Two empty cells: an empty line for a spreadsheet (one empty cell alone
                // would be written `""`).
                w.write_record(["", ""])?;
            } else {
                w.write_record(row.cells.iter().map(Cell::csv))?;
            }
        }
        let bytes = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(format!("\u{FEFF}{}", String::from_utf8_lossy(&bytes)))
    }

    /// The table as an XLSX workbook of one sheet, for Excel as LibreOffice: titles and
    /// headers in bold, counts and hours as numbers, days as real dates (shown
    /// `jj/mm/aaaa`), text never a formula, each column as wide as its cells (titles and
    /// sentences alone on their row left out). CPU work: call it on a blocking thread.
    pub fn xlsx(&self) -> Result<Vec<u8>, XlsxError> {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name(&self.name)?;
        let title = Format::new().set_bold().set_font_size(13);
        let header = Format::new().set_bold();
        let date = Format::new().set_num_format("dd/mm/yyyy");
        let mut widths: Vec<usize> = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            let r = u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
            let measured =
                matches!(row.kind, RowKind::Header | RowKind::Data) && row.cells.len() > 1;
            for (c, cell) in row.cells.iter().enumerate() {
                let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
                let shown = match cell {
                    Cell::Empty => 0,
                    Cell::Text(s) => {
                        match row.kind {
                            RowKind::Title => sheet.write_string_with_format(r, c, s, &title)?,
                            RowKind::Header => sheet.write_string_with_format(r, c, s, &header)?,
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
                                sheet.write_datetime_with_format(r, c, &when, &date)?;
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
                    if widths.len() <= i {
                        widths.resize(i + 1, 0);
                    }
                    widths[i] = widths[i].max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            #[allow(clippy::cast_precision_loss)]
            sheet.set_column_width(c, (*w + 2).clamp(8, 60) as f64)?;
        }
        book.save_to_buffer()
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
}
