//! Text put back into a `<textarea>`.
//!
//! Leptos (tachys 0.2) renders a `<textarea>`'s children unescaped, as it does for
//! `<script>`: a typed `</textarea><b>` would end the field and inject markup. Every text
//! put back into a text area goes through [`escaped`] first; the browser shows it as typed.

/// `&`, `<` and `>` as character references, which a `<textarea>` shows as the characters.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_cannot_leave_the_text_area() {
        assert_eq!(
            super::escaped("a & b </textarea><b>"),
            "a &amp; b &lt;/textarea&gt;&lt;b&gt;"
        );
        assert_eq!(super::escaped("L'été « ok »"), "L'été « ok »");
    }
}
