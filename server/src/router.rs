//! The axum router: pages and server functions (Leptos), static files, lesson media,
//! the health and readiness checks, and the middleware around them.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use tower::ServiceBuilder;
use tower_http::compression::predicate::{And, NotForContentType, Predicate};
use tower_http::compression::{
    Compression, CompressionBody, CompressionLayer, CompressionLevel, DefaultPredicate,
};
use tower_http::map_response_body::{MapResponseBody, MapResponseBodyLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

use app::paths;
use app::ssr::request::resolve_user;
use app::ssr::state::AppState;
use app::{App, shell};
use leptos::config::LeptosOptions;

use crate::config::Config;
use crate::forms;
use crate::health::Health;
use crate::media;
use crate::middleware::{self, Guard};
use crate::security::{Security, SecurityLayer};
use crate::step_cache::{self, CachedSteps, StepCache};

/// The app's routes, listed once per process.
///
/// Listing them runs the app with a process-wide "do not load resources" flag set
/// (leptos_server's `SuppressResourceLoad`): a page whose data starts loading meanwhile,
/// in another thread, would wait forever (leptos issue #4773). The server builds one
/// router, but the integration tests build one per test, in parallel: listing the routes
/// once, before any router exists, keeps every render out of that window.
fn routes() -> &'static [AxumRouteListing] {
    static ROUTES: std::sync::OnceLock<Vec<AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App))
}

/// The whole site as one service: the layers every answer goes through (compression,
/// security headers, the Content-Security-Policy and its nonce), then the cache of rendered
/// steps, which answers before any routing when it can, then the router.
pub type Site = MapResponseBody<
    Compression<Headers<Headers<Security<CachedSteps<Router>>>>, Compressible>,
    fn(CompressionBody<Body>) -> Body,
>;
/// What is compressed: not images (as by default), nor audio (MP3 is compressed already,
/// and a player's byte ranges must be the file's own bytes).
type Compressible = And<DefaultPredicate, NotForContentType>;
type Headers<S> = SetResponseHeader<S, HeaderValue>;

pub fn router(state: AppState, config: &Config) -> Site {
    site(state, config, Health::default())
}

/// The site, whose `/healthz` and `/readyz` report `health`.
pub fn site(state: AppState, config: &Config, health: Health) -> Site {
    let steps = Arc::new(StepCache::default());
    let router = routes_and_middleware(state.clone(), steps.clone(), config, health);
    ServiceBuilder::new()
        .layer(MapResponseBodyLayer::new(
            Body::new as fn(CompressionBody<Body>) -> Body,
        ))
        // Pages are compressed as they leave with gzip at a quality that costs little time
        // and memory: brotli's default (quality 11, a 4 MiB window) is meant for files
        // compressed once; it took a third of a page's time, and 256 pages compressed at
        // once held tens of MiB. Built assets are served precompressed (brotli, best).
        .layer(
            CompressionLayer::new()
                .no_br()
                .quality(CompressionLevel::Precise(5))
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("audio/"))),
        )
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SecurityLayer {
            https: config.public_url.starts_with("https://"),
        })
        .service(CachedSteps::new(state, steps, router))
}

