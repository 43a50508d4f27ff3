//! Steps read aloud by the server (`app::ssr::speech`): made with espeak-ng and lame, kept
//! in the database by content hash, served as MP3 with conditional requests and ranges,
//! and offered on the step page with a player that needs no JavaScript.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};

use app::ssr::speech::Generated;
use app::ssr::speech::voice::{Voice, mp3_duration_ms};

use crate::common::{TestApp, real_content};

/// One module with one lesson of the shipped content, so that a test makes a few audio
/// files only.
fn small_content() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let module = dir.path().join("email-la-poste");
    std::fs::create_dir(&module).unwrap();
    let shipped = real_content().join("email-la-poste");
    for file in ["_index.md", "adresse-enveloppe.md"] {
        std::fs::copy(shipped.join(file), module.join(file)).unwrap();
    }
    // The lesson's drawings (a missing picture is an error: the lesson would not load).
    for entry in std::fs::read_dir(&shipped).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            std::fs::copy(&path, module.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// espeak-ng and lame are there; on CI they must be (`.ci/setup` installs them).
fn speech_tools() -> bool {
    if Voice::default().available().is_ok() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "espeak-ng and lame must be installed on CI (.ci/setup)"
    );
    eprintln!("SKIPPED: espeak-ng or lame is not installed (run .ci/setup)");
    false
}

const STEP: &str = "/modules/email-la-poste/adresse-enveloppe/adresse";

/// The address of the step's audio in its page.
fn audio_src(page: &str) -> Option<String> {
    let at = page.find("<audio")?;
    let tag = &page[at..at + page[at..].find('>')?];
    assert!(tag.contains("controls"), "{tag}");
    assert!(tag.contains("preload=\"none\""), "{tag}");
    let src = tag.split("src=\"").nth(1)?.split('"').next()?;
    Some(src.to_string())
}

