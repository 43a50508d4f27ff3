//! Dates and durations in plain French words.

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// "il y a 3 jours", "aujourd'hui", "il y a 2 mois"…, from two Unix times in seconds.
pub fn time_ago(now: i64, then: i64) -> String {
    let secs = (now - then).max(0);
    let minutes = secs / 60;
    let hours = minutes / 60;
    let days = hours / 24;
    match () {
        _ if minutes < 1 => "à l'instant".into(),
        _ if hours < 1 => plural("il y a", minutes, "minute", "minutes"),
        _ if days < 1 => plural("il y a", hours, "heure", "heures"),
        _ if days == 1 => "hier".into(),
        _ if days < 31 => plural("il y a", days, "jour", "jours"),
        _ if days < 365 => format!("il y a {} mois", days / 30),
        _ => plural("il y a", days / 365, "an", "ans"),
    }
}

fn plural(prefix: &str, n: i64, one: &str, many: &str) -> String {
    format!("{prefix} {n} {}", if n > 1 { many } else { one })
}

/// "2026-11" → "novembre 2026"; "2026" → "2026".
pub fn month_year(s: &str) -> String {
    match s.split_once('-') {
        Some((y, m)) => match m.parse::<usize>() {
            Ok(m @ 1..=12) => format!("{} {y}", MONTHS[m - 1]),
            _ => s.to_string(),
        },
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_how_long_ago_in_words() {
        let now = 1_000_000_000;
        assert_eq!(time_ago(now, now), "à l'instant");
        assert_eq!(time_ago(now, now - 60), "il y a 1 minute");
        assert_eq!(time_ago(now, now - 3 * 3600), "il y a 3 heures");
        assert_eq!(time_ago(now, now - 30 * 3600), "hier");
        assert_eq!(time_ago(now, now - 3 * 86400), "il y a 3 jours");
        assert_eq!(time_ago(now, now - 65 * 86400), "il y a 2 mois");
        assert_eq!(time_ago(now, now - 800 * 86400), "il y a 2 ans");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_year("2026-11"), "novembre 2026");
        assert_eq!(month_year("2026"), "2026");
    }
}
