#!/usr/bin/env python3
"""Module graph of a Rust crate's src/ (read-only): edges from `use` trees and inline
`crate::`/`super::`/`self::` paths, resolved through `pub use` re-exports to the module that
defines the item. Prints the strongly connected components (cycles). CI runs it on app/src:
a module that imports one that imports it back (directly or around a loop) fails the run.

usage: module-cycles.py SRC_DIR [--level N] [--edges]
Items under #[cfg(test)] are left out. Exit status 1 when there is a cycle, except between
sea-orm entities (their `Related` impls point both ways by design).
  --level N collapse modules to their first N path segments after `crate` (0 = files)
"""
import os, re, sys
from collections import defaultdict

args = sys.argv[1:]
SRC = args[0]
LEVEL = int(args[args.index("--level") + 1]) if "--level" in args else 0
SHOW_EDGES = "--edges" in args


def lex(text):
    """Blank out comments, string and char literals (keeping newlines and length)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i); j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j): depth, j = depth + 1, j + 2
                elif text.startswith("*/", j): depth, j = depth - 1, j + 2
                else: j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif re.match(r'(b?r#*")', text[i:i + 10]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            m = re.match(r'b?r(#*)"', text[i:]); end = '"' + m.group(1)
            j = text.find(end, i + len(m.group(0))); j = n if j < 0 else j + len(end)
            out.append('"' + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + '"'); i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i)):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"': j += 2 if text[j] == "\\" else 1
            out.append('"' + re.sub(r"[^\n]", " ", text[i + 1:j]) + '"'); i = j + 1
        elif c == "'":
            m = re.match(r"'(\\.[^']*|[^\\'])'", text[i:])
            if m: out.append(" " * len(m.group(0))); i += len(m.group(0))
            else: out.append(c); i += 1
        else:
            out.append(c); i += 1
    return "".join(out)


def match_brace(s, i):
    i = s.index("{", i); depth = 0
    while i < len(s):
        if s[i] == "{": depth += 1
        elif s[i] == "}":
            depth -= 1
            if depth == 0: return i + 1
        i += 1
    return len(s)


def strip_cfg_test(s):
    out, pos = [], 0
    for m in re.finditer(r"#\[cfg\(test\)\]", s):
        if m.start() < pos: continue
        rest = s[m.end():]; semi = rest.find(";"); brace = rest.find("{")
        end = m.end() + semi + 1 if brace < 0 or (0 <= semi < brace) else match_brace(s, m.end())
        out.append(s[pos:m.start()]); out.append(re.sub(r"[^\n]", " ", s[m.start():end])); pos = end
    out.append(s[pos:])
    return "".join(out)


def file_module(path):
    rel = os.path.relpath(path, SRC)[:-3].split(os.sep)
    if rel[-1] in ("lib", "main") and len(rel) == 1: rel = []
    elif rel[-1] == "mod": rel = rel[:-1]
    return tuple(["crate"] + rel)


def parse_use_tree(tree):
    """'a::{b, c::d as e, self}' -> [(segments, alias)]."""
    out = []
    def split_top(t):
        parts, depth, cur = [], 0, ""
        for ch in t:
            depth += (ch == "{") - (ch == "}")
            if ch == "," and depth == 0: parts.append(cur); cur = ""
            else: cur += ch
        return parts + [cur]
    def rec(prefix, t):
        for p in (x.strip() for x in split_top(t)):
            if not p: continue
            if "{" in p:
                head, inner = p.split("{", 1)
                rec(prefix + [x for x in re.sub(r"\s+", "", head).split("::") if x], inner.rsplit("}", 1)[0])
            else:
                m = re.fullmatch(r"(.*?)(?:\s+as\s+(\w+))?", p, re.S)
                out.append((prefix + re.sub(r"\s+", "", m.group(1)).split("::"), m.group(2)))
    rec([], tree)
    return out


USE_RE = re.compile(r"(?<![\w:])(pub(?:\([^)]*\))?\s+)?use\s+([^;]+);")
ITEM_RE = re.compile(r"(?m)^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+|const\s+|unsafe\s+)*(fn|struct|enum|const|static|type|trait|union|mod)\s+([A-Za-z_]\w*)")
INLINE_RE = re.compile(r"(?<![\w:])((?:crate|super|self)(?:::[A-Za-z_]\w*)+)")

modules = {}
for root, _, files in os.walk(SRC):
    for f in files:
        if f.endswith(".rs"):
            p = os.path.join(root, f)
            s = strip_cfg_test(lex(open(p, encoding="utf-8").read()))
            modules[file_module(p)] = {"file": os.path.relpath(p, SRC), "text": s}

for mod, d in modules.items():
    s = d["text"]
    d["items"] = set(m.group(2) for m in ITEM_RE.finditer(s))
    d["children"] = set(m.group(2) for m in ITEM_RE.finditer(s) if m.group(1) == "mod")
    d["uses"], d["reexports"], d["aliases"] = [], {}, {}
    for m in USE_RE.finditer(s):
        is_pub = bool(m.group(1))
        for segs, alias in parse_use_tree(m.group(2)):
            segs = [x for x in segs if x]
            if segs and segs[-1] == "self": segs = segs[:-1]
            if not segs or segs[-1] == "*": continue  # globs: only in tests and external preludes today
            name = alias or segs[-1]
            d["uses"].append(segs); d["aliases"][name] = segs
            if is_pub: d["reexports"][name] = segs
    d["inline"] = [m.group(1).split("::") for m in INLINE_RE.finditer(s)]


def absolute(mod, segs):
    segs, cur = list(segs), list(mod)
    if segs[0] == "crate": return ["crate"] + segs[1:]
    if segs[0] in ("super", "self"):
        while segs and segs[0] in ("super", "self"):
            if segs[0] == "super": cur = cur[:-1]
            segs = segs[1:]
        return cur + segs
    d = modules.get(tuple(mod))
    if d and segs[0] in d["children"]: return list(mod) + segs
    if d and segs[0] in d["aliases"] and d["aliases"][segs[0]] != segs:
        return absolute(mod, d["aliases"][segs[0]]) + segs[1:]
    return None  # an external crate


def resolve(segs, depth=0):
    if depth > 20: return None
    cur = ("crate",)
    for i, s in enumerate(segs[1:], start=1):
        d = modules.get(cur)
        if d is None: return cur
        if cur + (s,) in modules: cur = cur + (s,); continue
        if s in d["reexports"]:
            target = absolute(cur, d["reexports"][s])
            return cur if target is None else resolve(target + segs[i + 1:], depth + 1)
        return cur
    return cur


edges = defaultdict(set)
for mod, d in modules.items():
    for segs in d["uses"] + d["inline"]:
        a = absolute(mod, segs)
        if a is None: continue
        t = resolve(a)
        if t is None or t == mod: continue
        edges[(mod, t)].add("::".join(segs))

collapse = lambda m: m if LEVEL == 0 else m[: 1 + LEVEL]
graph, evidence = defaultdict(set), defaultdict(set)
for (a, b), ev in edges.items():
    ca, cb = collapse(a), collapse(b)
    if ca != cb:
        graph[ca].add(cb)
        evidence[(ca, cb)] |= {f"{modules[a]['file']}: {e}" for e in ev}

index, low, stack, on, sccs, counter = {}, {}, [], set(), [], [0]
sys.setrecursionlimit(10000)
def strong(v):
    index[v] = low[v] = counter[0]; counter[0] += 1; stack.append(v); on.add(v)
    for w in graph[v]:
        if w not in index: strong(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(comp)

for v in sorted(set(collapse(m) for m in modules)):
    if v not in index: strong(v)

name = lambda m: "::".join(m[1:]) or "crate"
ENTITIES = ("crate", "ssr", "db", "entities")
allowed = lambda c: all(m[:len(ENTITIES)] == ENTITIES for m in c)
cyc = [sorted(c) for c in sccs if len(c) > 1]
print(f"modules: {len(index)}, edges: {sum(len(v) for v in graph.values())}, cyclic components: {len(cyc)}"
      f" ({sum(1 for c in cyc if allowed(c))} between sea-orm entities, allowed)")
for c in cyc:
    print(("  allowed {" if allowed(c) else "  CYCLE {") + ", ".join(name(m) for m in c) + "}")
    for a in c:
        for b in sorted(graph[a]):
            if b in c:
                ev = sorted(evidence[(a, b)])
                print(f"      {name(a)} -> {name(b)}   [{'; '.join(ev[:4])}{' …' if len(ev) > 4 else ''}]")
if SHOW_EDGES:
    for (a, b) in sorted(evidence): print(name(a), "->", name(b))
sys.exit(1 if any(not allowed(c) for c in cyc) else 0)
