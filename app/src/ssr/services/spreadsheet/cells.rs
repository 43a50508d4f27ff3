//! A table's cells and rows, and how they look in a workbook: what the one-sheet
//! [`super::Table`] and the streamed [`super::LongSheet`] share.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use crate::ssr::services::booklet::csv_cell;

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
    pub(super) fn csv(&self) -> String {
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
pub(super) fn french_decimal(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    s.replace('.', ",")
}

/// `2026-03-01` → `(2026, 3, 1)`.
pub(super) fn iso_day(d: &str) -> Option<(u16, u8, u8)> {
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

/// The looks of a workbook's cells.
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) header: Format,
    pub(super) date: Format,
}

impl Formats {
    pub(super) fn new() -> Formats {
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("dd/mm/yyyy"),
        }
    }
}

/// Each column's width, as wide as its widest cell (titles and sentences alone on their
/// row left out).
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Widths(Vec<usize>);

impl Widths {
    /// Widens the columns to `cells`, if the row is measured: headers and data of more than
    /// one cell.
    pub(super) fn measure(&mut self, kind: RowKind, cells: &[Cell]) {
        if !(matches!(kind, RowKind::Header | RowKind::Data) && cells.len() > 1) {
            return;
        }
        if self.0.len() < cells.len() {
            self.0.resize(cells.len(), 0);
        }
        for (w, cell) in self.0.iter_mut().zip(cells) {
            *w = (*w).max(shown_width(cell));
        }
    }

    pub(super) fn set(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (c, w) in self.0.iter().enumerate() {
            let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
            #[allow(clippy::cast_precision_loss)]
            sheet.set_column_width(c, (*w + 2).clamp(8, 60) as f64)?;
        }
        Ok(())
    }
}

/// How many characters a cell shows, for its column's width.
pub(super) fn shown_width(cell: &Cell) -> usize {
    match cell {
        Cell::Empty => 0,
        Cell::Text(s) => s.chars().count(),
        Cell::Int(n) => n.to_string().len(),
        Cell::Decimal(x) => french_decimal(*x).len(),
        Cell::Date(_) => 10,
    }
}

/// Writes `row` as row `r` of `sheet`, and widens `widths` to its cells.
pub(super) fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    (kind, cells): (RowKind, &[Cell]),
    formats: &Formats,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    widths.measure(kind, cells);
    for (c, cell) in cells.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        match cell {
            Cell::Empty => {}
            Cell::Text(s) => {
                match kind {
                    RowKind::Title => sheet.write_string_with_format(r, c, s, &formats.title)?,
                    RowKind::Header => sheet.write_string_with_format(r, c, s, &formats.header)?,
                    _ => sheet.write_string(r, c, s)?,
                };
            }
            Cell::Int(n) => {
                #[allow(clippy::cast_precision_loss)]
                sheet.write_number(r, c, *n as f64)?;
            }
            Cell::Decimal(x) => {
                sheet.write_number(r, c, *x)?;
            }
            Cell::Date(d) => match iso_day(d) {
                Some((y, m, day)) => {
                    let when = ExcelDateTime::from_ymd(y, m, day)?;
                    sheet.write_datetime_with_format(r, c, &when, &formats.date)?;
                }
                None => {
                    sheet.write_string(r, c, d)?;
                }
            },
        }
    }
    Ok(())
}

/// The rows of a sheet in Excel (and LibreOffice): 1 048 576.
pub const SHEET_ROWS: u32 = 1_048_576;
