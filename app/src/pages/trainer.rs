//! The trainers' area: `/formateur` (every lesson and its state), `/formateur/editer`
//! (the editor beside the preview), `/formateur/apercu` (any lesson, step by step).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Script, Title};
use leptos_router::hooks::use_query_map;

use crate::api::auth::new_form_token;
use crate::api::trainer::{
    ArchiveModule, CreateContent, DeleteModule, SaveContent, UndoContent, get_editor, get_preview,
    get_trainer_overview,
};
use crate::components::load::loaded;
use crate::error::AppError;
use crate::islands::submit_once::SubmitOnce;
use crate::model::{
    ContentState, EditorView, ModuleOverview, PreviewStep, PreviewView, ProblemView,
    TrainerOverview,
};
use crate::pages::step::StepContent;
use crate::paths::{LESSON_IMAGE, StepTarget};
use crate::text::{self, plural};

fn state_badge(state: ContentState) -> impl IntoView {
    let (class, label) = match state {
        ContentState::Published => ("badge badge-ok", text::STATE_PUBLISHED),
        ContentState::Draft => ("badge", text::STATE_DRAFT),
        ContentState::DraftOverPublished => ("badge badge-ok", text::STATE_DRAFT_OVER_PUBLISHED),
        ContentState::Broken => ("badge badge-help", text::STATE_BROKEN),
    };
    view! { <span class=class>{label}</span> }
}

fn state_hint(state: ContentState) -> Option<impl IntoView> {
    let hint = match state {
        ContentState::Broken => text::STATE_BROKEN_HINT,
        ContentState::DraftOverPublished => text::STATE_DRAFT_OVER_PUBLISHED_HINT,
        ContentState::Published | ContentState::Draft => return None,
    };
    Some(view! { <p class="hint">{hint}</p> })
}

