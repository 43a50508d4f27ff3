//! Slugs: the stable, URL-safe identifiers of modules, lessons and steps.

/// Is `s` a valid slug: lowercase ASCII letters and digits in groups joined by single dashes?
pub fn is_valid(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Makes a slug from French text: accents folded, other characters turned into dashes.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(fold) {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out.truncate(80);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Folds a French accented letter to its ASCII base letter(s).
fn fold(c: char) -> impl Iterator<Item = char> {
    let s: &str = match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' => "i",
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' => "u",
        'ÿ' | 'Ÿ' => "y",
        'ñ' | 'Ñ' => "n",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        _ => "",
    };
    let single = s.is_empty().then_some(c);
    s.chars().chain(single)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_folds_french_accents() {
        assert_eq!(
            slugify("L'adresse, c'est l'enveloppe"),
            "l-adresse-c-est-l-enveloppe"
        );
        assert_eq!(
            slugify("  Ça déménage : œuvre à côté ! "),
            "ca-demenage-oeuvre-a-cote"
        );
        assert_eq!(slugify("Étape 2"), "etape-2");
        assert_eq!(slugify("« ! »"), "");
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid("email-la-poste"));
        assert!(is_valid("etape2"));
        assert!(!is_valid(""));
        assert!(!is_valid("E-mail"));
        assert!(!is_valid("e--mail"));
        assert!(!is_valid("-mail"));
        assert!(!is_valid("é"));
        assert!(!is_valid("a_b"));
    }
}
