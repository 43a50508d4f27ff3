//! Rendered lesson steps, kept in memory: a learner's step page is rendered by Leptos once
//! per step and content version, then served from a template with the learner's own parts
//! filled in: their comfort classes, their first name, and when the step was shown.
//!
//! Only the plain case is cached: `GET` of a published step, no query string (no answer
//! to explain, no exercise state, no message), by a signed-in learner, and not a step
//! that asks the confidence question or holds a practice exercise. Everything else, and
//! any template that does not have its three holes exactly where expected, is rendered by
//! Leptos as before. The cache starts over when the content changes (a new catalogue); a
//! step's template is rendered again when the step's own audio becomes ready or goes (its
//! page gets or loses its player: see `app::ssr::speech`), and only that step's: audio is
//! made one step at a time after a start, and emptying the whole cache at each made every
//! learner's next page a render.
//!
//! A template missing is rendered once: the requests for the same step that arrive
//! meanwhile wait for it ([`StepCache::turn`]) instead of each rendering the page (a
//! learner's class clicking "Suivant" together, or 256 connections of a benchmark, made as
//! many renders at once, each holding its page's whole tree in memory).
//!
//! Two places answer from it: [`CachedSteps`], in front of the router, for a step whose
//! template is kept (at once when who is signed in is in memory: no routing, no database;
//! else after looking them up, which on several instances also checks for changes made by
//! the others, see [`app::ssr::user_cache::UserCache::resolve`]), and [`serve`], a
//! middleware after the session lookup, which also renders and keeps new templates.

use std::collections::HashMap;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use futures_util::future::{Either, Ready, ready};
use tower::Service;

use app::paths::StepRef;
use app::ssr::content::{Block, Catalog};
use app::ssr::db::entities::learner;
use app::ssr::db::now;
use app::ssr::identity::CurrentUser;
use app::ssr::request;
use app::ssr::state::AppState;
use app::ssr::turns::Turns;
use leptos::nonce::Nonce;

use crate::page_parts::{self, PageParts};

/// Stands for the learner's first name while a template is rendered.
const NAME_MARK: &str = "\u{E000}pap-prenom\u{E000}";
/// Stands for the response's nonce (Content-Security-Policy) while a template is rendered:
/// each answer gets its own, written wherever Leptos wrote this.
const NONCE_MARK: &str = "\u{E000}pap-nonce\u{E000}";
/// More templates than this: the cache starts over (≈ 6 KiB each).
const MAX_PAGES: usize = 4_000;
/// Steps rendered at once at most (each step waits for its own turn; two steps may share
/// one, then one waits for the other).
const TURNS: usize = 64;
/// A rendered step larger than this is not kept.
const MAX_PAGE_BYTES: usize = 1 << 20;

#[derive(Debug)]
pub struct StepCache {
    inner: RwLock<Inner>,
    /// Turns to render a missing template, by the step page's path.
    turns: Turns,
}

impl Default for StepCache {
    fn default() -> Self {
        Self {
            inner: RwLock::default(),
            turns: Turns::new(TURNS),
        }
    }
}

#[derive(Debug, Default)]
struct Inner {
    /// The catalogue the templates were rendered from.
    catalog: Option<Arc<Catalog>>,
    /// By the step page's path, `/modules/{module}/{lesson}/{step}`.
    pages: HashMap<Box<str>, Arc<Template>>,
}

/// A step's audio as its page was rendered: its key, and whether it was ready (the page
/// then has a player). `None` for a step with nothing to read.
#[derive(Clone, Debug, PartialEq, Eq)]
struct AudioAsRendered {
    key: Box<str>,
    ready: bool,
}

impl AudioAsRendered {
    fn of(state: &AppState, catalog: &Catalog, step: &StepRef) -> Option<Self> {
        let step = catalog.step(&step.module, &step.lesson, &step.step)?;
        let key = state.audio.key_of(step)?;
        Some(Self {
            ready: state.audio.is_ready(&key),
            key: key.into(),
        })
    }

    /// Still what the page shows?
    fn current(&self, is_ready: impl Fn(&str) -> bool) -> bool {
        is_ready(&self.key) == self.ready
    }
}

