//! A fuzz harness for the lesson renderer, runnable on stable Rust (no cargo-fuzz here):
//! it generates nasty lessons (deep nesting of lists, quotations, callouts, emphasis,
//! links and images; wide and long tables; many check questions and exercises, broken or
//! not; junk front matter; raw HTML, entities, brackets and backticks by the thousand;
//! mutated copies of the shipped lessons) up to the size limit, and runs each one through
//! everything a trainer's preview does: the loader's checks (`check_lesson_text`: front
//! matter, Markdown, questions, exercises, readability advice, links), the rendering and
//! the step shown (`authoring::preview`). It fails on any panic and on any input slower
//! than the bound.
//!
//! Not a timed test: a tool, run by `end2end/perf/fuzz-markdown.sh` (results in
//! `end2end/perf/RESULTS.md`).
//!
//! ```sh
//! cargo bench -p server --bench fuzz_markdown -- --seconds 600 [--seed N] \
//!     [--bound-ms 50] [--threads 1] [--save DIR]
//! ```
//! An input over the bound is measured again three times; it counts as slow only if every
//! run is over the bound (a shared machine has hiccups). Slow and panicking inputs are
//! written to `--save DIR` (default `target/fuzz-markdown`), to be kept as regression tests
//! in `server/tests/fixtures/slow-markdown/`. Prints one JSON object; exits 1 on a
//! panic or a slow input.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use app::ssr::content::{self, ContentStore, MAX_LESSON_BYTES};
use app::ssr::services::authoring;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

struct Options {
    seconds: f64,
    seed: u64,
    bound: Duration,
    threads: usize,
    save: PathBuf,
    /// `--panics-only`: inputs over the bound are reported and saved, but only a panic fails
    /// the run (the short run in `.ci/test`: a shared CI machine's timings prove nothing).
    panics_only: bool,
    /// `--replay FILE_OR_DIR`: time these inputs (the fastest of four runs each) instead of
    /// generating new ones.
    replay: Vec<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz_markdown [--seconds N] [--seed N] [--bound-ms N] [--threads N] [--save DIR] \
         [--panics-only] [--replay FILE_OR_DIR]..."
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        seconds: 20.0,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_secs()),
        bound: Duration::from_millis(50),
        threads: 1,
        save: Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/fuzz-markdown"),
        panics_only: false,
        replay: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench`.
        if arg == "--bench" {
            continue;
        }
        if arg == "--panics-only" {
            o.panics_only = true;
            continue;
        }
        let value = args.next().unwrap_or_else(|| usage());
        match arg.as_str() {
            "--seconds" => o.seconds = value.parse().unwrap_or_else(|_| usage()),
            "--seed" => o.seed = value.parse().unwrap_or_else(|_| usage()),
            "--bound-ms" => {
                o.bound = Duration::from_millis(value.parse().unwrap_or_else(|_| usage()))
            }
            "--threads" => o.threads = value.parse().unwrap_or_else(|_| usage()),
            "--save" => o.save = PathBuf::from(value),
            "--replay" => o.replay.push(PathBuf::from(value)),
            _ => usage(),
        }
    }
    o
}

/// Words a lesson is made of: plain French, the glossary's words, the markers the
/// renderer looks for.
const WORDS: &[&str] = &[
    "Cliquez",
    "sur",
    "le",
    "bouton",
    "navigateur",
    "pièce jointe",
    "adresse",
    "Ouvrez",
    "la",
    "boîte",
    "de réception.",
    "c'est",
    "e-mail",
    "fichier",
    "Vérifiez",
    "mot de passe",
    "[!ANALOGIE]",
    "[!ASTUCE]",
    "[!ATTENTION]",
    "[!À FAIRE]",
    "[!NOTE]",
    "{#ancre}",
    "{#fin}",
    "é",
    "»",
    "«",
    "…",
    "\u{a0}",
    "&amp;",
    "&#x0;",
    "&#9999999;",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<!--",
    "-->",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "https://exemple.fr",
    "mailto:a@b.fr",
    "//exemple.fr",
    "../autre/lecon.md",
    "image.png",
    "\\",
    "`",
    "*",
    "_",
    "~",
    "|",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "#",
    "=",
    "\"",
    "'",
    ".",
    "?",
    " ",
    "\t",
    "\n",
    "\n\n",
];

