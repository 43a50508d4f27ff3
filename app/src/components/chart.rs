//! Bar charts drawn on the server as SVG (no JavaScript), each followed by a table with the
//! same numbers: the SVG is one image for screen readers (`role="img"`, its `<title>` and
//! `<desc>`), the table is what they read. Every text is escaped here, labels included (a
//! commune or a volunteer's name is typed by people). Words come from the caller.

use html_escape::{encode_double_quoted_attribute, encode_text};

/// The width of the drawing (its `viewBox`), the longest bar, and a row's height: a label
/// line, then its bar.
const WIDTH: u32 = 640;
const BAR_MAX: u64 = 480;
const ROW: u32 = 44;

/// One bar and one line of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartRow {
    pub label: String,
    /// What is drawn; `None`: nothing (a hidden small group), only `shown` is written.
    pub value: Option<u64>,
    /// The number as written beside the bar and in the table ("12 (40 %)", "moins de 5").
    pub shown: String,
}

/// A chart: its title (the table's caption too), a sentence describing it, the table's two
/// column headings, and its rows in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    /// Unique in the page (`[a-z0-9-]`): the ids of the title and the description.
    pub id: String,
    pub title: String,
    pub desc: String,
    pub label_heading: String,
    pub value_heading: String,
    pub rows: Vec<ChartRow>,
}

/// The chart as HTML: a `<figure>` holding the SVG and the table.
pub fn chart_html(chart: &Chart) -> String {
    let id = encode_double_quoted_attribute(&chart.id);
    let title = encode_text(&chart.title);
    let height = ROW * u32::try_from(chart.rows.len()).unwrap_or(0) + 8;
    let max = chart.rows.iter().filter_map(|r| r.value).max().unwrap_or(0);
    let mut out = String::with_capacity(512 + chart.rows.len() * 256);
    out.push_str(&format!(
        "<figure class=\"stats-chart\"><svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{title}</title>\
         <desc id=\"{id}-desc\">{}</desc>",
        encode_text(&chart.desc)
    ));
    for (i, row) in chart.rows.iter().enumerate() {
        let top = ROW * u32::try_from(i).unwrap_or(0);
        let width = match row.value {
            Some(v) if max > 0 => (v * BAR_MAX).div_ceil(max),
            _ => 0,
        };
        out.push_str(&format!(
            "<text x=\"0\" y=\"{}\" class=\"chart-label\">{}</text>",
            top + 16,
            encode_text(&row.label)
        ));
        if width > 0 {
            out.push_str(&format!(
                "<rect x=\"0\" y=\"{}\" width=\"{width}\" height=\"16\" class=\"chart-bar\" fill=\"currentColor\"/>",
                top + 22
            ));
        }
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" class=\"chart-value\">{}</text>",
            width + 8,
            top + 35,
            encode_text(&row.shown)
        ));
    }
    out.push_str("</svg>");
    out.push_str(&format!(
        "<table class=\"stats-table\"><caption>{title}</caption><thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        encode_text(&chart.label_heading),
        encode_text(&chart.value_heading)
    ));
    for row in &chart.rows {
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            encode_text(&row.label),
            encode_text(&row.shown)
        ));
    }
    out.push_str("</tbody></table></figure>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: Vec<ChartRow>) -> Chart {
        Chart {
            id: "communes".into(),
            title: "Par <commune>".into(),
            desc: "Barres & nombres".into(),
            label_heading: "Commune".into(),
            value_heading: "Personnes".into(),
            rows,
        }
    }

    fn row(label: &str, value: Option<u64>, shown: &str) -> ChartRow {
        ChartRow {
            label: label.into(),
            value,
            shown: shown.into(),
        }
    }

    #[test]
    fn labels_and_words_are_escaped() {
        let html = chart_html(&chart(vec![row(
            "</text><script>alert(1)</script>",
            Some(3),
            "3 <b>",
        )]));
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("3 &lt;b&gt;"));
        assert!(html.contains("<title id=\"communes-title\">Par &lt;commune&gt;</title>"));
        assert!(html.contains("<desc id=\"communes-desc\">Barres &amp; nombres</desc>"));
        assert!(html.contains("<caption>Par &lt;commune&gt;</caption>"));
    }

    #[test]
    fn the_drawing_is_one_image_named_by_its_title_and_description() {
        let html = chart_html(&chart(vec![row("Pau", Some(5), "5")]));
        assert!(html.starts_with("<figure class=\"stats-chart\"><svg role=\"img\""));
        assert!(html.contains("aria-labelledby=\"communes-title communes-desc\""));
        assert_eq!(html.matches("<title").count(), 1);
    }

    #[test]
    fn the_table_has_the_same_numbers_as_the_bars() {
        let rows = vec![
            row("Pau", Some(10), "10 (50 %)"),
            row("Lons", Some(5), "5 (25 %)"),
            row("Autres", None, "moins de 5"),
        ];
        let html = chart_html(&chart(rows.clone()));
        // The longest bar is the largest value; the others in proportion; a hidden group
        // has no bar.
        assert!(html.contains("width=\"480\""), "{html}");
        assert!(html.contains("width=\"240\""), "{html}");
        assert_eq!(html.matches("<rect").count(), 2);
        let table = &html[html.find("<table").unwrap()..];
        for r in &rows {
            assert!(
                table.contains(&format!(
                    "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
                    r.label, r.shown
                )),
                "{} missing from the table",
                r.label
            );
            // And written beside its bar.
            let svg = &html[..html.find("</svg>").unwrap()];
            assert!(svg.contains(&format!(">{}</text>", r.shown)));
        }
        assert!(table.contains("<th scope=\"col\">Commune</th><th scope=\"col\">Personnes</th>"));
    }

    #[test]
    fn an_empty_chart_draws_nothing_wrong() {
        let html = chart_html(&chart(Vec::new()));
        assert!(html.contains("viewBox=\"0 0 640 8\""));
        assert!(html.contains("<tbody></tbody>"));
    }
}