/// What fills a hole of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hole {
    /// The `<html>` element's classes (comfort settings).
    Classes,
    /// The learner's first name, in the header.
    Name,
    /// The `shown` time of the "Suivant" form.
    Shown,
    /// The response's nonce (on each script Leptos writes).
    Nonce,
    /// The learner's id in each form's `owner` field (whose page it is: see
    /// `app::components::owner`).
    Owner,
}

/// A rendered step with holes, in document order: the `<html>` element's classes, the
/// learner's first name in the header, the `shown` time of the "Suivant" form (each
/// exactly once), the nonce wherever Leptos wrote one, and the learner's id in each form's
/// `owner` field. Kept as it is and compressed
/// (see [`PageParts`]).
#[derive(Debug)]
struct Template {
    step: Arc<StepRef>,
    audio: Option<AudioAsRendered>,
    holes: Vec<Hole>,
    page: PageParts,
}

impl Template {
    /// Finds the holes in a page rendered for a learner named [`NAME_MARK`] with the
    /// default comfort settings and the nonce [`NONCE_MARK`]; `None` if the classes, the
    /// name and the time are not each found exactly once, in order, or no nonce is found.
    fn parse(html: &str, step: Arc<StepRef>, audio: Option<AudioAsRendered>) -> Option<Self> {
        // Leptos also writes the nonce as the `crossorigin` value of its two preload links,
        // where any value but `use-credentials` means `anonymous`: the empty value says the
        // same, and spares two holes (each hole cuts the compressed page).
        let html = html.replace(&format!("crossorigin=\"{NONCE_MARK}\""), "crossorigin=\"\"");
        let html = html.as_str();
        const CLASS: &str = "<html class=\"";
        const SHOWN: &str = "name=\"shown\" value=\"";
        const OWNER: &str = "name=\"owner\" value=\"";
        // A number, then the attribute's closing quote: its length.
        let digits_at = |at: usize| {
            html[at..]
                .find(|c: char| !c.is_ascii_digit())
                .filter(|&n| n > 0 && html[at + n..].starts_with('"'))
        };
        let class_at = html.find(CLASS)? + CLASS.len();
        if !html[class_at..].starts_with('"') || html.matches(CLASS).count() != 1 {
            return None;
        }
        let name_at = html.find(NAME_MARK)?;
        if html.matches(NAME_MARK).count() != 1 || name_at < class_at {
            return None;
        }
        let shown_at = html.find(SHOWN)? + SHOWN.len();
        if html.matches(SHOWN).count() != 1 || shown_at < name_at + NAME_MARK.len() {
            return None;
        }
        let digits = digits_at(shown_at)?;
        // (start, end, what) of every hole, in document order.
        let mut found = vec![
            (class_at, class_at, Hole::Classes),
            (name_at, name_at + NAME_MARK.len(), Hole::Name),
            (shown_at, shown_at + digits, Hole::Shown),
        ];
        found.extend(
            html.match_indices(NONCE_MARK)
                .map(|(at, m)| (at, at + m.len(), Hole::Nonce)),
        );
        if found.len() == 3 {
            return None;
        }
        for (at, _) in html.match_indices(OWNER) {
            let start = at + OWNER.len();
            found.push((start, start + digits_at(start)?, Hole::Owner));
        }
        found.sort_by_key(|(at, _, _)| *at);
        let mut parts = Vec::with_capacity(found.len() + 1);
        let mut from = 0;
        for (at, end, _) in &found {
            if *at < from {
                return None;
            }
            parts.push(&html[from..*at]);
            from = *end;
        }
        parts.push(&html[from..]);
        Some(Self {
            step,
            audio,
            holes: found.into_iter().map(|(_, _, hole)| hole).collect(),
            page: PageParts::new(&parts),
        })
    }

