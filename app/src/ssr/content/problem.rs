//! Problems found in `content/`: each one names its file, line and column.

use std::cell::Cell;
use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The lesson or module cannot be served.
    Error,
    /// The lesson can be served, but should be improved (e.g. easy-to-read advice).
    Warning,
}

/// One problem in one file, printed as `path:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub severity: Severity,
    /// The message for trainers, in French.
    pub message: String,
}

impl Problem {
    pub fn error(path: &Path, pos: Position, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: pos.line,
            column: pos.column,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: &Path, pos: Position, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(path, pos, message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "erreur",
            Severity::Warning => "conseil",
        };
        write!(
            f,
            "{}:{}:{}: {kind} : {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

/// How many times the same problem of a file is listed to trainers; the rest is counted.
pub const MAX_REPEATS: usize = 20;

/// Keeps the first [`MAX_REPEATS`] problems of each kind (same file, same message) and
/// adds, after the last one kept, how many more there are: a lesson with 10 000 HTML tags
/// lists 20 and says "10 000 − 20 more", not 10 000 lines. Order is kept otherwise.
pub fn cap_repeats(problems: Vec<Problem>) -> Vec<Problem> {
    use std::collections::HashMap;
    let mut seen: HashMap<(PathBuf, String), usize> = HashMap::new();
    for p in &problems {
        *seen.entry((p.path.clone(), p.message.clone())).or_default() += 1;
    }
    if seen.values().all(|&n| n <= MAX_REPEATS) {
        return problems;
    }
    let mut listed: HashMap<(PathBuf, String), usize> = HashMap::new();
    let mut kept = Vec::with_capacity(problems.len().min(seen.len() * (MAX_REPEATS + 1)));
    for p in problems {
        let key = (p.path.clone(), p.message.clone());
        let n = listed.entry(key.clone()).or_default();
        *n += 1;
        if *n > MAX_REPEATS {
            continue;
        }
        let total = seen[&key];
        let more = (*n == MAX_REPEATS && total > MAX_REPEATS).then(|| Problem {
            message: format!(
                "la même remarque revient encore {} fois plus loin dans ce fichier (les {MAX_REPEATS} premières sont listées) : {}",
                total - MAX_REPEATS,
                p.message
            ),
            ..p.clone()
        });
        kept.push(p);
        kept.extend(more);
    }
    kept
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    pub const START: Position = Position { line: 1, column: 1 };
}

/// Turns byte offsets of one file into lines and columns.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// The last position found: (offset, line, column). Positions are asked for near the
    /// previous one (forwards, or back to the start of the element just closed), so a
    /// column is counted from there, in either direction, rather than from the start of its
    /// line: on a line of 64 KiB, counting from its start each time was quadratic.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            text,
            starts,
            last: Cell::new((0, 0, 1)),
        }
    }

    /// The whole file.
    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let column = match self.last.get() {
            (from, l, column) if l == line && (start..=offset).contains(&from) => self
                .text
                .get(from..offset)
                .map(|s| column + s.chars().count()),
            // Back on the same line (an element's end event is placed at its start).
            (from, l, column) if l == line && from > offset => self
                .text
                .get(offset..from)
                .map(|s| column - s.chars().count()),
            _ => None,
        }
        .unwrap_or_else(|| {
            self.text
                .get(start..offset)
                .map_or(offset - start, |s| s.chars().count())
                + 1
        });
        self.last.set((offset, line, column));
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_repeated_thousands_of_times_is_listed_twenty_times_and_counted() {
        let path = Path::new("m/a.md");
        let mut problems: Vec<Problem> = (1..=1000)
            .map(|line| Problem::error(path, Position { line, column: 1 }, "code HTML interdit"))
            .collect();
        problems.insert(5, Problem::warning(path, Position::START, "phrase longue"));
        let capped = cap_repeats(problems);
        assert_eq!(capped.len(), MAX_REPEATS + 2);
        assert_eq!(capped[5].message, "phrase longue");
        let last = capped.last().unwrap();
        assert!(last.is_error());
        assert_eq!(last.line, MAX_REPEATS);
        assert!(
            last.message
                .starts_with("la même remarque revient encore 980 fois"),
            "{}",
            last.message
        );
        // Under the cap, nothing changes.
        let few = vec![Problem::warning(path, Position::START, "phrase longue"); 3];
        assert_eq!(cap_repeats(few.clone()), few);
    }

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let idx = LineIndex::new("é\nab\n\ncd");
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(2), Position { line: 1, column: 2 });
        assert_eq!(idx.position(3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(4), Position { line: 2, column: 2 });
        assert_eq!(idx.position(6), Position { line: 3, column: 1 });
        assert_eq!(idx.position(8), Position { line: 4, column: 2 });
        assert_eq!(idx.position(99), Position { line: 4, column: 3 });
        // Out of order, and back on an earlier line.
        assert_eq!(idx.position(4), Position { line: 2, column: 2 });
        assert_eq!(idx.position(3), Position { line: 2, column: 1 });
        assert_eq!(idx.position(2), Position { line: 1, column: 2 });
        // Back on the same line, counted from the last position.
        let idx = LineIndex::new("aé bc\nd");
        assert_eq!(idx.position(6), Position { line: 1, column: 6 });
        assert_eq!(idx.position(3), Position { line: 1, column: 3 });
        assert_eq!(idx.position(1), Position { line: 1, column: 2 });
        assert_eq!(idx.position(0), Position { line: 1, column: 1 });
        assert_eq!(idx.position(5), Position { line: 1, column: 5 });
        let long = format!("{}\n", "é".repeat(5000));
        let idx = LineIndex::new(&long);
        for i in 0..5000 {
            assert_eq!(idx.position(2 * i).column, i + 1);
        }
        // Forwards then back to an element's start, as pulldown-cmark's events go.
        for i in (0..2500).map(|i| 2 * i) {
            assert_eq!(idx.position(2 * i + 2).column, i + 2);
            assert_eq!(idx.position(2 * i).column, i + 1);
        }
    }

    #[test]
    fn display_is_path_line_column_message() {
        let p = Problem::error(
            Path::new("content/m/l.md"),
            Position { line: 3, column: 7 },
            "image sans texte alternatif",
        );
        assert_eq!(
            p.to_string(),
            "content/m/l.md:3:7: erreur : image sans texte alternatif"
        );
    }
}
