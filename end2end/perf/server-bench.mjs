// The server on one machine: throughput of a signed-in learner's lesson step against nginx
// serving the very same HTML (wrk, loopback, same connections, same run), progress saves
// at fixed rates (server/benches/saves.rs), and footprint (start-up time, resident memory).
// Release server, SQLite (synchronous=FULL), 200 generated modules, N generated learners
// with progress. Writes end2end/perf/results/server-<N>.json.
//
// Usage: node end2end/perf/server-bench.mjs [--learners 10000] [--seconds 10]
//          [--connections 64,256] [--rates 50,200,1000] [--only throughput,saves,footprint]
//          [--compressed] [--save-connections 64] [--out server-<N>]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BENCH_LEARNERS, LESSON, MODULES, ROOT, STEPS, generateContent, generateDatabase, get,
  learnerCode, machine, memory, moduleSlug, resident, round, run, sampleMemory, signIn, startNginx,
  startServer, stop, tempDir, wrk, writeResult,
} from './lib.mjs';

const SERVER_PORT = 3191;
const NGINX_PORT = 3192;

/** The env cargo-leptos builds the server with, so that the bench shares its artifacts. */
const LEPTOS_ENV = {
  LEPTOS_BIN_DIR: 'server', LEPTOS_HASH_FILES: 'true', LEPTOS_HASH_FILE_NAME: 'hash.txt',
  LEPTOS_JS_MINIFY: 'true', LEPTOS_LIB_DIR: 'app', LEPTOS_OUTPUT_NAME: 'pas-a-pas',
  LEPTOS_RELOAD_PORT: '3001', LEPTOS_SITE_ADDR: '127.0.0.1:3000', LEPTOS_SITE_PKG_DIR: 'pkg',
  LEPTOS_SITE_ROOT: 'target/site',
};

/**
 * The executable of server/benches/saves.rs: `PAP_SAVES_BIN`, or the last one built if it
 * is newer than its source (building it compiles the server crate, which may be in the
 * middle of an edit), or a new build.
 */
export function buildSavesGenerator() {
  if (process.env.PAP_SAVES_BIN) return process.env.PAP_SAVES_BIN;
  const source = statSync(join(ROOT, 'server/benches/saves.rs')).mtimeMs;
  const deps = join(ROOT, 'target/release/deps');
  const built = (existsSync(deps) ? readdirSync(deps) : [])
    .filter((f) => /^saves-[0-9a-f]+$/.test(f))
    .map((f) => ({ f: join(deps, f), t: statSync(join(deps, f)).mtimeMs }))
    .filter((x) => x.t >= source && (statSync(x.f).mode & 0o111))
    .sort((x, y) => y.t - x.t)[0];
  if (built) return built.f;
  const out = execFileSync('cargo', ['bench', '-p', 'server', '--bench', 'saves', '--no-run',
    '--message-format=json-render-diagnostics'], {
    cwd: ROOT, env: { ...process.env, ...LEPTOS_ENV }, encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20,
  });
  const exe = out.split('\n').filter(Boolean).map((l) => JSON.parse(l))
    .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'saves' && m.executable)
    ?.executable;
  if (!exe) throw new Error('cannot find the saves bench executable');
  return exe;
}

