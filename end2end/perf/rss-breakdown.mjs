// Where the server's resident memory is: idle, then under wrk on a cached step page at each
// number of connections, split into anonymous memory (heap, stacks) and pages of files
// (the binary's code, mapped from the page cache), with the largest mappings at the end.
// A tool for reading the footprint figures of scaling.mjs, not a timed test.
//
// Usage: node end2end/perf/rss-breakdown.mjs [--connections 64,256,256] [--seconds 8]
//        [--learners 1000]
// PAP_SERVER_BIN may name another build (for instance one made with
// `--bin-features system-allocator`, to compare allocators).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LESSON, STEPS, generateContent, generateDatabase, learnerCode, moduleSlug, round, signIn,
  startServer, stop, tempDir, wrk,
} from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const CONNECTIONS = opt('--connections', '64,256,256').split(',').map(Number);
const SECONDS = Number(opt('--seconds', 8));
const LEARNERS = Number(opt('--learners', 1000));
const PORT = 3193;

const dir = tempDir('rss');
const content = generateContent(join(dir, 'content'));
const db = join(dir, 'pap.db');
generateDatabase(db, LEARNERS);
const server = await startServer({ port: PORT, db, content });

/** Resident MiB of the process: all, anonymous, and the rest (pages of files). */
function resident() {
  const s = readFileSync(`/proc/${server.pid}/smaps_rollup`, 'utf8');
  const kib = (k) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  const rss = kib('Rss') / 1024;
  const anonymous = kib('Anonymous') / 1024;
  return { rss: round(rss), anonymous: round(anonymous), files: round(rss - anonymous) };
}

/** The largest mappings by resident size: path (or [anon]), permissions, MiB. */
function mappings(top = 8) {
  const out = [];
  let current = null;
  for (const line of readFileSync(`/proc/${server.pid}/smaps`, 'utf8').split('\n')) {
    const head = line.match(/^[0-9a-f]+-[0-9a-f]+ (\S+) \S+ \S+ \S+\s*(.*)$/);
    if (head) {
      current = { mapping: `${head[2] || '[anon]'} ${head[1]}`, mib: 0 };
      out.push(current);
      continue;
    }
    const rss = line.match(/^Rss:\s+(\d+) kB/);
    if (rss && current) current.mib = round(Number(rss[1]) / 1024);
  }
  return out.sort((a, b) => b.mib - a.mib).slice(0, top);
}

try {
  await new Promise((r) => setTimeout(r, 1000));
  console.log('idle', resident());
  const cookie = await signIn(server.base, learnerCode(1));
  const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
  for (const connections of CONNECTIONS) {
    let peak = { rss: 0 };
    const sampler = setInterval(() => {
      const now = resident();
      if (now.rss > peak.rss) peak = now;
    }, 50);
    const r = await wrk(server.base + path, { connections, seconds: SECONDS, headers: { cookie } });
    clearInterval(sampler);
    await new Promise((ok) => setTimeout(ok, 1500));
    console.log(`c=${connections}: ${round(r.rps, 0)} req/s, errors ${r.errorCount};`,
      'peak', peak, 'after', resident());
  }
  console.log('largest mappings (MiB resident):');
  for (const m of mappings()) console.log(`  ${m.mib}\t${m.mapping}`);
} finally {
  await stop(server.proc);
}