fn routes_and_middleware(
    state: AppState,
    steps: Arc<StepCache>,
    config: &Config,
    health: Health,
) -> Router {
    let guard = Guard {
        public_origin: config.public_url.as_str().into(),
        trust_proxy: config.trust_proxy,
    };
    let options = state.leptos_options.clone();
    let routes = routes().to_vec();

    // Pages and server functions: they need to know who is signed in.
    let pages = Router::new()
        .route(paths::ANSWER, post(forms::answer))
        .route(paths::VISIT, post(forms::visit))
        .route(paths::VISIT_DELETE, post(forms::delete_visit))
        .route(paths::ZONE_VOLUNTEERS, post(forms::zone_volunteers))
        .route(paths::DIAGNOSTIC_ANSWERS, post(forms::diagnostic_answers))
        .route(paths::DIAGNOSTIC_PATH, post(forms::diagnostic_path))
        .route(paths::AVAILABILITY_FORM, post(forms::availability))
        .route(paths::CALL_FORM, post(forms::call))
        .route(paths::CALENDAR_FEED_ROUTE, get(forms::calendar_feed))
        .route(
            paths::EXERCISE,
            post(forms::exercise).layer(DefaultBodyLimit::max(
                app::ssr::services::practice::MAX_REQUEST_BYTES,
            )),
        )
        .route(paths::CARD_LINK_ROUTE, get(forms::card_link))
        .route(
            paths::LESSON_IMAGE,
            post(forms::lesson_image).layer(DefaultBodyLimit::max(
                app::ssr::services::authoring::MAX_IMAGE_BYTES + 64 * 1024,
            )),
        )
        .route(paths::MY_DATA_JSON, get(forms::my_data_json))
        .route(paths::MY_DATA_CSV, get(forms::my_data_csv))
        .route(
            paths::LEARNER_DATA_JSON_ROUTE,
            get(forms::learner_data_json),
        )
        .route(paths::LEARNER_DATA_CSV_ROUTE, get(forms::learner_data_csv))
        .route(paths::SESSIONS_CSV, get(forms::sessions_csv))
        .route(paths::STATS_CSV, get(forms::stats_csv))
        .route(paths::SESSIONS_XLSX, get(forms::sessions_xlsx))
        .route(paths::STATS_XLSX, get(forms::stats_xlsx))
        .leptos_routes(&state, routes, {
            let options = options.clone();
            // Shared: the closure is cloned for every request, its options only on a render.
            let options = Arc::new(options);
            move || shell(LeptosOptions::clone(&options))
        })
        .layer(from_fn_with_state(
            (state.clone(), steps),
            step_cache::serve,
        ))
        .layer(from_fn_with_state(state.clone(), resolve_user))
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ))
        // A form that failed says so (a learner's on its page, any other as an error page)
        // instead of `?__err=`.
        .layer(axum::middleware::from_fn(
            crate::not_saved::rewrite_error_redirect,
        ))
        .layer(axum::middleware::from_fn(middleware::limit_server_fn_body));

    // Built assets have hashed names in release builds: cache them for a year.
    let pkg_cache = if options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let site_root = PathBuf::from(options.site_root.as_ref());
    let pkg = Router::new()
        .fallback_service(
            ServeDir::new(site_root.join(options.site_pkg_dir.as_ref()))
                .precompressed_br()
                .precompressed_gzip(),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(pkg_cache),
        ));

    Router::new()
        .route(
            "/healthz",
            get({
                let health = health.clone();
                move |state| healthz(state, health)
            }),
        )
        .route("/readyz", get(move || readyz(health)))
        .route(paths::MEDIA_ROUTE, get(media::media))
        .route(paths::AUDIO_ROUTE, get(media::step_audio))
        .route_service(
            "/favicon.svg",
            ServeFile::new(site_root.join("favicon.svg")),
        )
        .merge(pages)
        .nest_service(&format!("/{}", options.site_pkg_dir), pkg)
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(from_fn_with_state(guard.clone(), middleware::check_origin))
        .layer(from_fn_with_state(guard, middleware::client_address))
        // Last: errors answered by plain handlers and middleware become pages of the site.
        .layer(from_fn_with_state(
            state.clone(),
            middleware::render_error_pages,
        ))
        // Outside every other: a share link's JSON, and the headers of its page and error
        // pages.
        .layer(from_fn_with_state(state.clone(), forms::shared))
        .with_state(state)
}

/// `GET /healthz` (liveness): 200 when the database answers and the last write probe
/// succeeded (see `health.rs`).
async fn healthz(State(state): State<AppState>, health: Health) -> Response {
    if !health.writable() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "database cannot be written",
        )
            .into_response();
    }
    match state.db.ping().await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database does not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// `GET /readyz` (readiness): 200 when the database can be written and shutdown has not
/// started. The server listens only once the content is loaded.
async fn readyz(health: Health) -> Response {
    if health.draining() {
        (StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response()
    } else if !health.writable() {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "database cannot be written",
        )
            .into_response()
    } else {
        (StatusCode::OK, "ready").into_response()
    }
}

#[cfg(test)]
mod tests {
    use app::paths::{self, StepRef};

    /// The route patterns of the plain handlers registered in [`super::routes_and_middleware`]
    /// beside the app's pages (each from `app::paths`).
    const PLAIN_ROUTES: [&str; 19] = [
        paths::ANSWER,
        paths::DIAGNOSTIC_ANSWERS,
        paths::DIAGNOSTIC_PATH,
        paths::VISIT,
        paths::VISIT_DELETE,
        paths::ZONE_VOLUNTEERS,
        paths::AVAILABILITY_FORM,
        paths::CALL_FORM,
        paths::CALENDAR_FEED_ROUTE,
        paths::EXERCISE,
        paths::CARD_LINK_ROUTE,
        paths::LESSON_IMAGE,
        paths::MY_DATA_JSON,
        paths::MY_DATA_CSV,
        paths::LEARNER_DATA_JSON_ROUTE,
        paths::LEARNER_DATA_CSV_ROUTE,
        paths::SESSIONS_CSV,
        paths::MEDIA_ROUTE,
        paths::AUDIO_ROUTE,
    ];