/// Prefixes that open a container, repeated to nest.
const CONTAINERS: &[&str] = &[
    "> ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "  ",
    "    ",
    "\t",
    ">",
    "-",
    "> [!ASTUCE]\n> ",
    "- [ ] ",
    "- [x] ",
    "> - ",
    "- > ",
    "1. > ",
];

/// Inline openers and the closers that go with them.
const INLINE: &[(&str, &str)] = &[
    ("*", "*"),
    ("**", "**"),
    ("_", "_"),
    ("__", "__"),
    ("~~", "~~"),
    ("~", "~"),
    ("***", "***"),
    ("[", "](https://exemple.fr)"),
    ("[", "](../autre.md)"),
    ("[", "](image.png)"),
    ("[", "]"),
    ("[", "][ref]"),
    ("![", "](image.png)"),
    ("![", "](https://exemple.fr/x.png)"),
    ("`", "`"),
    ("``", "``"),
    ("<", ">"),
    ("<https://", ">"),
];

const FENCE_INFOS: &[&str] = &[
    "question",
    "question {#q}",
    "question {#q",
    "exercice courriel {#e}",
    "exercice formulaire {#f}",
    "exercice souris {#s}",
    "exercice clavier",
    "exercice vrai-ou-arnaque {#v}",
    "exercice inconnu",
    "rust",
    "",
];

const FENCE_LINES: &[&str] = &[
    "Vrai ?",
    "- [x] Oui",
    "- [ ] Non",
    "- [X] Peut-être",
    "  > Bien.",
    "  > ",
    "consigne = \"Envoyez une photo.\"",
    "consigne = \"\"\"",
    "\"\"\"",
    "[but]",
    "a = \"marie@exemple.fr\"",
    "objet = true",
    "piece_jointe = \"image\"",
    "[[messages]]",
    "de = \"Marie\"",
    "adresse = \"marie@exemple.fr\"",
    "texte = \"Bonjour\"",
    "[messages.piece_jointe]",
    "nom = \"a.pdf\"",
    "contenu = \"x\"",
    "arnaque = true",
    "indices = [\"a\", \"b\"]",
    "service = \"S\"",
    "identifiant = \"j\"",
    "mot_de_passe = \"m\"",
    "[[etapes]]",
    "titre = \"T\"",
    "[[etapes.champs]]",
    "nom = \"motif\"",
    "x = [[[[[[[[[[",
    "y = {a = {b = {c = {",
    "= = =",
    "",
];

const FRONT_MATTER: &[&str] = &[
    "title = \"Essai\"\n",
    "summary = \"Un essai.\"\n",
    "minutes = 10\n",
    "weight = 1\n",
    "draft = true\n",
    "learned = [\"a\", \"b\"]\n",
    "title = \n",
    "inconnu = 1\n",
    "title = \"\"\"\n",
    "[table]\n",
    "x = [",
    "y = {",
    "\"",
];

