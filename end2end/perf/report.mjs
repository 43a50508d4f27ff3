// Markdown tables of the last results (end2end/perf/results/), for the Performance section.
// Usage: node end2end/perf/report.mjs > end2end/perf/results/summary.md
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS, round } from './lib.mjs';
import { pointOf } from './scaling.mjs';

const load = (name) => {
  const f = join(RESULTS, name);
  return existsSync(f) ? (name.endsWith('.json') ? JSON.parse(readFileSync(f, 'utf8')) : readFileSync(f, 'utf8')) : null;
};
const yes = (ok) => (ok ? '✅ met' : '❌ not met');
const n = (x, d = 0) => (x === null || x === undefined ? '–' : round(x, d).toLocaleString('en').replace(/,/g, ' '));
const out = [];
const table = (head, rows) => {
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  out.push('');
};

const weight = load('page-weight.txt');
if (weight) {
  out.push('### 1. Page weight (compressed as served)', '');
  const rows = [];
  for (const block of weight.split('\nPage weight of ').slice(1)) {
    const path = block.split('\n')[0];
    const kib = (re) => Number(block.match(re)?.[1]);
    const total = kib(/critical path compressed:\s+([\d.]+) KiB/);
    const script = kib(/JS \+ WebAssembly compressed:\s+([\d.]+) KiB/);
    const html = kib(/total html\s+raw\s+[\d.]+ KiB\s+compressed\s+([\d.]+) KiB/);
    const css = kib(/total css\s+raw\s+[\d.]+ KiB\s+compressed\s+([\d.]+) KiB/);
    rows.push([`\`${path}\``, n(html, 1), n(css, 1), n(script, 1), `${n(total, 1)} (${yes(total <= 100)})`,
      `${n(script, 1)} (${yes(script <= 75)})`]);
  }
  table(['page', 'HTML KiB', 'CSS KiB', 'JS + wasm KiB', 'critical path ≤ 100 KiB', 'JS + wasm ≤ 75 KiB'], rows);
}

const slow = load('slow-load.json');
if (slow) {
  const s = slow.summary;
  out.push(`### 2. Loading on a slow machine (CPU ÷${s.conditions.cpuSlowdown}, ${s.conditions.downloadMbit} Mbit/s, ${s.conditions.rttMs} ms RTT; median of ${s.runs})`, '');
  table(['', 'cold cache (first step)', 'warm cache (after "Suivant")', 'goal'], [
    ['Largest Contentful Paint', `${n(s.cold.lcpMs)} ms`, `${n(s.warm.lcpMs)} ms`, `≤ 1 500 ms: ${yes(s.goals.lcp.met)}`],
    ['First Contentful Paint', `${n(s.cold.fcpMs)} ms`, `${n(s.warm.fcpMs)} ms`, ''],
    ['"Suivant" works (plain form, button painted)', `${n(s.cold.nextButtonPaintedMs)} ms`, `${n(s.warm.nextButtonPaintedMs)} ms`, ''],
    ['"Suivant" island hydrated (double-click guard)', `${n(s.cold.nextEnhancedMs)} ms`, `${n(s.warm.nextEnhancedMs)} ms`, ''],
    ['Interaction to Next Paint of "Suivant"', `${n(s.cold.inpMs)} ms`, `${n(s.warm.inpMs)} ms`, `≤ 100 ms: ${yes(s.goals.inp.met)}`],
    ['Bytes transferred', `${n(s.cold.transferredBytes / 1024, 1)} KiB`, '', ''],
  ]);
  out.push(`Press of "Suivant" → next step's LCP (save, redirect, next page): ${n(s.pressToNextStepLcpMs)} ms.`, '');
}

const counts = [1000, 10000, 100000].filter((c) => load(`server-${c}.json`));
const ref = load('server-10000.json') ?? (counts.length ? load(`server-${counts[0]}.json`) : null);
if (ref) {
  out.push(`### 3. Step page throughput vs nginx (${n(ref.learners)} learners, wrk ${ref.throughput?.[0]?.nginx.seconds ?? 10} s per point, 2 threads)`, '');
  table(['encoding', 'connections', 'nginx req/s', 'nginx p50 / p99 ms', 'Pas à Pas req/s', 'Pas à Pas p50 / p99 ms', 'ratio (goal ≥ 0.5)', 'errors', 'p99 ≤ 50 ms at 256'],
    (ref.throughput ?? []).map((t) => [t.encoding, t.connections, n(t.nginx.rps), `${n(t.nginx.latencyMs.p50, 2)} / ${n(t.nginx.latencyMs.p99, 2)}`,
      n(t.pasAPas.rps), `${n(t.pasAPas.latencyMs.p50, 1)} / ${n(t.pasAPas.latencyMs.p99, 1)}`,
      `${t.ratio} ${yes(t.ratio >= 0.5)}`, `${t.pasAPas.errorCount} / nginx ${t.nginx.errorCount}`,
      t.connections === 256 ? yes(t.pasAPas.latencyMs.p99 <= 50) : '']));
  out.push(`Page: \`${ref.page.path}\`, ${n(ref.page.bytes)} bytes of HTML, signed-in learner.`, '');
  out.push(`### 4. Progress saves at a fixed rate (${n(ref.learners)} learners, synchronous=FULL, 64 connections)`, '');
  table(['target saves/s', 'achieved/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'goal'],
    (ref.saves ?? []).map((s) => [s.target_rate, n(s.achieved_rate, 1), n(s.latency_ms.p50, 1), n(s.latency_ms.p90, 1),
      n(s.latency_ms.p99, 1), n(s.latency_ms.max, 1), s.errors,
      s.target_rate === 200 ? `p99 ≤ 20 ms: ${yes(s.latency_ms.p99 <= 20 && s.errors === 0)}` : '']));
}

if (counts.length) {
  const points = counts.map((c) => pointOf(load(`server-${c}.json`)));
  out.push('### 5–6. Footprint and scaling', '');
  table(['learners', 'database', 'start-up (median of 4)', 'RSS idle', 'RSS peak', 'page req/s (64 / 256 conn.)', 'page p99 @256', 'ratio @256',
    'save p99 @50 / 200 / 1000 per s', 'errors'],
  points.map((p) => [n(p.learners), `${n(p.databaseMiB, 1)} MiB`, `${n(p.startupMs)} ms`, `${n(p.idleRssMiB, 1)} MiB`,
    `${n(p.peakRssMiB, 1)} MiB`, `${n(p.rps64)} / ${n(p.rps)}`, `${n(p.p99Ms, 1)} ms`, p.ratio,
    `${n(p.saveP99Ms[50], 1)} / ${n(p.saveP99Ms[200], 1)} / ${n(p.saveP99Ms[1000], 1)} ms`,
    (p.pageErrors ?? 0) + (p.saveErrors ?? 0)]));
  const worstRss = Math.max(...points.map((p) => p.peakRssMiB));
  const worstStart = Math.max(...points.map((p) => p.startupMs));
  out.push(`Goals: RSS ≤ 50 MB (peak ${n(worstRss, 1)} MiB): ${yes(worstRss * 1.048576 <= 50)}; start-up ≤ 1 s (worst ${n(worstStart)} ms): ${yes(worstStart <= 1000)}.`, '');
}
console.log(out.join('\n'));
