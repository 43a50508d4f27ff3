// Scaling: the server benchmark (throughput, saves, footprint) at 1 000, 10 000 and 100 000
// learners with progress, same 200 modules. Nothing but the database should grow.
// Writes end2end/perf/results/server-<N>.json, scaling.json and the chart scaling.svg.
//
// Usage: node end2end/perf/scaling.mjs [--learners 1000,10000,100000] [--seconds 10]
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESULTS, round, writeResult } from './lib.mjs';
import { buildSavesGenerator, runServerBench } from './server-bench.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const COUNTS = opt('--learners', '1000,10000,100000').split(',').map(Number);
const SECONDS = Number(opt('--seconds', 10));
/** The reference point of the issue also measures compressed responses. */
const REFERENCE = 10000;

/** The numbers of one run that the chart and the summary show. */
export function pointOf(r) {
  const at = (c, enc = 'identity') => r.throughput?.find((t) => t.connections === c && t.encoding === enc);
  const save = (rate) => r.saves?.find((s) => s.target_rate === rate);
  const last = r.throughput?.filter((t) => t.encoding === 'identity').at(-1);
  return {
    learners: r.learners,
    connections: last?.connections,
    rps: last && round(last.pasAPas.rps, 0),
    nginxRps: last && round(last.nginx.rps, 0),
    ratio: last?.ratio,
    p50Ms: last?.pasAPas.latencyMs.p50,
    p99Ms: last?.pasAPas.latencyMs.p99,
    pageErrors: last?.pasAPas.errorCount,
    rps64: at(64) && round(at(64).pasAPas.rps, 0),
    saveP99Ms: Object.fromEntries([50, 200, 1000].map((k) => [k, save(k)?.latency_ms.p99 ?? null])),
    saveErrors: r.saves?.reduce((n, s) => n + s.errors, 0),
    startupMs: r.footprint.startupMedianMs,
    idleRssMiB: round(r.footprint.idle.rssMiB),
    peakRssMiB: round(r.footprint.end.hwmMiB),
    databaseMiB: round(r.database.bytesBefore / 2 ** 20),
  };
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A small SVG: one panel per measure, learners on a log scale. */
export function chart(points) {
  const W = 250;
  const H = 170;
  const cols = 3;
  const pad = { l: 44, r: 26, t: 30, b: 34 };
  const colors = ['#1f5fa8', '#c0392b', '#2e8b57'];
  const panels = [
    { title: 'Step page, req/s (256 conn.)', series: [{ name: 'Pas à Pas', v: points.map((p) => p.rps) }] },
    { title: 'Step page p99, ms (256 conn.)', goal: 50, series: [{ name: 'p99', v: points.map((p) => p.p99Ms) }] },
    {
      title: 'Save p99, ms', goal: 20,
      note: `p99 at 1000 saves/s: ${points.map((p) => round(p.saveP99Ms[1000] ?? 0, 0)).join(' / ')} ms`,
      series: [50, 200].map((k) => ({ name: `${k} saves/s`, v: points.map((p) => p.saveP99Ms[k]) })),
    },
    {
      title: 'Memory, MiB', goal: 50,
      series: [{ name: 'idle', v: points.map((p) => p.idleRssMiB) }, { name: 'peak', v: points.map((p) => p.peakRssMiB) }],
    },
    { title: 'Start-up, ms', goal: 1000, series: [{ name: 'start-up', v: points.map((p) => p.startupMs) }] },
    { title: 'Database, MiB', series: [{ name: 'SQLite file', v: points.map((p) => p.databaseMiB) }] },
  ];
  const rows = Math.ceil(panels.length / cols);
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W * cols}" height="${H * rows + 24}" viewBox="0 0 ${W * cols} ${H * rows + 24}" font-family="sans-serif" font-size="10">`,
    `<title>Pas à Pas: how the server's measures change with the number of learners</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="6" y="14" font-size="12" font-weight="bold">Scaling with the number of learners (200 modules, SQLite, 2 shared cores)</text>`,
  ];
  const xs = points.map((p) => Math.log10(p.learners));
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  panels.forEach((panel, i) => {
    const ox = (i % cols) * W;
    const oy = 24 + Math.floor(i / cols) * H;
    const values = panel.series.flatMap((s) => s.v).filter((v) => v !== null && v !== undefined);
    const top = Math.max(...values, panel.goal ?? 0) * 1.15 || 1;
    const px = (lx) => ox + pad.l + ((lx - x0) / (x1 - x0 || 1)) * (W - pad.l - pad.r);
    const py = (v) => oy + H - pad.b - (v / top) * (H - pad.t - pad.b);
    out.push(`<g><text x="${ox + pad.l}" y="${oy + 16}" font-weight="bold">${esc(panel.title)}</text>`);
    out.push(`<line x1="${ox + pad.l}" y1="${py(0)}" x2="${ox + W - pad.r}" y2="${py(0)}" stroke="#888"/>`);
    out.push(`<line x1="${ox + pad.l}" y1="${py(0)}" x2="${ox + pad.l}" y2="${py(top)}" stroke="#888"/>`);
    for (const t of [0, top / 2 / 1.15, top / 1.15]) {
      out.push(`<text x="${ox + pad.l - 4}" y="${py(t) + 3}" text-anchor="end" fill="#555">${esc(round(t, t < 10 ? 1 : 0))}</text>`);
    }
    points.forEach((p, k) => {
      out.push(`<text x="${px(xs[k])}" y="${py(0) + 12}" text-anchor="middle" fill="#555">${esc(p.learners.toLocaleString('en').replace(/,/g, ' '))}</text>`);
    });
    if (panel.goal) {
      out.push(`<line x1="${ox + pad.l}" y1="${py(panel.goal)}" x2="${ox + W - pad.r}" y2="${py(panel.goal)}" stroke="#999" stroke-dasharray="4 3"/>`);
      out.push(`<text x="${ox + W - pad.r}" y="${py(panel.goal) - 3}" text-anchor="end" fill="#777">goal ${panel.goal}</text>`);
    }
    panel.series.forEach((s, j) => {
      const c = colors[j % colors.length];
      const pts = s.v.map((v, k) => (v === null || v === undefined ? null : [px(xs[k]), py(v)])).filter(Boolean);
      out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${pts.map((q) => q.join(',')).join(' ')}"/>`);
      s.v.forEach((v, k) => {
        if (v === null || v === undefined) return;
        out.push(`<circle cx="${px(xs[k])}" cy="${py(v)}" r="3" fill="${c}"/>`);
        out.push(`<text x="${px(xs[k]) + (k === s.v.length - 1 ? -4 : 4)}" y="${py(v) - 5}" text-anchor="${k === s.v.length - 1 ? 'end' : 'start'}" fill="${c}">${esc(round(v, v < 10 ? 1 : 0))}</text>`);
      });
      if (panel.series.length > 1) {
        out.push(`<text x="${ox + pad.l + 6 + j * 80}" y="${oy + 28}" fill="${c}">■ ${esc(s.name)}</text>`);
      }
    });
    out.push(`<text x="${ox + (W + pad.l) / 2}" y="${oy + H - 8}" text-anchor="middle" fill="#555">${esc(panel.note ?? 'learners (log scale)')}</text></g>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const savesExe = buildSavesGenerator();
  const points = [];
  for (const learners of COUNTS) {
    const r = await runServerBench({ learners, seconds: SECONDS, compressed: learners === REFERENCE, savesExe });
    writeResult(`server-${learners}`, r);
    points.push(pointOf(r));
  }
  writeResult('scaling', { points });
  writeFileSync(join(RESULTS, 'scaling.svg'), chart(points));
  console.log(JSON.stringify(points, null, 2));
}
