#!/usr/bin/env python3
"""Words live in one place: fails when a user-facing French string literal appears in Rust
code outside the places allowed to hold French.

usage: .ci/french-strings.py [--list] [--count] [REPO]
  (no option)  check: exit 1 if a file holds more French literals than it is allowed
  --list       print every French literal found outside the allowed places, as file:line
  --count      print the count per file (the figure of issue 17, item 3)

A literal counts when it has a French letter (é, à, ç, œ, …), a French word (le, la, les,
des, un, une, vous, votre, est, pas, …) or an elision (l', d', n'…) and it is not: inside
#[cfg(test)], in a migration or entity, a tracing/log/panic/expect message, an attribute, a
path, or a token (no space, no accent: keys, field names, slugs, MIME types). The product
name "Pas à Pas" alone does not make a literal French (operators' messages are English).
It is a heuristic, a lower bound ("juste", "faux" are missed).

Allowed places, without limit: the text module (app/src/text.rs, app/src/text/), tests
(#[cfg(test)] blocks; server/tests is not read), migrations and entities, the demo seed, and
the content checker's modules that only hold trainers' diagnostics or lesson data (ALLOWED).
Files that still mix diagnostics or lesson templates with interface words have a budget
(BUDGET): the check fails above it, and says so when a budget can be lowered. A new
interface string goes in the text module; a file's budget only goes down."""
import os
import re
import sys
from collections import Counter

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
REPO = ARGS[0] if ARGS else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LIST = "--list" in sys.argv
COUNT = "--count" in sys.argv
ROOTS = ["app/src", "server/src"]
TEXT = ("app/src/text.rs", "app/src/text/")
SKIP_DIRS = ("app/src/ssr/db/migration", "app/src/ssr/db/entities")

# Where French is expected: the words of the interface, lesson data and trainers' diagnostics.
ALLOWED = {
    # The demo seed: an association's name, shown as data.
    "app/src/ssr/services/demo.rs",
    # The content checker: messages for trainers, with file:line (they may stay, issue 17).
    "app/src/ssr/content/front_matter.rs",
    "app/src/ssr/content/question.rs",
    "app/src/ssr/content/glossary.rs",
    # The first-visit diagnostic's questionnaire: its checks' messages for trainers only.
    "app/src/ssr/content/diagnostic.rs",
    "app/src/ssr/content/problem.rs",
    # Template sentences refused at publish, and the message saying so.
    "app/src/ssr/content/leftovers.rs",
    # Readability: word lists (data) and the checker's advice to trainers.
    "app/src/ssr/content/readability.rs",
    "app/src/ssr/content/illustrations.rs",
}

# Files that mix allowed French with interface words, at most this many literals each.
# Lower a budget when words leave a file; never raise one (put the words in app/src/text/).
BUDGET = {
    # The loader's diagnostics (the confidence question is worded in text.rs); split from
    # content.rs's 27.
    "app/src/ssr/content/loader.rs": 15,
    "app/src/ssr/content/checks.rs": 10,
    "app/src/ssr/content/editing.rs": 2,
    # Diagnostics for trainers only (callout titles and the glossary label are in text.rs).
    "app/src/ssr/content/markdown.rs": 23,
    # Diagnostics for trainers only (exercise parsing and checks); learners' words are in
    # app/src/text/exercises.rs (split from content/exercise.rs's 19).
    "app/src/ssr/content/exercise/parse.rs": 6,
    "app/src/ssr/content/exercise/mailbox.rs": 3,
    "app/src/ssr/content/exercise/form.rs": 6,
    "app/src/ssr/content/exercise/fake.rs": 2,
    "app/src/ssr/content/exercise/mouse.rs": 2,
    # The templates of a new module and lesson, written into content/ (lesson content).
    "app/src/ssr/services/authoring.rs": 5,
}

PRODUCT = re.compile(r"Pas à Pas")
ACCENT = re.compile(r"[àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÙÛŒ«»’]")
WORDS = re.compile(r"(?i)(?<![\w-])(le|la|les|des|du|un|une|vous|votre|vos|est|sont|pas|ne|n'|l'|d'|c'est|qu'|il|elle|et|ou|sur|pour|avec|dans|ce|cette|ces|mon|ma|mes|son|sa|ses|aucun|aucune|merci|bonjour|oui|non|essayez|choisissez|tapez|attention|astuce|conseil|important|exemple|bravo|atelier|permanence|formulaire|page|fichier)(?![\w])")
ELISION = re.compile(r"(?i)(?<![\w])(?:n|l|d|c|qu|s|j)['’][a-zàâäéèêëîïôöùûü]")
NOT_USER = re.compile(r"(tracing::|debug!|info!|warn!|error!|trace!|panic!|unreachable!|assert\w*!|\.expect\(|todo!|#\[)")
RAW = re.compile(r'b?r(#*)"')
CHAR = re.compile(r"'(\\.[^']*|[^\\'])'")