fn pick<'a>(rng: &mut StdRng, items: &'a [&'a str]) -> &'a str {
    items.choose(rng).copied().unwrap_or("")
}

/// How many times to repeat something: mostly few, sometimes thousands.
fn count(rng: &mut StdRng) -> usize {
    match rng.random_range(0..10) {
        0..=4 => rng.random_range(1..4),
        5..=7 => rng.random_range(1..64),
        _ => rng.random_range(1..20_000),
    }
}

fn text(rng: &mut StdRng, out: &mut String) {
    for _ in 0..rng.random_range(1..12) {
        out.push_str(pick(rng, WORDS));
        if rng.random_bool(0.6) {
            out.push(' ');
        }
    }
}

/// Inline content with `depth` nested openers, closed or not.
fn inline(rng: &mut StdRng, out: &mut String) {
    let depth = count(rng);
    let mut closers = Vec::new();
    for _ in 0..depth {
        let (open, close) = INLINE.choose(rng).copied().unwrap_or(("*", "*"));
        out.push_str(open);
        if rng.random_bool(0.3) {
            text(rng, out);
        }
        closers.push(close);
    }
    text(rng, out);
    let close_all = rng.random_bool(0.7);
    while let Some(close) = closers.pop() {
        if close_all || rng.random_bool(0.5) {
            out.push_str(close);
        }
        if rng.random_bool(0.1) {
            text(rng, out);
        }
    }
}

fn nested_block(rng: &mut StdRng, out: &mut String) {
    let lines = rng.random_range(1..6);
    let mut prefix = String::new();
    for _ in 0..count(rng) {
        prefix.push_str(pick(rng, CONTAINERS));
    }
    for _ in 0..lines {
        // Each line nests a little deeper, or repeats the prefix (lazy lines).
        if rng.random_bool(0.3) {
            prefix.push_str(pick(rng, CONTAINERS));
        }
        if rng.random_bool(0.8) {
            out.push_str(&prefix);
        }
        inline(rng, out);
        out.push('\n');
    }
    out.push('\n');
}

fn table(rng: &mut StdRng, out: &mut String) {
    let columns = count(rng);
    let rows = count(rng);
    for _ in 0..columns {
        out.push('|');
        text(rng, out);
    }
    out.push_str("|\n");
    for _ in 0..columns {
        out.push_str(["|-", "|:-", "|-:", "|:-:", "|---"][rng.random_range(0..5)]);
    }
    out.push_str("|\n");
    for _ in 0..rows {
        for _ in 0..rng.random_range(0..4) {
            out.push('|');
            inline(rng, out);
        }
        out.push('\n');
    }
    out.push('\n');
}

fn fenced(rng: &mut StdRng, out: &mut String) {
    let fence = ["```", "~~~", "````"][rng.random_range(0..3)];
    out.push_str(fence);
    out.push_str(pick(rng, FENCE_INFOS));
    out.push('\n');
    for _ in 0..count(rng) {
        out.push_str(pick(rng, FENCE_LINES));
        out.push('\n');
    }
    if rng.random_bool(0.9) {
        out.push_str(fence);
        out.push('\n');
    }
    out.push('\n');
}

fn heading(rng: &mut StdRng, out: &mut String) {
    out.push_str(["## ", "# ", "### ", "##", "## "][rng.random_range(0..5)]);
    text(rng, out);
    if rng.random_bool(0.3) {
        out.push_str(pick(
            rng,
            &["{#a}", "{#fin}", "{#Majuscule}", "{#a .b c=d}", "{"],
        ));
    }
    out.push_str("\n\n");
}

fn front_matter(rng: &mut StdRng, out: &mut String) {
    if rng.random_bool(0.1) {
        return;
    }
    out.push_str("+++\n");
    out.push_str("title = \"Essai\"\n");
    if rng.random_bool(0.2) {
        for _ in 0..count(rng) {
            out.push_str(pick(rng, FRONT_MATTER));
        }
    }
    if rng.random_bool(0.05) {
        let n = count(rng);
        out.push_str("x = ");
        out.push_str(&"[".repeat(n));
        out.push_str(&"]".repeat(n));
        out.push('\n');
    }
    if rng.random_bool(0.95) {
        out.push_str("+++\n");
    }
}

/// A snippet of a random kind.
fn snippet(rng: &mut StdRng, out: &mut String) {
    match rng.random_range(0..10) {
        0..=2 => nested_block(rng, out),
        3 => table(rng, out),
        4 => fenced(rng, out),
        5 => heading(rng, out),
        6 => {
            out.push_str("[ref]: ");
            out.push_str(pick(rng, WORDS));
            out.push('\n');
        }
        _ => {
            inline(rng, out);
            out.push_str(["\n", "\n\n", "  \n", "\\\n"][rng.random_range(0..4)]);
        }
    }
}

/// A shipped lesson with random slices repeated, cut or moved.
fn mutated(rng: &mut StdRng, lessons: &[String], out: &mut String) {
    let Some(base) = lessons.choose(rng) else {
        return;
    };
    let mut s = base.clone();
    for _ in 0..rng.random_range(1..6) {
        let a = floor(&s, rng.random_range(0..=s.len()));
        let b = floor(&s, rng.random_range(a..=s.len()).min(a + 400));
        let piece = s[a..b].to_string();
        match rng.random_range(0..4) {
            0 => s.replace_range(a..b, &piece.repeat(count(rng))),
            1 => s.replace_range(a..b, ""),
            2 => {
                let mut junk = String::new();
                snippet(rng, &mut junk);
                s.insert_str(a, &junk);
            }
            _ => {
                let prefix = pick(rng, CONTAINERS).repeat(count(rng));
                s = s
                    .lines()
                    .map(|l| format!("{prefix}{l}\n"))
                    .collect::<String>();
            }
        }
        if s.len() > 2 * MAX_LESSON_BYTES {
            s.truncate(floor(&s, 2 * MAX_LESSON_BYTES));
        }
    }
    out.push_str(&s);
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One lesson: up to the size limit (and now and then a little over it).
fn lesson(rng: &mut StdRng, lessons: &[String]) -> String {
    let target = match rng.random_range(0..10) {
        0..=3 => rng.random_range(1..4096),
        4..=8 => MAX_LESSON_BYTES,
        _ => MAX_LESSON_BYTES + rng.random_range(1..4096),
    };
    let mut out = String::new();
    if rng.random_bool(0.3) {
        mutated(rng, lessons, &mut out);
    } else {
        front_matter(rng, &mut out);
        out.push_str("## Étape\n");
        // Repeat one snippet (where quadratic costs hide) or mix many.
        if rng.random_bool(0.5) {
            let mut one = String::new();
            snippet(rng, &mut one);
            if !one.is_empty() {
                while out.len() < target {
                    out.push_str(&one);
                }
            }
        } else {
            while out.len() < target {
                snippet(rng, &mut out);
            }
        }
    }
    out.truncate(floor(&out, target));
    out
}

/// Everything the trainers' preview does with a lesson's text.
fn preview(store: &ContentStore, text: &str) -> Duration {
    let catalog = store.get();
    let start = Instant::now();
    let shown = authoring::preview(store, &catalog, "email-la-poste/essai.md", text, None, None);
    let took = start.elapsed();
    drop(shown);
    took
}

/// The fastest of four runs (the first one included).
fn remeasure(store: &ContentStore, text: &str, first: Duration) -> Duration {
    (0..3)
        .map(|_| preview(store, text))
        .fold(first, Duration::min)
}

struct Shared {
    runs: AtomicU64,
    panics: AtomicU64,
    slow: AtomicU64,
    failed: AtomicBool,
    times: Mutex<Vec<Duration>>,
    slowest: Mutex<(Duration, usize)>,
}

/// `--replay`: the time of each input given (files, or every `.md` of folders), slowest
/// last; exits 1 if one is over the bound.
fn replay(store: &ContentStore, o: &Options) {
    let mut files = Vec::new();
    for path in &o.replay {
        if path.is_dir() {
            for e in std::fs::read_dir(path).into_iter().flatten().flatten() {
                if e.path().extension().is_some_and(|x| x == "md") {
                    files.push(e.path());
                }
            }
        } else {
            files.push(path.clone());
        }
    }
    let mut timed = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            eprintln!("cannot read {}", file.display());
            continue;
        };
        let first = preview(store, &text);
        timed.push((remeasure(store, &text, first), text.len(), file));
    }
    timed.sort();
    let mut over = 0;
    for (took, bytes, file) in &timed {
        over += usize::from(*took > o.bound);
        println!(
            "{:8.2} ms {bytes:6} bytes {}",
            took.as_secs_f64() * 1000.0,
            file.display()
        );
    }
    println!("{over} of {} over {:?}", timed.len(), o.bound);
    if over > 0 {
        std::process::exit(1);
    }
}

