//! What every page's frame needs: who is signed in, their comfort settings; how long ago.

use serde::{Deserialize, Serialize};

/// Comfort settings: remembered in the learner's account, or in a cookie otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comfort {
    /// 0 normal, 1 large, 2 very large.
    pub text_size: u8,
    pub high_contrast: bool,
    pub reduce_motion: bool,
}

impl Comfort {
    /// The classes of the `<html>` element that apply these settings.
    pub fn classes(self) -> String {
        let mut c = Vec::new();
        match self.text_size {
            1 => c.push("texte-grand"),
            2 => c.push("texte-tres-grand"),
            _ => {}
        }
        if self.high_contrast {
            c.push("contraste");
        }
        if self.reduce_motion {
            c.push("sans-animation");
        }
        c.join(" ")
    }

    /// As stored in the cookie: `t1c0m1`.
    pub fn to_cookie(self) -> String {
        format!(
            "t{}c{}m{}",
            self.text_size.min(2),
            u8::from(self.high_contrast),
            u8::from(self.reduce_motion)
        )
    }

    pub fn from_cookie(value: &str) -> Self {
        let b = value.as_bytes();
        if b.len() == 6 && b[0] == b't' && b[2] == b'c' && b[4] == b'm' {
            Comfort {
                text_size: (b[1].saturating_sub(b'0')).min(2),
                high_contrast: b[3] == b'1',
                reduce_motion: b[5] == b'1',
            }
        } else {
            Comfort::default()
        }
    }
}

/// Who is signed in, as the header shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Me {
    #[default]
    Nobody,
    /// The browser's session no longer works (expired, or signed out elsewhere).
    Expired,
    Learner {
        first_name: String,
    },
    Staff {
        display_name: String,
        /// A volunteer or a coordinator: the volunteers' area is theirs.
        follows_learners: bool,
        trainer: bool,
        /// The page of the network they may see (the programme's, or their territory's).
        network: Option<String>,
    },
}

/// What every page's frame needs: who is signed in, and their comfort settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    pub me: Me,
    pub comfort: Comfort,
}

/// A moment in the past, as how long ago it was (words: `text::dates::ago`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ago {
    pub seconds: i64,
}

impl Ago {
    /// From two Unix times in seconds.
    pub fn between(now: i64, then: i64) -> Self {
        Ago {
            seconds: now - then,
        }
    }
}
