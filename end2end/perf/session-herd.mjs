// Resident memory at the peak of each run of a sequence that makes a herd of session
// lookups: 64 learners sign in, then 256 connections of one learner at once (the session
// not in memory yet), 64 connections, 256 again after 10 s of quiet, and again after 10
// more seconds, when the session's cache entry is older than the user cache's 30 s (every
// request in flight then misses it together), then 256 with gzip. Sampled every 50 ms,
// split into anonymous memory (heap, stacks) and pages of files (the binary's code).
// README, Performance: "The peaks were a herd of session lookups". Not a timed test.
//
// Usage: node end2end/perf/session-herd.mjs [--learners 10000]
// PAP_SERVER_BIN may name another build.
import { readFileSync } from 'node:fs';
import {
  LESSON, STEPS, learnerCode, moduleSlug, resident, signIn, startGenerated, stop, wrk,
} from './lib.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--learners');
const LEARNERS = at >= 0 ? Number(args[at + 1]) : 10000;
const PORT = 3195;

const server = await startGenerated({ name: 'herd', learners: LEARNERS, port: PORT });
const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));

async function run(label, connections, seconds, headers = {}) {
  let peak = { rss: 0 };
  const timer = setInterval(() => {
    try {
      const now = resident(server.pid);
      if (now.rss > peak.rss) peak = now;
    } catch {}
  }, 50);
  const result = await wrk(server.base + path, { connections, seconds, headers: { cookie, ...headers } });
  clearInterval(timer);
  console.log(label.padEnd(34), `${Math.round(result.rps)} req/s, errors ${result.errorCount};`,
    'peak', peak, 'after', resident(server.pid));
}

let cookie;
try {
  const cookies = [];
  for (let i = 1; i <= 64; i++) cookies.push(await signIn(server.base, learnerCode(i)));
  cookie = cookies[0];
  console.log('64 learners signed in'.padEnd(34), resident(server.pid));
  await run('256 connections, 2 s', 256, 2);
  await run('64 connections, 10 s', 64, 10);
  await wait(10_000);
  await run('256 connections, 10 s of quiet', 256, 2);
  await wait(10_000);
  await run('256 connections, entry too old', 256, 8);
  await run('256 connections, gzip', 256, 5, { 'accept-encoding': 'gzip, br' });
  const hwm = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/^VmHWM:\s+(\d+) kB/m)[1];
  console.log('peak of the whole run (VmHWM)'.padEnd(34), `${(Number(hwm) / 1024).toFixed(1)} MiB`);
} finally {
  await stop(server.proc);
}
