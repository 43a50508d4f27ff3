// Where a step page's time goes: wrk against routes that do less and less of its work, on
// the same server (release, SQLite, 200 modules, --learners learners):
//   - /favicon.svg: the middleware stack and a file (no database, no rendering);
//   - /healthz: one database round trip;
//   - the step page without a session: Leptos rendering and one less-than-full page;
//   - the step page signed in: rendering + session lookup + progress (3 queries).
// Also the same signed-in run with MALLOC_ARENA_MAX=2 (glibc keeps fewer memory arenas),
// to see how much of the resident memory under load is the allocator's.
// Writes end2end/perf/results/breakdown.json.
//
// Usage: node end2end/perf/breakdown.mjs [--learners 10000] [--seconds 5] [--connections 64]
import { join } from 'node:path';
import {
  LESSON, STEPS, generateContent, generateDatabase, learnerCode, machine, memory, moduleSlug,
  round, sampleMemory, signIn, startServer, stop, tempDir, wrk, writeResult,
} from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const LEARNERS = Number(opt('--learners', 10000));
const SECONDS = Number(opt('--seconds', 5));
const CONNECTIONS = Number(opt('--connections', 64));
const PORT = 3194;

const dir = tempDir('breakdown');
const content = generateContent(join(dir, 'content'));
const db = generateDatabase(join(dir, 'pap.db'), LEARNERS);
const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
const rows = [];

async function measure(label, env) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const server = await startServer({ port: PORT, db, content });
  Object.keys(env).forEach((k) => { if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k]; });
  try {
    const cookie = await signIn(server.base, learnerCode(1));
    const targets = env.MALLOC_ARENA_MAX
      ? [['step page, signed in', path, { cookie }]]
      : [
        ['/favicon.svg (middleware + file)', '/favicon.svg', {}],
        ['/healthz (1 database round trip)', '/healthz', {}],
        ['step page, anonymous (rendering)', path, {}],
        ['step page, signed in (rendering + 3 queries)', path, { cookie }],
      ];
    for (const [name, url, headers] of targets) {
      await wrk(server.base + url, { connections: CONNECTIONS, seconds: 2, headers });
      const peak = sampleMemory(server.pid);
      const r = await wrk(server.base + url, { connections: CONNECTIONS, seconds: SECONDS, headers });
      const row = {
        server: label, route: name, rps: round(r.rps, 0), p50Ms: r.latencyMs.p50,
        p99Ms: r.latencyMs.p99, errors: r.errorCount, rssUnderLoadMiB: round(peak()),
        peakRssMiB: round(memory(server.pid).hwmMiB),
      };
      rows.push(row);
      console.error(JSON.stringify(row));
    }
  } finally {
    await stop(server.proc);
  }
}

await measure('default', {});
await measure('MALLOC_ARENA_MAX=2', { MALLOC_ARENA_MAX: '2' });
writeResult('breakdown', { learners: LEARNERS, connections: CONNECTIONS, seconds: SECONDS, machine: machine(), rows });
console.log('| server | route | req/s | p50 ms | p99 ms | errors | RSS under load |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.server} | ${r.route} | ${r.rps} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${r.rssUnderLoadMiB} MiB |`);
}