    /// Does `path` (query and fragment ignored) match the axum pattern `pattern`? `{x}` (or
    /// Leptos's `:x`) is one non-empty segment, `{*x}` the non-empty rest.
    fn matches(pattern: &str, path: &str) -> bool {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut want = pattern.trim_start_matches('/').split('/');
        let mut got = path.trim_start_matches('/').split('/');
        loop {
            match (want.next(), got.next()) {
                (None, None) => return true,
                (Some(w), Some(g)) if w.starts_with("{*") => return !g.is_empty(),
                (Some(w), Some(g)) if w.starts_with('{') || w.starts_with(':') => {
                    if g.is_empty() {
                        return false;
                    }
                }
                (Some(w), Some(g)) if w == g => {}
                _ => return false,
            }
        }
    }

    #[test]
    fn the_pattern_matcher_tells_segments_apart() {
        assert!(matches("/modules/{module}", "/modules/email"));
        assert!(matches("/modules/:module", "/modules/email?x=1#y"));
        assert!(!matches("/modules/{module}", "/modules/"));
        assert!(!matches("/modules/{module}", "/modules/a/b"));
        assert!(matches("/medias/{module}/{*path}", "/medias/m/a/b.png"));
        assert!(!matches("/medias/{module}/{*path}", "/medias/m"));
        assert!(matches("/", "/"));
        assert!(!matches("/", "/modules"));
    }

    /// Every address `app::paths` writes leads to a route of the router: a page of the app
    /// or a plain handler.
    #[test]
    fn every_path_and_builder_matches_a_route() {
        let pages: Vec<String> = super::routes()
            .iter()
            .map(|r| r.path().to_string())
            .collect();
        assert!(pages.len() > 20, "the app's routes are listed: {pages:?}");
        let step = StepRef::new("email", "ouvrir", "debut");
        let samples = [
            paths::HOME.to_string(),
            paths::CATALOGUE.into(),
            paths::SIGN_IN.into(),
            paths::WELCOME.into(),
            paths::CARD_SIGN_IN.into(),
            paths::COMFORT.into(),
            paths::BOOKLET.into(),
            paths::MY_DATA.into(),
            paths::MY_DATA_JSON.into(),
            paths::MY_DATA_CSV.into(),
            paths::HELP.into(),
            paths::NOT_SAVED.into(),
            paths::STAFF_SIGN_IN.into(),
            paths::DASHBOARD.into(),
            paths::LEARNERS.into(),
            paths::NEW_LEARNER.into(),
            paths::WORKSHOP.into(),
            paths::TEAM.into(),
            paths::ZONES.into(),
            paths::ZONE_VOLUNTEERS.into(),
            paths::AGENDA.into(),
            paths::MY_AVAILABILITY.into(),
            paths::TO_RECALL.into(),
            paths::CALL.into(),
            paths::BOOK.into(),
            paths::book_for(7),
            paths::AVAILABILITY_FORM.into(),
            paths::CALL_FORM.into(),
            paths::calendar_feed("abc"),
            paths::appointment(3),
            paths::appointment_slip(3, None),
            paths::appointment_slip(3, Some(7)),
            paths::TRAINER.into(),
            paths::PROGRAMME.into(),
            paths::territory(4),
            paths::programme_period("2026-01-01", "2026-12-31"),
            paths::EDITOR.into(),
            paths::PREVIEW.into(),
            paths::LESSON_IMAGE.into(),
            paths::ANSWER.into(),
            paths::VISIT.into(),
            paths::EXERCISE.into(),
            paths::module("email"),
            paths::lesson("email", "ouvrir"),
            paths::lesson_end("email", "ouvrir"),
            paths::step("email", "ouvrir", "debut"),
            paths::learner(7),
            paths::learner_card(7),
            paths::learner_visit(7),
            paths::learner_data(7, false),
            paths::learner_data(7, true),
            paths::visit(3),
            paths::visit_edit(3),
            paths::SESSIONS.into(),
            paths::VISIT_DELETE.into(),
            paths::learner_profile(7),
            paths::hand_off(3, 7),
            paths::invitation("abc"),
            paths::editor("email/ouvrir.md"),
            paths::editor_at_line("email/ouvrir.md", 3),
            paths::preview("email/ouvrir.md"),
            paths::media("email", "images/a.png"),
            paths::audio(&"a".repeat(64)),
            paths::not_saved_href(&step.href()),
            step.href(),
            step.lesson_href(),
            step.end_href(),
            step.exercise_href("boite", "vue=boite"),
            "/carte/ABCD-EFGH".into(),
        ];
        for sample in samples {
            let routes = pages.iter().map(String::as_str).chain(PLAIN_ROUTES);
            let found: Vec<&str> = routes.filter(|r| matches(r, &sample)).collect();
            assert!(!found.is_empty(), "{sample} matches no route of {pages:?}");
        }
    }
}