def literals(text):
    """(start, end, value) of every string literal, skipping comments."""
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
            continue
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        m = RAW.match(text, i)
        if m and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = '"' + m.group(1)
            j = text.find(end, m.end())
            yield i, j + len(end), text[m.end():j]
            i = j + len(end)
            continue
        if text[i] == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            yield i, j + 1, text[i + 1:j]
            i = j + 1
            continue
        if text[i] == "'":
            m = CHAR.match(text, i)
            if m:
                i = m.end()
                continue
        i += 1


def test_ranges(text):
    out = []
    for m in re.finditer(r"#\[cfg\(test\)\]", text):
        b = text.find("{", m.end())
        s = text.find(";", m.end())
        if b < 0 or (0 <= s < b):
            out.append((m.start(), s))
            continue
        d, j = 0, b
        while j < len(text):
            if text[j] == "{":
                d += 1
            elif text[j] == "}":
                d -= 1
                if d == 0:
                    break
            j += 1
        out.append((m.start(), j))
    return out


def is_french(v):
    v = PRODUCT.sub("", v)
    if not re.search(r"[A-Za-zÀ-ÿ]{2}", v):
        return False
    if v.startswith("/") or v.startswith("#"):
        return False
    if not (ACCENT.search(v) or WORDS.search(v) or ELISION.search(v)):
        return False
    # keys, field names, slugs, MIME types, format fragments: no space and no accent
    if not re.search(r"\s", v) and not ACCENT.search(v) and not re.fullmatch(r"[A-Z][a-z]+", v):
        return False
    return True


def found():
    """(file, line, literal) of every French literal outside the text module and skipped dirs."""
    for root in ROOTS:
        for dirpath, _, files in sorted(os.walk(os.path.join(REPO, root))):
            for f in sorted(files):
                if not f.endswith(".rs"):
                    continue
                p = os.path.join(dirpath, f)
                rel = os.path.relpath(p, REPO).replace(os.sep, "/")
                if rel.startswith(TEXT) or rel.startswith(SKIP_DIRS):
                    continue
                text = open(p, encoding="utf-8").read()
                tests = test_ranges(text)
                for s, _, v in literals(text):
                    if any(a <= s <= b for a, b in tests) or not is_french(v):
                        continue
                    line_start = text.rfind("\n", 0, s) + 1
                    if "#[" in text[line_start:s]:
                        continue  # an attribute
                    ctx = text[max(line_start - 200, 0):s]
                    stmt = re.split(r"[;{}]", ctx)[-1]  # the expression the literal is in
                    if NOT_USER.search(stmt):
                        continue
                    yield rel, text.count("\n", 0, s) + 1, v


def main():
    hits = list(found())
    counts = Counter(rel for rel, _, _ in hits)
    if LIST:
        for rel, line, v in hits:
            print(f"{rel}:{line}: {v[:100]!r}")
    if LIST or COUNT:
        print(f"total {len(hits)} ({sum(c for f, c in counts.items() if f not in ALLOWED)} outside the allowed files)")
        for f, c in counts.most_common():
            print(f"{c:5d} {f}{'  (allowed)' if f in ALLOWED else ''}")
        return 0
    failed = False
    for f, c in sorted(counts.items()):
        if f in ALLOWED:
            continue
        budget = BUDGET.get(f, 0)
        if c > budget:
            failed = True
            print(f"{f}: {c} French literal{'s' if c > 1 else ''}, {budget} allowed. Put interface words in "
                  "app/src/text/ and have the code return an enum or a number:")
            for rel, line, v in hits:
                if rel == f:
                    print(f"  {rel}:{line}: {v[:100]!r}")
    for f, budget in sorted(BUDGET.items()):
        if counts.get(f, 0) < budget:
            print(f"note: {f} has {counts.get(f, 0)} French literals; lower its budget "
                  f"from {budget} in .ci/french-strings.py")
    if failed:
        return 1
    print(f"words live in the text module: {sum(c for f, c in counts.items() if f not in ALLOWED)} "
          "French literals left in budgeted files, none new")
    return 0


if __name__ == "__main__":
    sys.exit(main())
