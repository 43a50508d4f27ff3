//! The catalogue: every valid module, its lessons and their steps, as served.

use std::collections::HashMap;
use std::path::PathBuf;

use super::{
    Audience, Block, LessonMeta, ModuleMeta, Position, Question, exercise, glossary, markdown,
};

/// Who reads the catalogue: what they may see of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// A learner or a visitor: the learners' modules only.
    Learner,
    /// A volunteer, coordinator or trainer: the learners' modules and the volunteers' own.
    Staff,
}

impl Reader {
    /// Whether this reader may see a module written for `audience`.
    pub fn sees(self, audience: Audience) -> bool {
        match self {
            Reader::Learner => audience == Audience::Learners,
            Reader::Staff => true,
        }
    }
}

/// Every valid module, in catalogue order, and the glossary.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub(super) modules: Vec<Module>,
    pub(super) index: HashMap<String, usize>,
    pub glossary: glossary::Glossary,
    /// The first-visit diagnostic's questions (`content/diagnostic.toml`): empty when the
    /// file is missing or wrong.
    pub diagnostic: super::diagnostic::Questionnaire,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub slug: String,
    pub meta: ModuleMeta,
    /// The module's introduction, sanitised HTML (may be empty).
    pub intro_html: String,
    pub lessons: Vec<Lesson>,
    /// The `_index.md` file.
    pub path: PathBuf,
    /// Archived by a trainer: learners' history in it is still shown and named, but it is
    /// offered for no new work (not in the catalogue, not advised).
    pub archived: bool,
    pub(super) prerequisites_position: Position,
}

#[derive(Clone, Debug)]
pub struct Lesson {
    pub slug: String,
    pub meta: LessonMeta,
    pub steps: Vec<Step>,
    pub path: PathBuf,
}

#[derive(Clone, Debug)]
pub struct Step {
    /// Stable identifier: progress is keyed by it.
    pub slug: String,
    pub title: String,
    /// Sanitised HTML and check questions, in order.
    pub blocks: Vec<Block>,
}

impl From<markdown::RenderedStep> for Step {
    fn from(s: markdown::RenderedStep) -> Self {
        Self {
            slug: s.slug,
            title: s.title,
            blocks: s.blocks,
        }
    }
}

impl Step {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.blocks.iter().find_map(|b| match b {
            Block::Question(q) if q.id == id => Some(q),
            _ => None,
        })
    }

    /// The exercise of this id, or of a recorded attempt's key (`id` or `id:detail`).
    pub fn exercise(&self, key: &str) -> Option<&exercise::Exercise> {
        let id = key.split_once(':').map_or(key, |(id, _)| id);
        self.blocks.iter().find_map(|b| match b {
            Block::Exercise(e) if e.id == id => Some(e),
            _ => None,
        })
    }
}

impl Catalog {
    /// Modules offered to learners for new work (drafts, archived modules and volunteers'
    /// modules left out): the catalogue, the lessons a volunteer can advise, the next module.
    pub fn published(&self) -> impl Iterator<Item = &Module> {
        self.published_to(Reader::Learner)
    }

    /// Modules whose learners' history is shown: [`Self::published`] and the archived
    /// learners' modules (the booklet, a volunteer's view of a learner).
    pub fn with_history(&self) -> impl Iterator<Item = &Module> {
        self.modules
            .iter()
            .filter(|m| !m.meta.draft && Reader::Learner.sees(m.meta.audience))
    }

    /// Published modules `reader` may see, archived ones left out.
    pub fn published_to(&self, reader: Reader) -> impl Iterator<Item = &Module> {
        self.modules
            .iter()
            .filter(move |m| !m.meta.draft && !m.archived && reader.sees(m.meta.audience))
    }

    /// Published modules written for `audience` (the volunteers' training path), archived
    /// ones left out.
    pub fn published_for(&self, audience: Audience) -> impl Iterator<Item = &Module> {
        self.modules
            .iter()
            .filter(move |m| !m.meta.draft && !m.archived && m.meta.audience == audience)
    }

    /// Every module, drafts and every audience included.
    pub fn all(&self) -> &[Module] {
        &self.modules
    }

    /// A module visible to learners (archived too: its lessons stay readable by link, for
    /// the history of those who practised them).
    pub fn module(&self, slug: &str) -> Option<&Module> {
        self.module_to(Reader::Learner, slug)
    }

    /// A published module `reader` may see.
    pub fn module_to(&self, reader: Reader, slug: &str) -> Option<&Module> {
        self.index
            .get(slug)
            .map(|&i| &self.modules[i])
            .filter(|m| !m.meta.draft && reader.sees(m.meta.audience))
    }

    /// A lesson visible to learners.
    pub fn lesson(&self, module: &str, lesson: &str) -> Option<(&Module, &Lesson)> {
        self.lesson_to(Reader::Learner, module, lesson)
    }

    /// A published lesson `reader` may see.
    pub fn lesson_to(
        &self,
        reader: Reader,
        module: &str,
        lesson: &str,
    ) -> Option<(&Module, &Lesson)> {
        let m = self.module_to(reader, module)?;
        m.published_lessons()
            .find(|l| l.slug == lesson)
            .map(|l| (m, l))
    }

    /// A step of a published lesson visible to learners, by its slugs.
    pub fn step(&self, module: &str, lesson: &str, step: &str) -> Option<&Step> {
        self.step_to(Reader::Learner, module, lesson, step)
    }

    /// A step of a published lesson `reader` may see.
    pub fn step_to(&self, reader: Reader, module: &str, lesson: &str, step: &str) -> Option<&Step> {
        self.lesson_to(reader, module, lesson)?.1.step(step)
    }

    pub fn lesson_count(&self) -> usize {
        self.modules.iter().map(|m| m.lessons.len()).sum()
    }

    pub(super) fn from_modules(mut modules: Vec<Module>, glossary: glossary::Glossary) -> Self {
        modules.sort_by(|a, b| (a.meta.weight, &a.slug).cmp(&(b.meta.weight, &b.slug)));
        let index = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.slug.clone(), i))
            .collect();
        Self {
            modules,
            index,
            glossary,
            diagnostic: Default::default(),
        }
    }
}

impl Module {
    pub fn published_lessons(&self) -> impl Iterator<Item = &Lesson> {
        self.lessons.iter().filter(|l| !l.meta.draft)
    }

    /// Whether step `i` of `lesson` asks the confidence question: the first step of the
    /// module's first published lesson.
    pub fn asks_confidence_at(&self, lesson: &Lesson, i: usize) -> bool {
        i == 0
            && self
                .published_lessons()
                .next()
                .is_some_and(|first| first.slug == lesson.slug)
    }

    /// The confidence question: "Je me sens capable de …".
    pub fn confidence_question(&self) -> String {
        match &self.meta.capability {
            Some(c) => crate::text::confidence_capable(c),
            None => crate::text::confidence_at_ease(&self.meta.title),
        }
    }
}

impl Lesson {
    pub fn step_index(&self, slug: &str) -> Option<usize> {
        self.steps.iter().position(|s| s.slug == slug)
    }

    pub fn step(&self, slug: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.slug == slug)
    }
}