function parseArgs(argv) {
  const opts = {
    learners: 10000, seconds: 10, connections: [64, 256], rates: [50, 200, 1000],
    only: ['footprint', 'throughput', 'saves'], compressed: false, saveConnections: 64, out: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    const list = () => v.split(',').map((x) => x.trim()).filter(Boolean);
    if (k === '--learners') { opts.learners = Number(v); i++; }
    else if (k === '--seconds') { opts.seconds = Number(v); i++; }
    else if (k === '--connections') { opts.connections = list().map(Number); i++; }
    else if (k === '--rates') { opts.rates = list().map(Number); i++; }
    else if (k === '--only') { opts.only = list(); i++; }
    else if (k === '--save-connections') { opts.saveConnections = Number(v); i++; }
    else if (k === '--out') { opts.out = v; i++; }
    else if (k === '--compressed') opts.compressed = true;
    else throw new Error(`unknown argument ${k}`);
  }
  return opts;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runServerBench(options = {}) {
  const opts = { ...parseArgs([]), ...options };
  const log = (...a) => console.error(`[server-bench ${opts.learners}]`, ...a);
  const savesExe = opts.only.includes('saves') ? (opts.savesExe ?? buildSavesGenerator()) : null;
  const dir = tempDir('bench');
  const content = generateContent(join(dir, 'content'));
  const db = join(dir, 'pap.db');
  let t = performance.now();
  generateDatabase(db, opts.learners);
  const generateMs = performance.now() - t;
  const dbBytes = () => ['', '-wal'].reduce((n, s) => {
    try { return n + statSync(db + s).size; } catch { return n; }
  }, 0);
  const result = {
    learners: opts.learners, modules: MODULES, lessons: MODULES, machine: machine(),
    database: { generateMs: round(generateMs, 0), bytesBefore: dbBytes() },
  };
  log(`database generated in ${round(generateMs / 1000)} s, ${round(dbBytes() / 2 ** 20)} MiB`);

  // Start-up: three cold starts of the release server on this database and content.
  const startups = [];
  for (let i = 0; i < 3; i++) {
    const s = await startServer({ port: SERVER_PORT, db, content });
    startups.push(s.startupMs);
    await stop(s.proc);
  }
  const server = await startServer({ port: SERVER_PORT, db, content });
  startups.push(server.startupMs);
  await new Promise((r) => setTimeout(r, 1000));
  result.footprint = {
    startupMs: startups.map((x) => round(x)),
    startupMedianMs: round(median(startups)),
    idle: { ...memory(server.pid), ...resident(server.pid) },
  };
  log(`start-up ${result.footprint.startupMedianMs} ms, idle RSS ${round(result.footprint.idle.rssMiB)} MiB`);

  let nginx;
  try {
    const cookies = [];
    for (let i = 1; i <= BENCH_LEARNERS; i++) cookies.push(await signIn(server.base, learnerCode(i)));
    // Learner 1 finished perf-002 and is in the middle of perf-003: the step they resume.
    const path = `/modules/${moduleSlug(3)}/${LESSON}/${STEPS[2]}`;
    const page = await get(server.base + path, { cookie: cookies[0] });
    if (page.res.statusCode !== 200 || !page.body.includes('Suivant') || !page.body.includes('Apprenant 1')) {
      throw new Error(`unexpected step page: ${page.res.statusCode} ${page.body.slice(0, 300)}`);
    }
    const htmlFile = join(dir, 'step.html');
    writeFileSync(htmlFile, page.body);
    result.page = { path, bytes: Buffer.byteLength(page.body) };

    if (opts.only.includes('throughput')) {
      nginx = await startNginx(htmlFile, NGINX_PORT);
      const same = await get(`${nginx.base}/`);
      if (same.body !== page.body) throw new Error('nginx does not serve the same HTML');
      result.throughput = [];
      const variants = [{ name: 'identity', headers: {} }];
      if (opts.compressed) variants.push({ name: 'gzip, br', headers: { 'accept-encoding': 'gzip, br' } });
      for (const variant of variants) {
        for (const connections of opts.connections) {
          if (variant.name !== 'identity' && connections !== opts.connections.at(-1)) continue;
          const bench = (url, headers, seconds = opts.seconds) =>
            wrk(url, { connections, seconds, headers: { ...variant.headers, ...headers } });
          // Warm-up (connections, caches), not recorded.
          await bench(`${nginx.base}/`, {}, 2);
          await bench(server.base + path, { cookie: cookies[0] }, 2);
          const ng = await bench(`${nginx.base}/`, {});
          const peak = sampleMemory(server.pid);
          const pap = await bench(server.base + path, { cookie: cookies[0] });
          const rssUnderLoad = peak();
          // Right after the run: anonymous memory (heap, stacks) and pages of files (code).
          const after = resident(server.pid);
          const row = {
            encoding: variant.name, connections, nginx: ng, pasAPas: pap,
            ratio: round(pap.rps / ng.rps, 3), serverRssUnderLoadMiB: round(rssUnderLoad),
            residentAfterMiB: after,
          };
          result.throughput.push(row);
          log(`${variant.name} c=${connections}: nginx ${round(ng.rps, 0)} req/s p99 ${ng.latencyMs.p99} ms;`,
            `Pas à Pas ${round(pap.rps, 0)} req/s p50 ${pap.latencyMs.p50} p99 ${pap.latencyMs.p99} ms,`,
            `ratio ${row.ratio}, errors ${pap.errorCount}, RSS ${row.serverRssUnderLoadMiB} MiB`,
            `(after: anonymous ${after.anonymous}, files ${after.files})`);
        }
      }
      // The page must still be the learner's after the run (no error page was measured).
      const after = await get(server.base + path, { cookie: cookies[0] });
      if (after.res.statusCode !== 200 || !after.body.includes('Apprenant 1')) {
        throw new Error('the step page changed during the run');
      }
    }

    if (opts.only.includes('saves')) {
      const sessions = join(dir, 'sessions.txt');
      writeFileSync(sessions, `${cookies.join('\n')}\n`);
      const steps = join(dir, 'steps.txt');
      const lines = [];
      for (let m = 1; m <= MODULES; m++) for (const s of STEPS) lines.push(`${moduleSlug(m)} ${LESSON} ${s}`);
      writeFileSync(steps, `${lines.join('\n')}\n`);
      result.saves = [];
      for (const rate of opts.rates) {
        const peak = sampleMemory(server.pid);
        const { stdout } = await run(savesExe, ['--addr', `127.0.0.1:${SERVER_PORT}`, '--rate', String(rate),
          '--duration', String(opts.seconds), '--connections', String(opts.saveConnections), '--sessions', sessions,
          '--steps', steps]);
        const r = JSON.parse(stdout);
        r.serverRssUnderLoadMiB = round(peak());
        result.saves.push(r);
        log(`saves ${rate}/s: achieved ${r.achieved_rate}/s, p50 ${r.latency_ms.p50} ms,`,
          `p99 ${r.latency_ms.p99} ms, errors ${r.errors}`);
      }
      const rows = execFileSync('sqlite3', [db, 'SELECT count(*) FROM step_progress;'], { encoding: 'utf8' });
      result.database.stepProgressRowsAfter = Number(rows.trim());
    }
    result.footprint.end = { ...memory(server.pid), ...resident(server.pid) };
    log(`peak RSS ${round(result.footprint.end.hwmMiB)} MiB`);
  } finally {
    if (nginx) await stop(nginx.proc);
    await stop(server.proc);
  }
  result.database.bytesAfter = dbBytes();
  // Another build on the same cores shows here: compare with machine.loadBefore.
  result.loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  rmSync(dir, { recursive: true, force: true });
  return result;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = parseArgs(process.argv.slice(2));
  const result = await runServerBench(opts);
  const file = writeResult(opts.out ?? `server-${opts.learners}`, result);
  console.log(JSON.stringify({
    learners: result.learners,
    startupMedianMs: result.footprint.startupMedianMs,
    idleRssMiB: round(result.footprint.idle.rssMiB),
    peakRssMiB: round(result.footprint.end.hwmMiB),
    load: `${result.machine.loadBefore} → ${result.loadAfter}`,
    throughput: result.throughput?.map((r) => ({
      encoding: r.encoding, c: r.connections, nginx: round(r.nginx.rps, 0),
      pap: round(r.pasAPas.rps, 0), ratio: r.ratio, p50: r.pasAPas.latencyMs.p50,
      p99: r.pasAPas.latencyMs.p99, errors: r.pasAPas.errorCount,
    })),
    saves: result.saves?.map((s) => ({ rate: s.target_rate, p50: s.latency_ms.p50, p99: s.latency_ms.p99, errors: s.errors })),
  }, null, 2));
  console.error(`written ${file}`);
}
