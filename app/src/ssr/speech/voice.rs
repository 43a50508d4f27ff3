//! Speech made on the server with Debian's programs: `espeak-ng` reads the text (French
//! voice `fr`, slower than its default) and writes a WAV file, which `lame` compresses to
//! MP3 (32 kbit/s, mono). MP3 rather than Opus: every browser a learner may have plays it,
//! old iPads and Safari included (see README, "Listening to a step").

use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// The programs and their settings: part of every audio's key, so that changing one makes
/// new audio (and new addresses) for every step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Voice {
    pub espeak: String,
    pub lame: String,
    /// espeak-ng's voice.
    pub voice: String,
    /// Words per minute (espeak-ng's default is 175; learners need it slower).
    pub words_per_minute: u32,
    /// MP3 bit rate, kbit/s.
    pub kbps: u32,
}

impl Default for Voice {
    fn default() -> Self {
        Self {
            espeak: "espeak-ng".into(),
            lame: "lame".into(),
            voice: "fr".into(),
            words_per_minute: 140,
            kbps: 32,
        }
    }
}

/// The media type of what [`Voice::speak`] makes.
pub const CONTENT_TYPE: &str = "audio/mpeg";

/// Why no audio was made.
#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("cannot run {program}: {source}")]
    Missing {
        program: String,
        source: std::io::Error,
    },
    #[error("{program} failed ({status}): {stderr}")]
    Failed {
        program: String,
        status: std::process::ExitStatus,
        stderr: String,
    },
    #[error("i/o with the speech programs: {0}")]
    Io(#[from] std::io::Error),
    #[error("the encoder made no valid MP3 ({0} bytes)")]
    Invalid(usize),
}

/// Spoken audio: MP3 bytes and how long they play.
#[derive(Clone, Debug)]
pub struct Audio {
    pub bytes: Vec<u8>,
    pub duration_ms: u64,
}

impl Voice {
    /// What identifies this voice in an audio's key.
    pub fn settings(&self) -> String {
        format!(
            "espeak-ng -v {} -s {} | lame -m m -b {} (1)",
            self.voice, self.words_per_minute, self.kbps
        )
    }

    /// Are both programs there? (Blocking: a short run of each.)
    pub fn available(&self) -> Result<(), SpeechError> {
        for program in [&self.espeak, &self.lame] {
            let status = Command::new(program)
                .arg("--version")
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|source| SpeechError::Missing {
                    program: program.clone(),
                    source,
                })?;
            if !status.success() {
                return Err(SpeechError::Failed {
                    program: program.clone(),
                    status,
                    stderr: String::new(),
                });
            }
        }
        Ok(())
    }

    /// Reads `text` aloud to MP3. Blocking (two processes, a pipe between them): call it
    /// from `spawn_blocking`.
    pub fn speak(&self, text: &str) -> Result<Audio, SpeechError> {
        let missing = |program: &str| {
            let program = program.to_string();
            move |source| SpeechError::Missing { program, source }
        };
        let mut espeak = Command::new(&self.espeak)
            .args(["-v", &self.voice, "-s", &self.words_per_minute.to_string()])
            .arg("--stdout")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(missing(&self.espeak))?;
        let wav = espeak.stdout.take().expect("piped");
        let lame = Command::new(&self.lame)
            .args(["--quiet", "-m", "m", "-b", &self.kbps.to_string(), "-", "-"])
            .stdin(Stdio::from(wav))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        let lame = match lame {
            Ok(lame) => lame,
            Err(e) => {
                let _ = espeak.kill();
                let _ = espeak.wait();
                return Err(missing(&self.lame)(e));
            }
        };
        // The text goes in while the MP3 comes out (neither pipe may fill up and block).
        let mut input = espeak.stdin.take().expect("piped");
        let mut espeak_err = espeak.stderr.take().expect("piped");
        let (written, espeak_stderr, output) = std::thread::scope(|s| {
            let writer = s.spawn(move || input.write_all(text.as_bytes()));
            let errors = s.spawn(move || {
                let mut e = String::new();
                let _ = espeak_err.read_to_string(&mut e);
                e
            });
            // Read while espeak-ng still writes: the MP3 is larger than a pipe holds.
            let output = lame.wait_with_output();
            (
                writer.join().unwrap_or(Ok(())),
                errors.join().unwrap_or_default(),
                output,
            )
        });
        let output = output?;
        let espeak_status = espeak.wait()?;
        written?;
        if !espeak_status.success() {
            return Err(SpeechError::Failed {
                program: self.espeak.clone(),
                status: espeak_status,
                stderr: espeak_stderr,
            });
        }
        if !output.status.success() {
            return Err(SpeechError::Failed {
                program: self.lame.clone(),
                status: output.status,
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            });
        }
        let duration_ms = mp3_duration_ms(&output.stdout)
            .filter(|d| *d > 0)
            .ok_or(SpeechError::Invalid(output.stdout.len()))?;
        Ok(Audio {
            bytes: output.stdout,
            duration_ms,
        })
    }
}