    /// The page for a learner, who has now seen the step; compressed if `gzip`.
    fn answer(
        &self,
        state: &AppState,
        learner: &learner::Model,
        nonce: &str,
        gzip: bool,
    ) -> Response {
        state.seen.seen(learner.id, self.step.clone());
        let classes = request::learner_comfort(learner).classes();
        let holes = self.fill(classes, learner, now(), nonce);
        let mut res = if gzip {
            let mut res = Body::new(self.page.gzip(holes)).into_response();
            let headers = res.headers_mut();
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
            res
        } else {
            // (The compression layer adds `Vary`, and leaves the page as it is.)
            Body::new(self.page.plain(holes)).into_response()
        };
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        res
    }

    /// What fills the holes: comfort classes, the first name (escaped), the time, the
    /// nonce (made by the security layer: letters, digits, `-` and `_`), the learner's id.
    fn fill(
        &self,
        classes: String,
        learner: &learner::Model,
        shown: i64,
        nonce: &str,
    ) -> Vec<Bytes> {
        let nonce = Bytes::copy_from_slice(nonce.as_bytes());
        let id = Bytes::from(learner.id.to_string());
        let mut classes = Some(Bytes::from(classes));
        self.holes
            .iter()
            .map(|hole| match hole {
                Hole::Classes => classes.take().unwrap_or_default(),
                Hole::Name => Bytes::from(escape_name(&learner.first_name)),
                Hole::Shown => Bytes::from(shown.to_string()),
                Hole::Nonce => nonce.clone(),
                Hole::Owner => id.clone(),
            })
            .collect()
    }
}

/// A first name as HTML that is the same text wherever it lands: in an element's text, in
/// `<title>`, or in a quoted attribute (both quotes escaped too).
fn escape_name(first_name: &str) -> String {
    html_escape::encode_quoted_attribute(first_name).into_owned()
}

/// The nonce the security layer made for this request.
fn nonce_of(req: &Request) -> Option<Nonce> {
    req.extensions().get::<Nonce>().cloned()
}

impl StepCache {
    /// The template of `path` rendered from `catalog`, if the step's audio is still as it
    /// was then (`is_ready` tells whether an audio key is ready now).
    fn get(
        &self,
        catalog: &Arc<Catalog>,
        path: &str,
        is_ready: impl Fn(&str) -> bool,
    ) -> Option<Arc<Template>> {
        let inner = self.inner.read().unwrap_or_else(|e| e.into_inner());
        inner.catalog.as_ref().filter(|c| Arc::ptr_eq(c, catalog))?;
        inner
            .pages
            .get(path)
            .filter(|t| t.audio.as_ref().is_none_or(|a| a.current(&is_ready)))
            .cloned()
    }

    /// Keeps a template rendered from `catalog`, unless the catalogue changed meanwhile
    /// (`current`) or the step's audio did (`is_ready`): the cache belongs to what is
    /// being served.
    fn put(
        &self,
        current: &Arc<Catalog>,
        catalog: &Arc<Catalog>,
        path: &str,
        template: Arc<Template>,
        is_ready: impl Fn(&str) -> bool,
    ) {
        if !Arc::ptr_eq(current, catalog)
            || !template.audio.as_ref().is_none_or(|a| a.current(&is_ready))
        {
            return;
        }
        let mut inner = self.inner.write().unwrap_or_else(|e| e.into_inner());
        let same = inner
            .catalog
            .as_ref()
            .is_some_and(|c| Arc::ptr_eq(c, catalog));
        if !same || inner.pages.len() >= MAX_PAGES {
            inner.pages.clear();
            inner.catalog = Some(catalog.clone());
        }
        inner.pages.insert(path.into(), template);
    }

    /// The turn to render the template of `path`: held by one request at a time, so that
    /// the others find the template made when they get it.
    async fn turn(&self, path: &str) -> tokio::sync::MutexGuard<'_, ()> {
        self.turns.turn(path).await
    }
}

/// `/modules/{module}/{lesson}/{step}` of a published step that may come from the cache.
fn cacheable(catalog: &Catalog, path: &str) -> Option<Arc<StepRef>> {
    let (module, lesson, step) = StepRef::parts_of_path(path)?;
    let (m, l) = catalog.lesson(module, lesson)?;
    let i = l.step_index(step)?;
    // The confidence question depends on the learner.
    let confidence = m.asks_confidence_at(l, i);
    let exercise = l.steps[i]
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Exercise(_)));
    (!confidence && !exercise).then(|| Arc::new(StepRef::new(&m.slug, &l.slug, step)))
}

