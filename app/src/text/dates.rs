//! Dates and durations in plain French words (and the date in France they are computed from).

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

/// "il y a 3 jours", "hier", "à l'instant": a moment in the past.
pub fn ago(ago: crate::model::Ago) -> String {
    time_ago(ago.seconds, 0)
}

/// "3 jours", "hier", "2 mois": how long something lasted, `seconds` ago, after "depuis".
pub fn for_how_long(seconds: i64) -> String {
    time_ago(seconds, 0)
        .trim_start_matches("il y a ")
        .to_string()
}

fn plural(prefix: &str, n: i64, one: &str, many: &str) -> String {
    format!("{prefix} {n} {}", if n > 1 { many } else { one })
}

/// A Unix time as a date in France: "24 novembre 2026".
pub fn date_fr(unix: i64) -> String {
    let (y, m, d) = civil_date(unix + paris_offset(unix));
    format!("{} {} {y}", day_fr(d), MONTHS[(m - 1) as usize])
}

/// A day of the month as French writes it: "1er", then "2", "3"…
fn day_fr(d: u32) -> String {
    if d == 1 { "1er".into() } else { d.to_string() }
}

/// Today's date in France, `YYYY-MM-DD`.
pub fn today_iso(unix: i64) -> String {
    let (y, m, d) = civil_date(unix + paris_offset(unix));
    format!("{y:04}-{m:02}-{d:02}")
}

/// "2026-11-24" → "24 novembre 2026".
pub fn iso_date_fr(iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(y), Some(m @ 1..=12), Some(d)) => {
            format!("{} {} {y}", day_fr(d), MONTHS[(m - 1) as usize])
        }
        _ => iso.to_string(),
    }
}

/// The date (`YYYY-MM-DD`) and minute of the day in France at `unix`.
pub fn paris_now(unix: i64) -> (String, i32) {
    let local = unix + paris_offset(unix);
    let minute = i32::try_from(local.rem_euclid(86400) / 60).unwrap_or(0);
    (today_iso(unix), minute)
}

/// The Unix time of a French date (`YYYY-MM-DD`) and minute of the day.
pub fn paris_to_unix(iso: &str, minute: i32) -> Option<i64> {
    let (y, m, d) = parse_iso(iso)?;
    let local = days_from_civil(y, m, d) * 86400 + i64::from(minute) * 60;
    // The offset an hour before is the one in force, but for the hour of the change.
    Some(local - paris_offset(local - 3600))
}

fn parse_iso(iso: &str) -> Option<(i64, u32, u32)> {
    let mut parts = iso.splitn(3, '-');
    let y = parts.next()?.parse::<i64>().ok()?;
    let m = parts.next()?.parse::<u32>().ok()?;
    let d = parts.next()?.parse::<u32>().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

const WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// A weekday by its number, 1 (Monday) to 7: "lundi".
pub fn weekday_fr(n: i32) -> &'static str {
    usize::try_from(n - 1)
        .ok()
        .and_then(|i| WEEKDAYS.get(i))
        .copied()
        .unwrap_or("")
}

/// "2026-12-08" → "mardi 8 décembre 2026".
pub fn day_with_weekday_fr(iso: &str) -> String {
    match parse_iso(iso) {
        Some((y, m, d)) => {
            let weekday = (days_from_civil(y, m, d) + 3).rem_euclid(7); // 1970-01-01: Thursday
            format!(
                "{} {} {} {y}",
                WEEKDAYS[weekday as usize],
                day_fr(d),
                MONTHS[(m - 1) as usize]
            )
        }
        None => iso.to_string(),
    }
}

/// 570 → "09:30", as a time field (`<input type="time">`) holds it.
pub fn hhmm(minute: i32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// Minutes after midnight as French writes a time: "9 h", "14 h 30".
pub fn time_fr(minute: i32) -> String {
    let (h, m) = (minute / 60, minute % 60);
    if m == 0 {
        format!("{h} h")
    } else {
        format!("{h} h {m:02}")
    }
}

/// The offset of France's legal time at `unix`: +1 h, +2 h in summer (from the last Sunday
/// of March to the last Sunday of October, at 01:00 UTC).
fn paris_offset(unix: i64) -> i64 {
    let (y, _, _) = civil_date(unix);
    let last_sunday = |month: u32| {
        // Days since the epoch of the last day of `month`, then back to a Sunday.
        let last = days_from_civil(y, month + 1, 1) - 1;
        last - (last + 4).rem_euclid(7) // 1970-01-01 was a Thursday (4)
    };
    let start = last_sunday(3) * 86400 + 3600;
    let end = last_sunday(10) * 86400 + 3600;
    if (start..end).contains(&unix) {
        7200
    } else {
        3600
    }
}

/// Days since 1970-01-01 of a date (Howard Hinnant's algorithm); `m` may be 13.
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let (y, m) = if m > 12 { (y + 1, m - 12) } else { (y, m) };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) of a Unix time, in UTC.
fn civil_date(unix: i64) -> (i64, u32, u32) {
    let z = unix.div_euclid(86400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
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
    fn agenda_days_and_times_in_french() {
        assert_eq!(day_with_weekday_fr("2026-12-08"), "mardi 8 décembre 2026");
        assert_eq!(day_with_weekday_fr("2026-12-07"), "lundi 7 décembre 2026");
        assert_eq!(time_fr(540), "9 h");
        assert_eq!(time_fr(870), "14 h 30");
        assert_eq!(weekday_fr(7), "dimanche");
        // 8 December 2026, 10:00 in Paris is 09:00 UTC; 1 July, 10:00 is 08:00 UTC.
        assert_eq!(paris_to_unix("2026-12-08", 600), Some(1_796_720_400));
        assert_eq!(paris_to_unix("2026-07-01", 600), Some(1_782_892_800));
        assert_eq!(paris_now(1_796_720_400), ("2026-12-08".to_string(), 600));
    }

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
    fn dates_are_french_and_in_france_s_time() {
        // 2026-11-24 12:00 UTC
        assert_eq!(date_fr(1_795_521_600), "24 novembre 2026");
        assert_eq!(today_iso(1_795_521_600), "2026-11-24");
        // 2026-11-24 23:30 UTC is already the 25th in Paris (UTC+1).
        assert_eq!(today_iso(1_795_563_000), "2026-11-25");
        // 2026-07-01 22:30 UTC is already 2 July in Paris (UTC+2).
        assert_eq!(today_iso(1_782_945_000), "2026-07-02");
        // 2026-07-01 21:30 UTC is still 1 July in Paris.
        assert_eq!(today_iso(1_782_941_400), "2026-07-01");
        assert_eq!(iso_date_fr("2026-03-05"), "5 mars 2026");
        assert_eq!(date_fr(0), "1er janvier 1970");
        assert_eq!(iso_date_fr("2026-03-01"), "1er mars 2026");
        assert_eq!(iso_date_fr("2026-03-02"), "2 mars 2026");
    }

    #[test]
    fn an_ago_says_how_long_ago_and_for_how_long() {
        assert_eq!(ago(crate::model::Ago::between(100, 100)), "à l'instant");
        assert_eq!(
            ago(crate::model::Ago { seconds: 3 * 86400 }),
            "il y a 3 jours"
        );
        assert_eq!(for_how_long(15 * 86400), "15 jours");
        assert_eq!(for_how_long(30 * 3600), "hier");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_year("2026-11"), "novembre 2026");
        assert_eq!(month_year("2026"), "2026");
    }
}