fn save(dir: &Path, name: &str, text: &str) {
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|()| std::fs::write(dir.join(name), text))
    {
        eprintln!("cannot save {name}: {e}");
    }
}

fn main() {
    let o = options();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let store = Arc::new(ContentStore::new(&root, content::load(&root)));
    let mut lessons = Vec::new();
    for module in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for file in std::fs::read_dir(module.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "md")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                lessons.push(text);
            }
        }
    }
    if !o.replay.is_empty() {
        replay(&store, &o);
        return;
    }
    // Panics are caught and counted; their message would drown the output.
    std::panic::set_hook(Box::new(|_| {}));
    let shared = Arc::new(Shared {
        runs: AtomicU64::new(0),
        panics: AtomicU64::new(0),
        slow: AtomicU64::new(0),
        failed: AtomicBool::new(false),
        times: Mutex::new(Vec::new()),
        slowest: Mutex::new((Duration::ZERO, 0)),
    });
    let deadline = Instant::now() + Duration::from_secs_f64(o.seconds);
    let started = Instant::now();
    std::thread::scope(|scope| {
        for thread in 0..o.threads {
            let (store, shared, lessons, o) = (&store, &shared, &lessons, &o);
            scope.spawn(move || {
                let mut iteration = 0u64;
                let mut times = Vec::new();
                while Instant::now() < deadline {
                    let seed = o
                        .seed
                        .wrapping_mul(1_000_003)
                        .wrapping_add(thread as u64 * 1_000_000_007 + iteration);
                    iteration += 1;
                    let mut rng = StdRng::seed_from_u64(seed);
                    let text = lesson(&mut rng, lessons);
                    let result =
                        std::panic::catch_unwind(AssertUnwindSafe(|| preview(store, &text)));
                    shared.runs.fetch_add(1, Ordering::Relaxed);
                    let took = match result {
                        Ok(took) => took,
                        Err(_) => {
                            shared.panics.fetch_add(1, Ordering::Relaxed);
                            shared.failed.store(true, Ordering::Relaxed);
                            save(&o.save, &format!("panic-{seed}.md"), &text);
                            continue;
                        }
                    };
                    let took = if took > o.bound {
                        remeasure(store, &text, took)
                    } else {
                        took
                    };
                    if took > o.bound {
                        shared.slow.fetch_add(1, Ordering::Relaxed);
                        if !o.panics_only {
                            shared.failed.store(true, Ordering::Relaxed);
                        }
                        eprintln!("slow: seed {seed}, {} bytes, {took:?}", text.len());
                        save(&o.save, &format!("slow-{seed}.md"), &text);
                    }
                    let mut slowest = shared.slowest.lock().unwrap_or_else(|e| e.into_inner());
                    if took > slowest.0 {
                        *slowest = (took, text.len());
                        save(&o.save, "slowest.md", &text);
                    }
                    drop(slowest);
                    times.push(took);
                }
                shared
                    .times
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .extend(times);
            });
        }
    });
    let mut times = std::mem::take(&mut *shared.times.lock().unwrap_or_else(|e| e.into_inner()));
    times.sort();
    let quantile = |q: f64| {
        times
            .get(((times.len() as f64 - 1.0) * q).round() as usize)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let (slowest, slowest_bytes) = *shared.slowest.lock().unwrap_or_else(|e| e.into_inner());
    println!(
        "{}",
        serde_json::json!({
            "seed": o.seed,
            "threads": o.threads,
            "seconds": started.elapsed().as_secs_f64(),
            "bound_ms": o.bound.as_millis() as u64,
            "inputs": shared.runs.load(Ordering::Relaxed),
            "panics": shared.panics.load(Ordering::Relaxed),
            "over_bound": shared.slow.load(Ordering::Relaxed),
            "median_ms": quantile(0.5),
            "p99_ms": quantile(0.99),
            "max_ms": slowest.as_secs_f64() * 1000.0,
            "max_input_bytes": slowest_bytes,
        })
    );
    if shared.failed.load(Ordering::Relaxed) {
        std::process::exit(1);
    }
}