/// Could this request be answered from a template (before knowing who sends it)?
fn plain_step_request(req: &Request) -> bool {
    req.method() == Method::GET
        && req.uri().query().is_none()
        && req.uri().path().starts_with("/modules/")
}

/// The cache in front of the router: a step page already rendered, asked for by a learner,
/// is answered without routing nor any middleware of the router: at once when the
/// learner's session is in memory, else after looking it up ([`UserCache::resolve`], one
/// lookup at a time per session). Anything else goes on to the router, where [`serve`]
/// renders and keeps new templates.
///
/// Looking up here rather than in the router keeps a request that waits for the database
/// small: when a session's entry becomes too old while its requests keep coming (a
/// benchmark's 256 connections, a class's pages), each of them would otherwise wait inside
/// the router's whole stack of middleware (≈ 60 KiB each, measured with heaptrack). For
/// the same reason, the requests for a step not kept yet wait for its render here
/// (`Front::LookUp`), and only the one whose turn it is goes on to the router to render
/// it.
///
/// [`UserCache::resolve`]: app::ssr::user_cache::UserCache::resolve
#[derive(Clone)]
pub struct CachedSteps<S> {
    state: AppState,
    cache: Arc<StepCache>,
    inner: S,
}

/// What [`CachedSteps`] does with a request.
enum Front {
    Answered(Response),
    /// A step from a session not in memory, or not kept yet (`render_turn`: wait for its
    /// render's turn first): look the session up, then answer from the template.
    LookUp {
        token: String,
        render_turn: bool,
    },
    Router,
}

/// In a request's extensions: [`CachedSteps`] holds the render's turn of its step for it,
/// so that [`serve`] does not wait for it again.
#[derive(Clone, Copy)]
struct RenderTurnHeld;

impl<S> CachedSteps<S> {
    pub fn new(state: AppState, cache: Arc<StepCache>, inner: S) -> Self {
        Self {
            state,
            cache,
            inner,
        }
    }

    /// The router that was made ready, to go with a request it is called for later
    /// (tower's rule); this one keeps a clone.
    fn ready_router(&mut self) -> S
    where
        S: Clone,
    {
        let clone = self.inner.clone();
        std::mem::replace(&mut self.inner, clone)
    }

    fn front(&self, req: &Request) -> Front {
        if !plain_step_request(req) {
            return Front::Router;
        }
        let Some(token) =
            request::session_token_from(req.headers(), self.state.settings.secure_cookies)
        else {
            return Front::Router;
        };
        if template_of(&self.state, &self.cache, req).is_none() {
            return match cacheable(&self.state.content.get(), req.uri().path()) {
                Some(_) => Front::LookUp {
                    token,
                    render_turn: true,
                },
                None => Front::Router,
            };
        }
        match self.state.users.with_cached(&token, |user| match user {
            CurrentUser::Learner(learner) => answer(&self.state, &self.cache, req, learner),
            CurrentUser::Staff(_) => None,
        }) {
            Some(Some(res)) => Front::Answered(res),
            Some(None) => Front::Router,
            None => Front::LookUp {
                token,
                render_turn: false,
            },
        }
    }
}

/// The template of the step asked for, if it is kept and still current.
fn template_of(state: &AppState, cache: &StepCache, req: &Request) -> Option<Arc<Template>> {
    cache.get(&state.content.get(), req.uri().path(), |key| {
        state.audio.is_ready(key)
    })
}

/// The step page asked for, from its template, for `learner`.
fn answer(
    state: &AppState,
    cache: &StepCache,
    req: &Request,
    learner: &learner::Model,
) -> Option<Response> {
    let template = template_of(state, cache, req)?;
    let nonce = nonce_of(req)?;
    Some(template.answer(
        state,
        learner,
        &nonce,
        page_parts::accepts_gzip(req.headers()),
    ))
}

