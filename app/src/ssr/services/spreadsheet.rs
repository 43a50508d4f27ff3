//! A table built once, then written as a CSV file for a spreadsheet in French or as an XLSX
//! workbook, so that the two downloads of the same thing never differ (issue 21, item 6).
//!
//! The CSV is made for Excel as LibreOffice in France: a UTF-8 byte order mark (else Excel
//! reads "é" wrong), `;` between cells (`,` is the decimal separator, used for decimals
//! too), lines ended by CRLF, quotes where a cell needs them, and no text cell a
//! spreadsheet would run as a formula ([`csv_cell`]).

use super::booklet::csv_cell;

/// One cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    /// Words or something typed: always text, never a formula.
    Text(String),
    Int(i64),
    /// A number with decimals (hours): two at most in the CSV, with a decimal comma.
    Decimal(f64),
    /// A day, `YYYY-MM-DD`: as is in the CSV, a real date in the workbook.
    Date(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
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
        t.row(vec![Cell::Decimal(3.0), Cell::Decimal(185.0 / 60.0)]);
        assert_eq!(
            t.csv().unwrap(),
            "\u{FEFF}\"Séances; « le bilan »\"\r\ndate;durée\r\n\
             2026-03-01;45;4,5;\"'=HYPERLINK(\"\"x\"\")\";\r\n;\r\n3;3,08\r\n"
        );
    }
}
