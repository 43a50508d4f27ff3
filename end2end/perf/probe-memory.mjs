// The server's resident memory at each moment of a short run: after start, after a
// learner signs in, after one connection asks for a step page for a second, after 256
// connections for five seconds, and five seconds later; split into anonymous memory and
// pages of files (the binary's code), with the largest mappings at the end. For comparing
// two builds' memory (README, Performance: "Smaller code"), not a timed test.
//
// Usage: node end2end/perf/probe-memory.mjs [--learners 1000]
// PAP_SERVER_BIN may name another build.
import {
  LESSON, STEPS, learnerCode, mappings, moduleSlug, resident,
  signIn, startGenerated, stop, wrk,
} from './lib.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--learners');
const LEARNERS = at >= 0 ? Number(args[at + 1]) : 1000;
const PORT = 3194;

const server = await startGenerated({ name: 'probe', learners: LEARNERS, port: PORT });
const wait = (ms) => new Promise((ok) => setTimeout(ok, ms));
const show = (moment) => console.log(moment.padEnd(28), resident(server.pid));

try {
  show('started');
  await wait(500);
  show('0.5 s after start');
  const cookie = await signIn(server.base, learnerCode(1));
  show('after sign-in');
  const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
  await wrk(server.base + path, { connections: 1, seconds: 1, headers: { cookie } });
  show('after one page');
  await wrk(server.base + path, { connections: 256, seconds: 5, headers: { cookie } });
  show('after 256 connections');
  await wait(5000);
  show('5 s later');
  console.log('largest mappings (MiB resident):');
  for (const m of mappings(server.pid)) console.log(`  ${m.mib}\t${m.mapping}`);
} finally {
  await stop(server.proc);
}