#[component]
pub fn ProblemList(problems: Vec<ProblemView>) -> impl IntoView {
    view! {
        <ul class="problems">
            {problems.into_iter().map(|p| view! {
                <li class=if p.error { "problem problem-error" } else { "problem problem-advice" }>
                    <a href=p.href.clone()>
                        <strong>{if p.error { text::EDITOR_ERROR } else { text::EDITOR_ADVICE }}</strong>
                        {format!(" — {}:{}:{} : {}", p.file, p.line, p.column, p.message)}
                    </a>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn TrainerPage() -> impl IntoView {
    let data = Resource::new(
        || (),
        |_| async {
            // The one-time token of the forms that create: sent twice, one lesson.
            Ok::<_, AppError>((get_trainer_overview().await?, new_form_token().await?))
        },
    );
    let q = use_query_map().read_untracked();
    let bad_title = q.get("erreur").is_some();
    // What became of a module's archive or delete button: (module, message).
    let outcome = (
        q.get("module").unwrap_or_default(),
        module_outcome(
            q.get("fait").as_deref(),
            q.get("refus").as_deref(),
            q.get("apprenants"),
        ),
    );
    let deleted = q.get("fait").as_deref() == Some("supprime");
    let welcome = q.get("bienvenue").is_some();
    let refused = matches!(&outcome.1, Some(ModuleOutcome::Refused(_)));
    loaded(data, move |(o, once): (TrainerOverview, String)| {
        let outcome = outcome.clone();
        view! {
            <Title text=text::title_with_error(text::TRAINER_TITLE, bad_title || refused)/>
            <h1>{text::TRAINER_TITLE}</h1>
            {welcome.then(|| view! { <p class="message success" role="status">{text::DASHBOARD_WELCOME_STAFF}</p> })}
            {deleted.then(|| view! { <p class="message success" role="status">{text::TRAINER_DELETED}</p> })}
            <p class="lead">{text::TRAINER_INTRO}</p>
            <p><a class="button" href="/formateur/editer?fichier=glossaire.md">{text::TRAINER_GLOSSARY}</a></p>
            {(!o.other_problems.is_empty()).then(|| view! {
                <section aria-labelledby="autres">
                    <h2 id="autres">{text::TRAINER_OTHER_PROBLEMS}</h2>
                    <ProblemList problems=o.other_problems/>
                </section>
            })}
            {o.modules.into_iter().map(|m| {
                let outcome = (outcome.0 == m.slug).then(|| outcome.1.clone()).flatten();
                module_card(m, once.clone(), outcome)
            }).collect_view()}
            <section aria-labelledby="creer-titre" id="creer">
                <h2 id="creer-titre">{text::TRAINER_NEW_MODULE}</h2>
                {bad_title.then(|| view! { <p class="message error-message" role="alert" id="nouveau-module-erreur">{text::TRAINER_BAD_TITLE}</p> })}
                <form class="form" method="post" action=CreateContent::url()>
                    <input type="hidden" name="once" value=once.clone()/>
                    <div class="field">
                        <label for="nouveau-module">{text::TRAINER_NEW_MODULE_TITLE}</label>
                        <input type="text" id="nouveau-module" name="title" required maxlength="120"
                            aria-describedby=bad_title.then_some("nouveau-module-erreur")
                            aria-invalid=bad_title.then_some("true")/>
                    </div>
                    <button type="submit" class="button">{text::TRAINER_CREATE}</button>
                </form>
            </section>
        }
    })
}

/// The answer to a module's archive or delete button, shown in its card.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ModuleOutcome {
    Done(&'static str),
    Refused(String),
}

fn module_outcome(
    done: Option<&str>,
    refused: Option<&str>,
    learners: Option<String>,
) -> Option<ModuleOutcome> {
    match (done, refused) {
        (Some("archive"), _) => Some(ModuleOutcome::Done(text::TRAINER_ARCHIVED)),
        (Some("desarchive"), _) => Some(ModuleOutcome::Done(text::TRAINER_UNARCHIVED)),
        (_, Some("confirmer")) => Some(ModuleOutcome::Refused(
            text::TRAINER_DELETE_NOT_CONFIRMED.to_string(),
        )),
        (_, Some("progression")) => Some(ModuleOutcome::Refused(text::staff::module_has_progress(
            learners.and_then(|n| n.parse().ok()).unwrap_or(1),
        ))),
        _ => None,
    }
}

/// A module in the trainers' overview: its state, its lessons, a new lesson, and archive,
/// un-archive or delete (with the answer to the last of these buttons, if it was this
/// module's).
fn module_card(m: ModuleOverview, once: String, outcome: Option<ModuleOutcome>) -> AnyView {
    let heading = format!("module-{}", m.slug);
    let labelled_by = heading.clone();
    let new_id = format!("nouvelle-lecon-{}", m.slug);
    let confirm_id = format!("supprimer-{}", m.slug);
    let outcome_view = outcome.map(|o| match o {
        ModuleOutcome::Done(message) => {
            view! { <p class="message" role="status">{message}</p> }.into_any()
        }
        ModuleOutcome::Refused(message) => view! {
            <div class="message error-message" role="alert">
                <p>{message}</p>
                {(!m.archived).then(|| view! {
                    <form method="post" action=ArchiveModule::url()>
                        <input type="hidden" name="module" value=m.slug.clone()/>
                        <input type="hidden" name="action" value="archiver"/>
                        <button type="submit" class="button">{text::TRAINER_ARCHIVE}</button>
                    </form>
                })}
            </div>
        }
        .into_any(),
    });
    let lessons = m
        .lessons
        .into_iter()
        .map(|l| {
            view! {
                <li>
                    <span class="lesson-name">{l.title.clone()}</span>
                    " " {state_badge(l.state)}
                    <span class="meta">{format!(" {}", l.file)}</span>
                    " "
                    <a href=format!("/formateur/editer?fichier={}", l.file)>
                        {text::TRAINER_EDIT}<span class="visually-hidden">{format!(" : {}", l.title)}</span>
                    </a>
                    " · "
                    <a href=format!("/formateur/apercu?fichier={}", l.file)>
                        {text::TRAINER_PREVIEW}<span class="visually-hidden">{format!(" : {}", l.title)}</span>
                    </a>
                    {state_hint(l.state)}
                    {(!l.problems.is_empty()).then(|| view! { <ProblemList problems=l.problems/> })}
                </li>
            }
        })
        .collect_view();
    let archive = if m.archived {
        view! {
            <form class="inline-create" method="post" action=ArchiveModule::url()>
                <input type="hidden" name="module" value=m.slug.clone()/>
                <input type="hidden" name="action" value="desarchiver"/>
                <button type="submit" class="button">{text::TRAINER_UNARCHIVE}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form class="inline-create" method="post" action=ArchiveModule::url()>
                <input type="hidden" name="module" value=m.slug.clone()/>
                <input type="hidden" name="action" value="archiver"/>
                <p class="hint">{text::TRAINER_ARCHIVE_HINT}</p>
                <button type="submit" class="button">{text::TRAINER_ARCHIVE}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <section class="card trainer-module" aria-labelledby=labelled_by>
            <h2 id=heading>
                {m.title} " " {state_badge(m.state)}
                {m.archived.then(|| view! { " " <span class="badge">{text::STATE_ARCHIVED}</span> })}
            </h2>
            {outcome_view}
            <p><a href=format!("/formateur/editer?fichier={}", m.file)>
                {format!("{} : {}", text::TRAINER_EDIT, m.file)}
            </a></p>
            {state_hint(m.state)}
            {m.archived.then(|| view! { <p class="hint">{text::STATE_ARCHIVED_HINT}</p> })}
            {(!m.problems.is_empty()).then(|| view! { <ProblemList problems=m.problems/> })}
            <ul class="trainer-lessons">{lessons}</ul>
            <form class="inline-create" method="post" action=CreateContent::url()>
                <input type="hidden" name="module" value=m.slug.clone()/>
                <input type="hidden" name="once" value=once/>
                <label for=new_id.clone()>{text::TRAINER_NEW_LESSON_TITLE}</label>
                <input type="text" id=new_id name="title" required maxlength="120"/>
                <button type="submit" class="button">{text::TRAINER_NEW_LESSON}</button>
            </form>
            {archive}
            <form class="inline-create" method="post" action=DeleteModule::url()>
                <input type="hidden" name="module" value=m.slug.clone()/>
                <p class="hint">{text::TRAINER_DELETE_HINT}</p>
                <input type="checkbox" id=confirm_id.clone() name="confirme" value="1" required/>
                " "
                <label for=confirm_id>{text::TRAINER_DELETE_CONFIRM}</label>
                " "
                <button type="submit" class="button">{text::TRAINER_DELETE}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The id of the editor's form: buttons elsewhere on the page submit it (`form=`), so that
/// moving around the preview keeps the text typed, even without JavaScript.
const EDITOR_FORM: &str = "editeur-formulaire";

/// The steps of a previewed lesson: links, or beside the editor buttons of its form.
fn step_links(preview: &PreviewStep, base: &str, in_editor: bool) -> impl IntoView + use<> {
    let current = preview.step.step_slug.clone();
    view! {
        <nav class="preview-steps" aria-label=text::PREVIEW_STEPS>
            <ol>
                {preview.steps.iter().map(|(slug, title)| {
                    let here = *slug == current;
                    let item = if in_editor {
                        view! {
                            <button type="submit" form=EDITOR_FORM name="action" value=format!("etape:{slug}")
                                class="link-button" aria-current=here.then_some("step")>{title.clone()}</button>
                        }.into_any()
                    } else {
                        let href = format!("{base}&etape={slug}#apercu");
                        view! { <a href=href aria-current=here.then_some("step")>{title.clone()}</a> }.into_any()
                    };
                    view! { <li>{item}</li> }
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// A lesson's preview; `editor`: beside the editor, with the key of the text kept.
#[component]
fn PreviewPane(
    preview: PreviewStep,
    base: String,
    #[prop(optional)] editor: Option<Option<String>>,
) -> impl IntoView {
    let s = preview.step.clone();
    let target = match editor.clone() {
        Some(draft) => StepTarget::Editor {
            file: preview.file.clone(),
            step: s.step_slug.clone(),
            draft,
        },
        None => StepTarget::Preview {
            file: preview.file.clone(),
            step: s.step_slug.clone(),
        },
    };
    let links = step_links(&preview, &base, editor.is_some());
    view! {
        <div class="preview" id="apercu-contenu">
            <p class="message notice">{text::PREVIEW_BANNER}</p>
            {links}
            <p class="preview-title"><strong>{s.lesson_title.clone()}</strong></p>
            <p>{format!("{} — {}", plural::step_of(s.number, s.count), s.step_title)}</p>
            <StepContent blocks=s.blocks target/>
        </div>
    }
}

/// Line `n` (from 1) of `text`, trimmed and shortened for a quote; `None` if blank.
fn line_quote(text: &str, n: usize) -> Option<String> {
    let line = text.lines().nth(n.checked_sub(1)?)?.trim();
    if line.is_empty() {
        return None;
    }
    let mut quote: String = line.chars().take(90).collect();
    if line.chars().count() > 90 {
        quote.push('…');
    }
    Some(quote)
}

/// The editor's problems: those of the file edited are buttons of its form (the text typed
/// is kept, then the page opens at the line).
#[component]
fn EditorProblemList(problems: Vec<ProblemView>, file: String, text: String) -> impl IntoView {
    view! {
        <ul class="problems">
            {problems.into_iter().map(|p| {
                // The line concerned, quoted, so that the trainer sees the sentence.
                let quote = (p.file == file).then(|| line_quote(&text, p.line)).flatten();
                let label = view! {
                    <strong>{if p.error { text::EDITOR_ERROR } else { text::EDITOR_ADVICE }}</strong>
                    {format!(" — {}:{}:{} : {}", p.file, p.line, p.column, p.message)}
                    {quote.map(|q| view! { <span class="problem-quote">{format!(" — « {q} »")}</span> })}
                };
                let item = if p.file == file {
                    view! {
                        <button type="submit" form=EDITOR_FORM name="action" value=format!("ligne:{}", p.line)
                            class="link-button problem-line">{label}</button>
                    }.into_any()
                } else {
                    view! { <a href=p.href.clone()>{label}</a> }.into_any()
                };
                view! {
                    <li class=if p.error { "problem problem-error" } else { "problem problem-advice" }>{item}</li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("fichier").unwrap_or_default(),
                q.get("brouillon"),
                q.get("etape"),
                answer_of(&q),
            )
        },
        |(file, draft, step, answer)| get_editor(file, draft, step, answer),
    );
    let q = query.read_untracked();
    let notice = match (q.get("enregistre").as_deref(), q.get("annule").as_deref()) {
        (Some("publie"), _) => Some((true, text::EDITOR_PUBLISHED)),
        (Some("brouillon"), _) => Some((true, text::EDITOR_SAVED_DRAFT)),
        (Some("brouillon-en-ligne"), _) => Some((false, text::EDITOR_SAVED_DRAFT_STILL_ONLINE)),
        (Some("publie-cache"), _) => Some((false, text::EDITOR_PUBLISHED_HIDDEN)),
        (_, Some("1")) => Some((true, text::EDITOR_UNDONE)),
        (_, Some("0")) => Some((false, text::EDITOR_NOTHING_TO_UNDO)),
        (_, Some("conflit")) => Some((false, text::EDITOR_UNDO_CONFLICT)),
        _ => None,
    };
    let refused = q.get("refus").is_some();
    let undo_conflict = q.get("annule").as_deref() == Some("conflit");
    let image = q.get("image");
    let image_error = q.get("erreur-image");
    let step = q.get("etape");
    let line: Option<usize> = q.get("ligne").and_then(|n| n.parse().ok());
    loaded(data, move |e: EditorView| {
        // Without JavaScript nothing selects the line: show it, with its neighbours.
        let around = line.map(|n| {
            let lines: Vec<(usize, String)> = e
                .text
                .lines()
                .enumerate()
                .map(|(i, l)| (i + 1, l.to_string()))
                .filter(|(i, _)| i + 2 >= n && *i <= n + 2)
                .collect();
            (n, lines)
        });
        let base_link = format!("/formateur/editer?fichier={}", e.file);
        let file = e.file.clone();
        let (undo_file, image_file) = (file.clone(), file.clone());
        let (key, image_key) = (e.draft_key.clone(), e.draft_key.clone());
        // The glossary has no draft: it is online as soon as it is saved.
        let has_drafts = e.file.contains('/');
        view! {
            <Title text=text::title_with_error(
                &format!("{} — {}", text::EDITOR_TITLE, file),
                refused || image_error.is_some() || e.conflict.is_some(),
            )/>
            <Script src="/editeur.js" defer="defer"/>
            <h1>{format!("{} : {}", text::EDITOR_TITLE, file)}</h1>
            <p><a href="/formateur">{text::TRAINER_TITLE}</a></p>
            {notice.map(|(ok, m)| view! {
                <p class=if ok { "message success" } else { "message notice" } role="status">{m}</p>
            })}
            {refused.then(|| view! {
                <p class="message error-message" role="alert">
                    {if e.is_lesson { text::EDITOR_REFUSED } else { text::EDITOR_REFUSED_OTHER }}
                </p>
            })}
            {e.conflict.clone().filter(|_| undo_conflict).map(|previous| view! {
                <div class="field">
                    <label for="version-precedente">{text::EDITOR_UNDO_PREVIOUS}</label>
                    <textarea id="version-precedente" rows="12" readonly>{previous}</textarea>
                </div>
            })}
            {e.conflict.clone().filter(|_| !undo_conflict).map(|theirs| view! {
                <div class="message error-message" role="alert">
                    <p>{text::EDITOR_CONFLICT}</p>
                </div>
                <div class="field">
                    <label for="leur-version">{text::EDITOR_THEIRS}</label>
                    <textarea id="leur-version" rows="12" readonly>{crate::components::text_area::escaped(&theirs)}</textarea>
                </div>
            })}
            {e.changed_in_git.then(|| view! {
                <p class="message notice" role="status">{text::EDITOR_CHANGED_IN_GIT}</p>
            })}
            {e.draft.then(|| view! { <p class="hint">{text::EDITOR_DRAFT_NOTE}</p> })}
            <div class="editor-layout">
                <div class="editor-column" id="editeur">
                    <form method="post" action=SaveContent::url() class="editor-form" id=EDITOR_FORM data-fichier=e.file.clone()>
                        <input type="hidden" name="file" value=e.file.clone()/>
                        <input type="hidden" name="base" value=e.base.clone()/>
                        {step.clone().map(|s| view! { <input type="hidden" name="step" value=s/> })}
                        {around.clone().filter(|(_, l)| !l.is_empty()).map(|(n, lines)| view! {
                            <div class="message notice line-shown" id="ligne-montree">
                                <p><strong>{format!("{} {n}", text::EDITOR_LINE_SHOWN)}</strong></p>
                                <pre>{lines.into_iter().map(|(i, l)| {
                                    let mark = if i == n { "→ " } else { "  " };
                                    format!("{mark}{i} | {l}\n")
                                }).collect::<String>()}</pre>
                            </div>
                        })}
                        <div class="field">
                            <label for="texte">{text::EDITOR_TEXT}</label>
                            <p class="hint" id="texte-aide">{text::EDITOR_HELP}</p>
                            <textarea id="texte" name="text" rows="28" spellcheck="true" lang="fr"
                                aria-describedby="texte-aide problemes-titre">{crate::components::text_area::escaped(&e.text)}</textarea>
                        </div>
                        {(!has_drafts).then(|| view! { <p class="hint">{text::EDITOR_GLOSSARY_NO_DRAFT}</p> })}
                        <div class="actions">
                            <button type="submit" name="action" value="apercu" class="button">{text::EDITOR_REFRESH}</button>
                            {has_drafts.then(|| view! {
                                <button type="submit" name="action" value="brouillon" class="button">{text::EDITOR_SAVE_DRAFT}</button>
                            })}
                            <button type="submit" name="action" value="publier" class="button primary">{text::EDITOR_PUBLISH}</button>
                        </div>
                    </form>
                    {(e.history > 0).then(|| view! {
                        <SubmitOnce>
                            <form method="post" action=UndoContent::url()>
                                <input type="hidden" name="file" value=undo_file/>
                                <input type="hidden" name="base" value=e.on_disk.clone()/>
                                <button type="submit" class="button">{text::EDITOR_UNDO}</button>
                            </form>
                        </SubmitOnce>
                    })}
                    <section aria-labelledby="problemes-titre" id="problemes">
                        <h2 id="problemes-titre">{text::EDITOR_PROBLEMS}</h2>
                        <div id="problemes-liste" aria-live="polite">
                            {if e.problems.is_empty() {
                                view! { <p>{text::EDITOR_NO_PROBLEM}</p> }.into_any()
                            } else {
                                view! { <EditorProblemList problems=e.problems.clone() file=file.clone() text=e.text.clone()/> }.into_any()
                            }}
                        </div>
                    </section>
                    {e.is_lesson.then(|| view! {
                        <section aria-labelledby="image-titre">
                            <h2 id="image-titre">{text::EDITOR_IMAGE}</h2>
                            {image.clone().map(|md| view! {
                                <div class="message success" role="status">
                                    <p>{text::EDITOR_IMAGE_DONE}</p>
                                    <p><code>{md}</code></p>
                                </div>
                            })}
                            {image_error.clone().map(|err| view! { <p class="message error-message" role="alert">{err}</p> })}
                            <form class="form" method="post" action=LESSON_IMAGE enctype="multipart/form-data">
                                <input type="hidden" name="fichier" value=image_file/>
                                <input type="hidden" name="brouillon" value=image_key.unwrap_or_default()/>
                                <div class="field">
                                    <label for="image">{text::EDITOR_IMAGE_FILE}</label>
                                    <input type="file" id="image" name="image" required
                                        accept="image/png,image/jpeg,image/gif,image/webp"/>
                                </div>
                                <div class="field">
                                    <label for="alt">{text::EDITOR_IMAGE_ALT}</label>
                                    <input type="text" id="alt" name="alt" required maxlength="300"/>
                                </div>
                                <button type="submit" class="button">{text::EDITOR_IMAGE_SEND}</button>
                            </form>
                        </section>
                    })}
                </div>
                <section class="preview-column" aria-labelledby="apercu-titre" id="apercu">
                    <h2 id="apercu-titre">{text::EDITOR_PREVIEW}</h2>
                    {match e.preview.clone() {
                        Some(p) => view! { <PreviewPane preview=p base=base_link.clone() editor=key.clone()/> }.into_any(),
                        None if e.is_lesson => view! { <p class="message notice" id="apercu-contenu">{text::EDITOR_NO_PREVIEW}</p> }.into_any(),
                        None => view! { <p id="apercu-contenu"></p> }.into_any(),
                    }}
                </section>
            </div>
        }
    })
}

/// The answer to explain: `question` and every `reponse` of the form.
fn answer_of(q: &leptos_router::params::ParamsMap) -> Option<String> {
    q.get("question").map(|question| {
        format!(
            "{question}:{}",
            q.get_all("reponse").unwrap_or_default().join(",")
        )
    })
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(
        move || {
            let q = query.read();
            (
                q.get("fichier").unwrap_or_default(),
                q.get("etape"),
                answer_of(&q),
            )
        },
        |(file, step, answer)| get_preview(file, step, answer),
    );
    loaded(data, |page: PreviewView| {
        let Some(p) = page.preview else {
            // Nothing can be shown: say why, and where to fix it.
            let edit = format!("/formateur/editer?fichier={}", page.file);
            return view! {
                <Title text=format!("{} — {}", text::TRAINER_PREVIEW, page.file)/>
                <h1>{format!("{} : {}", text::TRAINER_PREVIEW, page.file)}</h1>
                <p><a href="/formateur">{text::TRAINER_TITLE}</a></p>
                <p class="message error-message" role="alert">{text::PREVIEW_IMPOSSIBLE}</p>
                <ProblemList problems=page.problems/>
                <p><a class="button" href=edit>{text::TRAINER_EDIT}</a></p>
            }
            .into_any();
        };
        let base = format!("/formateur/apercu?fichier={}", p.file);
        view! {
            <Title text=format!("{} — {}", text::TRAINER_PREVIEW, p.step.lesson_title)/>
            <h1>{format!("{} : {}", text::TRAINER_PREVIEW, p.step.lesson_title)}</h1>
            <p>
                <a href="/formateur">{text::TRAINER_TITLE}</a>
                " · "
                <a href=format!("/formateur/editer?fichier={}", p.file)>{text::TRAINER_EDIT}</a>
            </p>
            {(!p.problems.is_empty()).then(|| view! { <ProblemList problems=p.problems.clone()/> })}
            <PreviewPane preview=p base/>
        }
        .into_any()
    })
}