/// [`Front::LookUp`]: for a step not kept yet, first its render's turn (then the template
/// made meanwhile, if any); who sends `req`, then their page from the template; else the
/// router as usual (an ended session, a member of staff, the database failing, or the
/// first request for a step: it renders it, with the turn held here, [`RenderTurnHeld`]).
/// Those who wait, wait here, small, not inside the router's middleware.
async fn look_up_then_answer<S>(
    state: AppState,
    cache: Arc<StepCache>,
    mut router: S,
    token: String,
    mut req: Request,
    render_turn: bool,
) -> Result<Response, Infallible>
where
    S: Service<Request, Response = Response, Error = Infallible>,
{
    let path = req.uri().path().to_string();
    let turn = match render_turn {
        true => Some(cache.turn(&path).await),
        false => None,
    };
    if let Ok(Some(CurrentUser::Learner(learner))) = state.users.resolve(&state.db, &token).await
        && let Some(res) = answer(&state, &cache, &req, &learner)
    {
        return Ok(res);
    }
    if turn.is_some() {
        // The router must not wait for the turn held here (`serve` renders without it).
        req.extensions_mut().insert(RenderTurnHeld);
    }
    router.call(req).await
}

type LookUpFuture = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

impl<S> Service<Request> for CachedSteps<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Either<Ready<Result<Response, Infallible>>, Either<S::Future, LookUpFuture>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        match self.front(&req) {
            Front::Answered(res) => Either::Left(ready(Ok(res))),
            Front::Router => Either::Right(Either::Left(self.inner.call(req))),
            Front::LookUp { token, render_turn } => {
                let router = self.ready_router();
                Either::Right(Either::Right(Box::pin(look_up_then_answer(
                    self.state.clone(),
                    self.cache.clone(),
                    router,
                    token,
                    req,
                    render_turn,
                ))))
            }
        }
    }
}

