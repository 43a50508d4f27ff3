//! Numbers inside sentences. French puts the singular below 2: "0 étape", "1 étape",
//! "2 étapes". Pages never glue a number to a word themselves: they call these.

use std::fmt::Display;

/// A noun and its plural, as shown after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Noun {
    pub one: &'static str,
    pub many: &'static str,
}

impl Noun {
    /// The form that goes after `n`: singular for 0 and 1, plural from 2.
    pub fn after<N: Copy + PartialOrd + From<u8>>(self, n: N) -> &'static str {
        if is_plural(n) { self.many } else { self.one }
    }
}

/// True when French puts a noun after `n` in the plural (2 and more).
pub fn is_plural<N: Copy + PartialOrd + From<u8>>(n: N) -> bool {
    n >= N::from(2)
}

pub const STEPS: Noun = Noun {
    one: "étape",
    many: "étapes",
};
pub const LESSONS: Noun = Noun {
    one: "leçon",
    many: "leçons",
};
pub const MODULES: Noun = Noun {
    one: "module",
    many: "modules",
};
pub const LEARNERS: Noun = Noun {
    one: "apprenant",
    many: "apprenants",
};
pub const APPOINTMENTS: Noun = Noun {
    one: "rendez-vous",
    many: "rendez-vous",
};
pub const MINUTES: Noun = Noun {
    one: "minute",
    many: "minutes",
};

/// "1 étape", "3 étapes".
pub fn count<N: Copy + Display + PartialOrd + From<u8>>(n: N, noun: Noun) -> String {
    format!("{n} {}", noun.after(n))
}

/// "Étape 3 sur 5": where a step is in its lesson (or a screen in an exercise form).
pub fn step_of<N: Display>(number: N, count: N) -> String {
    format!("Étape {number} sur {count}")
}

/// "étape 3", inside a sentence ("Reprendre : La souris, étape 3").
pub fn step_number<N: Display>(number: N) -> String {
    format!("étape {number}")
}

/// "2 / 5 étapes faites", "1 / 1 étape faite": a lesson's progress, as volunteers see it.
pub fn steps_done<N: Copy + Display + PartialOrd + From<u8>>(done: N, total: N) -> String {
    if is_plural(total) {
        format!("{done} / {total} étapes faites")
    } else {
        format!("{done} / {total} étape faite")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_one_take_the_singular_two_the_plural() {
        assert_eq!(count(0usize, STEPS), "0 étape");
        assert_eq!(count(1usize, STEPS), "1 étape");
        assert_eq!(count(2usize, STEPS), "2 étapes");
        assert_eq!(count(1u32, LESSONS), "1 leçon");
        assert_eq!(count(12i64, LESSONS), "12 leçons");
        assert_eq!(count(1i32, MINUTES), "1 minute");
        assert_eq!(count(45u32, MINUTES), "45 minutes");
    }

    #[test]
    fn steps_done_agrees_with_the_total() {
        assert_eq!(steps_done(0usize, 1), "0 / 1 étape faite");
        assert_eq!(steps_done(1usize, 1), "1 / 1 étape faite");
        assert_eq!(steps_done(2usize, 5), "2 / 5 étapes faites");
        assert_eq!(steps_done(0usize, 0), "0 / 0 étape faite");
    }

    #[test]
    fn the_step_header_is_one_sentence() {
        assert_eq!(step_of(3, 5), "Étape 3 sur 5");
        assert_eq!(step_number(2), "étape 2");
    }
}