#[tokio::test]
async fn every_step_is_read_aloud_and_served_as_an_mp3() {
    if !speech_tools() {
        return;
    }
    let content = small_content();
    let app = TestApp::with_content(content.path()).await;
    let cookie = app.learner_cookie().await;

    // Before the audio is made: no player (and the page is kept in the step cache).
    for _ in 0..2 {
        let page = app.get(STEP, Some(&cookie)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(audio_src(&page.body).is_none(), "no audio yet");
    }
    let without = app.get_gzip(STEP, &cookie).await;
    assert!(audio_src(&without.gunzip()).is_none());

    let made = app
        .state
        .audio
        .generate(&app.state.db, &app.state.content)
        .await
        .unwrap();
    let steps: usize = app
        .state
        .content
        .get()
        .published()
        .flat_map(|m| &m.lessons)
        .map(|l| l.steps.len())
        .sum();
    assert!(made.texts >= 4 && made.texts <= steps, "{made:?}");
    assert_eq!(
        made,
        Generated {
            texts: made.texts,
            made: made.texts,
            ..Generated::default()
        }
    );

    // The page (cached before) now has its player, with the label from the text module.
    let page = app.get(STEP, Some(&cookie)).await;
    let src = audio_src(&page.body).expect("a player once the audio is made");
    page.assert_shows(app::text::LISTEN_STEP);
    assert!(src.starts_with("/audio/") && src.ends_with(".mp3"), "{src}");
    // The page weighs no more than the player's markup more, as served (gzip): the audio
    // itself is loaded only when played (`preload="none"`).
    let with = app.get_gzip(STEP, &cookie).await;
    let html = with.gunzip();
    let start = html.find("<div class=\"step-audio\">").unwrap();
    let end = start + html[start..].find("</audio>").unwrap() + "</audio></div>".len();
    let markup = &html[start..end];
    let grown = with.raw.len() as i64 - without.raw.len() as i64;
    eprintln!(
        "step page served: {} bytes gzip without the player, {} with it (+{grown}); \
         the player's markup: {} bytes",
        without.raw.len(),
        with.raw.len(),
        markup.len()
    );
    assert!(grown <= markup.len() as i64, "{grown} > {}", markup.len());
    // Without a session too (a visitor trying a lesson).
    let visitor = app.get(STEP, None).await;
    assert_eq!(audio_src(&visitor.body).as_deref(), Some(src.as_str()));

    // The file: an MP3 that plays for a while, never recompressed, kept a year.
    let res = app
        .send(
            Request::get(&src)
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.headers[header::CONTENT_TYPE], "audio/mpeg");
    assert!(res.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(res.headers[header::ACCEPT_RANGES], "bytes");
    let cache = res.headers[header::CACHE_CONTROL].to_str().unwrap();
    assert!(
        cache.contains("max-age=31536000") && cache.contains("immutable"),
        "{cache}"
    );
    let mp3 = res.raw.clone();
    assert_eq!((mp3[0], mp3[1] & 0xE0), (0xFF, 0xE0), "an MPEG frame first");
    let duration = mp3_duration_ms(&mp3).expect("whole MP3 frames");
    assert!(duration > 1000, "{duration} ms");
    // About 32 kbit/s: at most 5 KiB a second.
    assert!(mp3.len() as u64 <= duration * 5, "{} bytes", mp3.len());

    // Asked again with its tag: 304.
    let etag = res.headers[header::ETAG].to_str().unwrap().to_string();
    let again = app
        .send(
            Request::get(&src)
                .header(header::IF_NONE_MATCH, &etag)
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.raw.is_empty());

    // A player seeking: a byte range.
    let part = app
        .send(
            Request::get(&src)
                .header(header::RANGE, "bytes=100-199")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        part.headers[header::CONTENT_RANGE],
        format!("bytes 100-199/{}", mp3.len()).as_str()
    );
    assert_eq!(&part.raw[..], &mp3[100..200]);

    // Unknown or malformed keys: 404.
    for path in [
        format!("/audio/{}.mp3", "0".repeat(64)),
        "/audio/abc.mp3".into(),
        src.replace(".mp3", ".wav"),
        format!("/audio/{}.mp3", "G".repeat(64)),
    ] {
        assert_eq!(
            app.get(&path, None).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // Made once: a second run, or another instance on the same database, finds it all.
    let again = app
        .state
        .audio
        .generate(&app.state.db, &app.state.content)
        .await
        .unwrap();
    assert_eq!((again.found, again.made), (made.texts, 0));
    let other = app.another_instance().await;
    assert!(audio_src(&other.get(STEP, Some(&cookie)).await.body).is_none());
    let there = other
        .state
        .audio
        .generate(&other.state.db, &other.state.content)
        .await
        .unwrap();
    assert_eq!((there.found, there.made), (made.texts, 0));
    assert_eq!(
        audio_src(&other.get(STEP, Some(&cookie)).await.body).as_deref(),
        Some(src.as_str())
    );
}

#[tokio::test]
async fn two_instances_making_the_same_audio_at_once_keep_it_once() {
    if !speech_tools() {
        return;
    }
    let content = small_content();
    let a = TestApp::with_content(content.path()).await;
    let b = a.another_instance().await;
    let (ra, rb) = tokio::join!(
        a.state.audio.generate(&a.state.db, &a.state.content),
        b.state.audio.generate(&b.state.db, &b.state.content),
    );
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    assert_eq!(ra.failed + rb.failed, 0);
    assert_eq!(ra.made + ra.found, ra.texts);
    assert_eq!(rb.made + rb.found, rb.texts);
    use sea_orm::{EntityTrait, PaginatorTrait};
    let rows = app::ssr::db::entities::step_audio::Entity::find()
        .count(&a.state.db)
        .await
        .unwrap();
    assert_eq!(rows as usize, ra.texts);
}

#[tokio::test]
async fn without_the_speech_programs_there_is_no_player_and_no_error() {
    let content = small_content();
    let app = TestApp::with_state(content.path(), |shared| {
        shared.audio = std::sync::Arc::new(app::ssr::speech::StepAudio::new(Voice {
            espeak: "/nonexistent/espeak-ng".into(),
            ..Voice::default()
        }));
    })
    .await;
    let made = app
        .state
        .audio
        .generate(&app.state.db, &app.state.content)
        .await
        .unwrap();
    assert!(made.unavailable && made.made == 0, "{made:?}");
    let cookie = app.learner_cookie().await;
    let page = app.get(STEP, Some(&cookie)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(audio_src(&page.body).is_none());
}

#[tokio::test]
async fn the_audio_of_texts_in_no_lesson_for_a_week_is_removed() {
    use app::ssr::db::entities::step_audio;
    use app::ssr::speech::UNUSED_KEPT_SECS;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};

    // No speech programs: nothing is made, which keeps the test fast; removing needs none.
    let content = small_content();
    let app = TestApp::with_state(content.path(), |shared| {
        shared.audio = std::sync::Arc::new(app::ssr::speech::StepAudio::new(Voice {
            espeak: "/nonexistent/espeak-ng".into(),
            ..Voice::default()
        }));
    })
    .await;
    let now = app::ssr::db::now();
    let catalog = app.state.content.get();
    let step = catalog
        .step("email-la-poste", "adresse-enveloppe", "adresse")
        .unwrap();
    let current = app.state.audio.key_of(step).unwrap();
    let row = |key: &str, seen_at: i64| step_audio::ActiveModel {
        key: Set(key.to_string()),
        bytes: Set(vec![1, 2, 3]),
        content_type: Set("audio/mpeg".into()),
        duration_ms: Set(1000),
        created_at: Set(seen_at),
        seen_at: Set(seen_at),
    };
    let long_ago = now - UNUSED_KEPT_SECS - 60;
    let gone = "a".repeat(64);
    let recent = "b".repeat(64);
    for (key, seen_at) in [
        (&gone, long_ago),
        (&recent, now - 24 * 3600),
        (&current, long_ago),
    ] {
        row(key, seen_at).insert(&app.state.db).await.unwrap();
    }

    let run = app
        .state
        .audio
        .generate(&app.state.db, &app.state.content)
        .await
        .unwrap();
    assert_eq!((run.found, run.purged), (1, 1), "{run:?}");
    let kept = |key: String| {
        let db = app.state.db.clone();
        async move { step_audio::Entity::find_by_id(key).one(&db).await.unwrap() }
    };
    // Unused for more than a week: removed, and no longer served.
    assert!(kept(gone.clone()).await.is_none());
    assert_eq!(
        app.get(&format!("/audio/{gone}.mp3"), None).await.status,
        StatusCode::NOT_FOUND
    );
    // Unused since yesterday (an instance or a page may still ask for it): kept.
    assert!(kept(recent.clone()).await.is_some());
    // A current step's audio, however old: kept, seen again, offered on its page.
    let current_row = kept(current.clone()).await.unwrap();
    assert!(current_row.seen_at >= now, "{current_row:?}");
    let page = app.get(STEP, Some(&app.learner_cookie().await)).await;
    assert_eq!(
        audio_src(&page.body).as_deref(),
        Some(format!("/audio/{current}.mp3").as_str())
    );
}
