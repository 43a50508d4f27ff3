// Where the server's resident memory is: idle, then under wrk on a cached step page at each
// number of connections, split into anonymous memory (heap, stacks) and pages of files
// (the binary's code, mapped from the page cache), with the largest mappings at the end.
// A tool for reading the footprint figures of scaling.mjs, not a timed test.
//
// Usage: node end2end/perf/rss-breakdown.mjs [--connections 64,256,256] [--seconds 8]
//        [--learners 1000]
// PAP_SERVER_BIN may name another build (for instance one made with
// `--bin-features system-allocator`, to compare allocators).
import {
  LESSON, STEPS, learnerCode, mappings, moduleSlug, resident,
  round, signIn, startGenerated, stop, wrk,
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

const server = await startGenerated({ name: 'rss', learners: LEARNERS, port: PORT });

try {
  await new Promise((r) => setTimeout(r, 1000));
  console.log('idle', resident(server.pid));
  const cookie = await signIn(server.base, learnerCode(1));
  const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
  for (const connections of CONNECTIONS) {
    let peak = { rss: 0 };
    const sampler = setInterval(() => {
      const now = resident(server.pid);
      if (now.rss > peak.rss) peak = now;
    }, 50);
    const r = await wrk(server.base + path, { connections, seconds: SECONDS, headers: { cookie } });
    clearInterval(sampler);
    await new Promise((ok) => setTimeout(ok, 1500));
    console.log(`c=${connections}: ${round(r.rps, 0)} req/s, errors ${r.errorCount};`,
      'peak', peak, 'after', resident(server.pid));
  }
  console.log('largest mappings (MiB resident):');
  for (const m of mappings(server.pid)) console.log(`  ${m.mib}\t${m.mapping}`);
} finally {
  await stop(server.proc);
}