/// How long an MP3 (MPEG-1, 2 or 2.5 Layer III) plays, in milliseconds, by walking its
/// frames; `None` if the bytes are not a whole MP3 (a frame header that does not parse, a
/// frame cut short). A leading ID3v2 tag, a trailing ID3v1 tag and the encoder's
/// Xing/Info frame (silent) are allowed.
pub fn mp3_duration_ms(bytes: &[u8]) -> Option<u64> {
    let mut at = 0;
    if bytes.len() >= 10 && &bytes[..3] == b"ID3" {
        let size = bytes[6..10]
            .iter()
            .fold(0usize, |n, b| (n << 7) | usize::from(b & 0x7f));
        at = 10 + size;
    }
    let (mut samples, mut rate, mut frames) = (0u64, 0u64, 0usize);
    while at < bytes.len() {
        let rest = &bytes[at..];
        if rest.len() == 128 && rest.starts_with(b"TAG") {
            break;
        }
        let frame = frame_header(rest)?;
        if rest.len() < frame.length {
            return None;
        }
        let info = frames == 0
            && rest[..frame.length]
                .windows(4)
                .any(|w| w == b"Xing" || w == b"Info");
        if !info {
            samples += frame.samples;
        }
        if rate != 0 && rate != frame.rate {
            return None;
        }
        rate = frame.rate;
        frames += 1;
        at += frame.length;
    }
    (rate > 0).then(|| samples * 1000 / rate)
}

struct Frame {
    length: usize,
    samples: u64,
    rate: u64,
}

fn frame_header(b: &[u8]) -> Option<Frame> {
    if b.len() < 4 || b[0] != 0xFF || b[1] & 0xE0 != 0xE0 {
        return None;
    }
    let version = (b[1] >> 3) & 3; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
    let layer = (b[1] >> 1) & 3; // 1: Layer III
    if version == 1 || layer != 1 {
        return None;
    }
    const MPEG1: [u64; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const MPEG2: [u64; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let kbps = *if version == 3 { &MPEG1 } else { &MPEG2 }.get(usize::from(b[2] >> 4))?;
    let rates: [u64; 3] = match version {
        3 => [44100, 48000, 32000],
        2 => [22050, 24000, 16000],
        _ => [11025, 12000, 8000],
    };
    let rate = *rates.get(usize::from((b[2] >> 2) & 3))?;
    if kbps == 0 {
        return None;
    }
    let padding = u64::from((b[2] >> 1) & 1);
    let (per_kbps, samples) = if version == 3 {
        (144_000, 1152)
    } else {
        (72_000, 576)
    };
    let length = usize::try_from(per_kbps * kbps / rate + padding).ok()?;
    (length > 4).then_some(Frame {
        length,
        samples,
        rate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` silent MPEG-2 Layer III frames at 32 kbit/s, 22 050 Hz, no padding: 104 bytes
    /// and 576 samples each.
    fn frames(n: usize) -> Vec<u8> {
        let mut out = Vec::new();
        for _ in 0..n {
            let mut f = vec![0u8; 104];
            f[..4].copy_from_slice(&[0xFF, 0xF3, 0x40, 0xC4]);
            out.extend(f);
        }
        out
    }

    #[test]
    fn an_mp3_lasts_its_frames() {
        // 100 frames × 576 samples / 22 050 Hz = 2.612 s.
        assert_eq!(mp3_duration_ms(&frames(100)), Some(2612));
        let mut tagged = b"ID3\x04\x00\x00\x00\x00\x00\x02xy".to_vec();
        tagged.extend(frames(10));
        assert_eq!(mp3_duration_ms(&tagged), Some(261));
    }

    #[test]
    fn what_is_not_a_whole_mp3_has_no_duration() {
        assert_eq!(mp3_duration_ms(b""), None);
        assert_eq!(mp3_duration_ms(b"OggS\0\0\0\0\0\0"), None);
        let mut cut = frames(3);
        cut.truncate(250);
        assert_eq!(mp3_duration_ms(&cut), None);
        let mut junk = frames(3);
        junk.extend(b"junk");
        assert_eq!(mp3_duration_ms(&junk), None);
    }

    #[test]
    fn the_settings_name_the_voice() {
        let v = Voice::default();
        assert!(v.settings().contains("-v fr -s 140"));
        assert_ne!(
            v.settings(),
            Voice {
                words_per_minute: 150,
                ..Voice::default()
            }
            .settings()
        );
    }

    #[test]
    fn missing_programs_are_an_error_not_a_panic() {
        let v = Voice {
            espeak: "/nonexistent/espeak-ng".into(),
            ..Voice::default()
        };
        assert!(matches!(v.available(), Err(SpeechError::Missing { .. })));
        assert!(matches!(
            v.speak("Bonjour"),
            Err(SpeechError::Missing { .. })
        ));
    }

    #[test]
    fn espeak_and_lame_make_an_mp3_when_installed() {
        let v = Voice::default();
        if v.available().is_err() {
            eprintln!("espeak-ng or lame is not installed: skipped (.ci/setup installs them)");
            return;
        }
        let audio = v.speak("Bonjour. Cliquez sur le bouton Suivant.").unwrap();
        assert!(audio.duration_ms > 1000, "{} ms", audio.duration_ms);
        assert_eq!(mp3_duration_ms(&audio.bytes), Some(audio.duration_ms));
        // Longer than a pipe holds (64 KiB) at every stage: nothing blocks.
        let long = "Une adresse e-mail a toujours le signe arobase. ".repeat(60);
        let audio = v.speak(&long).unwrap();
        assert!(
            audio.bytes.len() > 128 * 1024,
            "{} bytes",
            audio.bytes.len()
        );
        assert!(audio.duration_ms > 60_000, "{} ms", audio.duration_ms);
    }
}