/// Middleware (inside the one that resolves who is signed in): serves cached steps, and
/// keeps the steps it lets Leptos render.
pub async fn serve(
    State((state, cache)): State<(AppState, Arc<StepCache>)>,
    req: Request,
    next: Next,
) -> Response {
    if !plain_step_request(&req) {
        return next.run(req).await;
    }
    let Some(CurrentUser::Learner(learner)) = req.extensions().get::<CurrentUser>().cloned() else {
        return next.run(req).await;
    };
    let Some(nonce) = nonce_of(&req) else {
        return next.run(req).await;
    };
    let gzip = page_parts::accepts_gzip(req.headers());
    let is_ready = |key: &str| state.audio.is_ready(key);
    if let Some(template) = cache.get(&state.content.get(), req.uri().path(), is_ready) {
        return template.answer(&state, &learner, &nonce, gzip);
    }
    let catalog = state.content.get();
    let Some(step) = cacheable(&catalog, req.uri().path()) else {
        return next.run(req).await;
    };
    // One render per step at a time: who waited finds the template made. (A catalogue
    // changed meanwhile: `put` does not keep what this renders from the old one.)
    let _turn = match req.extensions().get::<RenderTurnHeld>() {
        Some(RenderTurnHeld) => None,
        None => Some(cache.turn(req.uri().path()).await),
    };
    if let Some(template) = cache.get(&state.content.get(), req.uri().path(), is_ready) {
        return template.answer(&state, &learner, &nonce, gzip);
    }
    // Read before rendering: an audio ready meanwhile makes this render stale.
    let audio = AudioAsRendered::of(&state, &catalog, &step);

    // Not cached yet: Leptos renders the step for this learner, with a mark for the name
    // and the default comfort settings (it records the step as seen, as for any page).
    let path = req.uri().path().to_string();
    let mut template_learner = learner.clone();
    template_learner.first_name = NAME_MARK.to_string();
    template_learner.text_size = 0;
    template_learner.high_contrast = false;
    template_learner.reduce_motion = false;
    let (mut parts, body) = req.into_parts();
    parts
        .extensions
        .insert(CurrentUser::Learner(template_learner));
    parts.extensions.insert(Nonce::from_value(NONCE_MARK));
    let res = next.run(Request::from_parts(parts, body)).await;
    let plain = res.status() == StatusCode::OK && !res.headers().contains_key(header::SET_COOKIE);
    let (mut res_parts, body) = res.into_parts();
    let bytes = match to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(path, error = %e, "cannot read a rendered step");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let page = String::from_utf8_lossy(&bytes);
    let template =
        Template::parse(&page, step, audio).filter(|_| plain && bytes.len() <= MAX_PAGE_BYTES);
    match template {
        Some(template) => {
            let template = Arc::new(template);
            cache.put(
                &state.content.get(),
                &catalog,
                &path,
                template.clone(),
                is_ready,
            );
            template.answer(&state, &learner, &nonce, gzip)
        }
        None => {
            if plain {
                tracing::warn!(path, "a rendered step cannot be kept as a template");
            }
            // Whatever it is, the learner gets it with their own name and comfort settings
            // (it was rendered with the default ones).
            let name = escape_name(&learner.first_name);
            let classes = request::learner_comfort(&learner).classes();
            let page = page
                .replace(NAME_MARK, &name)
                .replace(NONCE_MARK, &nonce)
                .replacen("<html class=\"\"", &format!("<html class=\"{classes}\""), 1);
            res_parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(res_parts, Body::from(page))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(shown: &str) -> String {
        format!(
            "<!DOCTYPE html><html class=\"\" lang=\"fr\"><head>\
             <link rel=\"modulepreload\" crossorigin=\"{NONCE_MARK}\">\
             <script nonce=\"{NONCE_MARK}\">x()</script></head><body><li class=\"who\">{NAME_MARK}</li>\
             <input type=\"hidden\" name=\"owner\" value=\"7\"/>\
             <input type=\"hidden\" name=\"shown\" value=\"{shown}\"/>\
             <input type=\"hidden\" name=\"owner\" value=\"7\"/><p>fin</p></body></html>"
        )
    }

    fn zoe() -> learner::Model {
        learner::Model {
            id: 42,
            structure_id: 1,
            volunteer_id: None,
            first_name: "Zoé <b>&\"'".into(),
            code: "ABCDEFGHJK".into(),
            created_at: 0,
            last_active_at: None,
            notes_consent: None,
            privacy_seen_at: None,
            text_size: 0,
            high_contrast: false,
            reduce_motion: false,
            age_band: None,
            gender: None,
            social_status: None,
            commune: None,
            volunteer_since: None,
            first_session_on: None,
        }
    }

    #[tokio::test]
    async fn a_template_fills_the_learner_s_parts_escaped() {
        use http_body_util::BodyExt;
        let t = Template::parse(
            &page("1795498929"),
            Arc::new(StepRef::new("m", "l", "s")),
            None,
        )
        .unwrap();
        let body = t
            .page
            .plain(t.fill("texte-grand contraste".into(), &zoe(), 42, "N0nce_-x"))
            .collect()
            .await
            .unwrap()
            .to_bytes();
        assert_eq!(
            String::from_utf8(body.to_vec()).unwrap(),
            "<!DOCTYPE html><html class=\"texte-grand contraste\" lang=\"fr\"><head>\
             <link rel=\"modulepreload\" crossorigin=\"\">\
             <script nonce=\"N0nce_-x\">x()</script></head><body>\
             <li class=\"who\">Zoé &lt;b&gt;&amp;&quot;&#x27;</li>\
             <input type=\"hidden\" name=\"owner\" value=\"42\"/>\
             <input type=\"hidden\" name=\"shown\" value=\"42\"/>\
             <input type=\"hidden\" name=\"owner\" value=\"42\"/><p>fin</p></body></html>"
        );
    }

    #[test]
    fn a_page_without_its_holes_exactly_once_is_not_a_template() {
        let parse = |html: &str| Template::parse(html, Arc::new(StepRef::new("m", "l", "s")), None);
        assert!(parse(&page("")).is_none(), "no time");
        assert!(parse(&page("12a")).is_none());
        assert!(parse(&page("1").replace(NAME_MARK, "Jeanne")).is_none());
        let twice = page("1").replace("<p>fin</p>", &format!("<p>{NAME_MARK}</p>"));
        assert!(parse(&twice).is_none());
        let classed = page("1").replace("class=\"\" lang", "class=\"contraste\" lang");
        assert!(parse(&classed).is_none(), "comfort classes baked in");
        let no_nonce = page("1").replace(NONCE_MARK, "fixe");
        assert!(parse(&no_nonce).is_none(), "a nonce baked in");
    }

    fn template(audio: Option<AudioAsRendered>) -> Arc<Template> {
        Arc::new(Template::parse(&page("1"), Arc::new(StepRef::new("m", "l", "s")), audio).unwrap())
    }

    fn audio(key: &str, ready: bool) -> Option<AudioAsRendered> {
        Some(AudioAsRendered {
            key: key.into(),
            ready,
        })
    }

    /// A step's audio made (or removed) changes its own page only: the other templates
    /// stay; the catalogue changed empties the cache.
    #[test]
    fn a_template_stays_until_its_own_audio_changes() {
        let cache = StepCache::default();
        let catalog = Arc::new(Catalog::default());
        let none_ready = |_: &str| false;
        let a_ready = |key: &str| key == "a";
        cache.put(
            &catalog,
            &catalog,
            "/a",
            template(audio("a", false)),
            none_ready,
        );
        cache.put(
            &catalog,
            &catalog,
            "/b",
            template(audio("b", false)),
            none_ready,
        );
        cache.put(&catalog, &catalog, "/quiet", template(None), none_ready);
        assert!(cache.get(&catalog, "/a", none_ready).is_some());
        assert!(
            cache.get(&catalog, "/a", a_ready).is_none(),
            "its audio is ready"
        );
        assert!(
            cache.get(&catalog, "/b", a_ready).is_some(),
            "another's audio"
        );
        assert!(cache.get(&catalog, "/quiet", a_ready).is_some());
        // Rendered while the audio was being made: not kept.
        cache.put(&catalog, &catalog, "/c", template(audio("c", false)), |k| {
            k == "c"
        });
        assert!(cache.get(&catalog, "/c", none_ready).is_none());
        // Rendered with its player, which is then removed.
        cache.put(
            &catalog,
            &catalog,
            "/a",
            template(audio("a", true)),
            a_ready,
        );
        assert!(cache.get(&catalog, "/a", a_ready).is_some());
        assert!(cache.get(&catalog, "/a", none_ready).is_none());
        // Another catalogue: nothing from the old one.
        let other = Arc::new(Catalog::default());
        assert!(cache.get(&other, "/b", none_ready).is_none());
        cache.put(&catalog, &other, "/b", template(None), none_ready);
        assert!(
            cache.get(&other, "/b", none_ready).is_none(),
            "rendered from an old one"
        );
    }

    /// One request at a time holds a step's turn; the others wait for it.
    #[tokio::test]
    async fn a_step_s_turn_is_held_once() {
        let cache = StepCache::default();
        let first = cache.turn("/modules/m/l/s").await;
        let waiting = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            cache.turn("/modules/m/l/s"),
        )
        .await;
        assert!(waiting.is_err(), "a second turn while the first is held");
        drop(first);
        let _second = cache.turn("/modules/m/l/s").await;
    }

    #[test]
    fn only_plain_steps_are_cached() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let catalog = app::ssr::content::load(&dir).catalog;
        let key = |p: &str| cacheable(&catalog, p);
        assert!(key("/modules/email-la-poste/adresse-enveloppe/adresse").is_some());
        // The first step of a module asks the confidence question.
        assert!(
            key("/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier").is_none()
        );
        // A practice exercise.
        assert!(key("/modules/piece-jointe/joindre-un-fichier/a-vous-envoyer-une-photo").is_none());
        for other in [
            "/modules/email-la-poste/adresse-enveloppe/fin",
            "/modules/email-la-poste/adresse-enveloppe",
            "/modules/email-la-poste/adresse-enveloppe/adresse/plus",
            "/modules/email-la-poste/adresse-enveloppe/nulle-part",
            "/modules/inconnu/x/y",
            "/carnet",
        ] {
            assert!(key(other).is_none(), "{other}");
        }
    }
}
