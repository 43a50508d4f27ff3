// Shared helpers of the benchmark scripts: synthetic content and learners, starting the
// release server and nginx, signing in, wrk, memory of a process, machine description.
import { execFile, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** The release build; run-all.sh points these at a snapshot so that a rebuild meanwhile
 * does not change the server in the middle of a run. */
export const SERVER_BIN = process.env.PAP_SERVER_BIN ?? join(ROOT, 'target/release/server');
export const SITE_ROOT = process.env.PAP_SITE_ROOT ?? join(ROOT, 'target/site');
export const RESULTS = join(import.meta.dirname, 'results');
export const MODULES = 200;
/** The steps of every synthetic lesson (a copy of content/email-la-poste/adresse-enveloppe.md). */
export const STEPS = ['lettre', 'adresse', 'arobase', 'lire', 'a-retenir'];
export const LESSON = 'lecon';
/** Learners whose codes the benchmarks know: P0000001 … */
export const BENCH_LEARNERS = 64;

export const moduleSlug = (i) => `perf-${String(i).padStart(3, '0')}`;
export const learnerCode = (i) => `P${String(i).padStart(7, '0')}`;

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `pap-${prefix}-`));
}

/** 200 modules of one lesson each, valid for the content checker, plus the glossary. */
export function generateContent(dir, modules = MODULES) {
  const source = join(ROOT, 'content/email-la-poste');
  const lesson = readFileSync(join(source, 'adresse-enveloppe.md'), 'utf8')
    .replace('## Une lettre, mais sans papier\n', '## Une lettre, mais sans papier {#lettre}\n');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(ROOT, 'content/glossaire.md'), join(dir, 'glossaire.md'));
  for (let i = 1; i <= modules; i++) {
    const m = join(dir, moduleSlug(i));
    mkdirSync(m, { recursive: true });
    writeFileSync(join(m, '_index.md'), `+++
title = "Module d'essai numéro ${i}"
summary = "Un module généré pour mesurer les performances."
level = "debutant"
minutes = 10
objectives = ["Mesurer le serveur avec ${modules} modules."]
competences = ["2.1"]
prerequisites = []
weight = ${i}
+++
Un module généré pour les mesures de performance.
`);
    writeFileSync(join(m, `${LESSON}.md`), lesson);
    // The lesson's pictures lie beside it (the checker refuses a lesson whose image is missing).
    for (const f of readdirSync(source).filter((f) => /\.(svg|png|jpe?g|webp)$/.test(f))) {
      copyFileSync(join(source, f), join(m, f));
    }
  }
  return dir;
}

function sql(db, script) {
  return execFileSync('sqlite3', [db], { input: script, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/**
 * A database made by the server's own migrations (`server demo`), then `learners`
 * learners added in bulk with SQL: one volunteer per 25 learners, one structure per
 * 500, and for each learner a finished lesson (5 steps, lesson and module completed, an
 * answer), a lesson in progress (2 steps), and a session.
 */
export function generateDatabase(dbPath, learners) {
  execFileSync(SERVER_BIN, ['demo'], {
    env: { ...process.env, DATABASE_URL: `sqlite://${dbPath}`, RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [s0, v0, l0, hash] = sql(dbPath,
    "SELECT (SELECT max(id) FROM structure), (SELECT max(id) FROM staff), " +
    "(SELECT max(id) FROM learner), (SELECT password_hash FROM staff LIMIT 1);")
    .trim().split('|');
  const structures = Math.max(1, Math.ceil(learners / 500));
  const volunteers = Math.max(1, Math.ceil(learners / 25));
  const steps = STEPS.map((s, i) => `(${i}, '${s}')`).join(', ');
  const script = `
PRAGMA synchronous = OFF;
BEGIN;
CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${Math.max(learners, volunteers, structures)})
INSERT INTO n SELECT i FROM c;
CREATE TEMP TABLE steps(k INTEGER, slug TEXT);
INSERT INTO steps VALUES ${steps};
INSERT INTO structure (id, name, name_key, phone, created_at)
  SELECT ${s0} + i, 'Association ' || i, 'association-' || i, NULL, unixepoch() - 8640000 FROM n WHERE i <= ${structures};
INSERT INTO staff (id, structure_id, username, display_name, password_hash, is_volunteer, is_trainer, is_coordinator, created_at)
  SELECT ${v0} + i, ${s0} + 1 + (i % ${structures}), 'benevole.' || i, 'Bénévole ' || i, '${hash}', 1, 0, 0, unixepoch() - 8640000
  FROM n WHERE i <= ${volunteers};
INSERT INTO learner (id, structure_id, volunteer_id, first_name, code, created_at, last_active_at, notes_consent, privacy_seen_at, text_size, high_contrast, reduce_motion)
  SELECT ${l0} + i, ${s0} + 1 + (((i % ${volunteers}) + 1) % ${structures}), ${v0} + 1 + (i % ${volunteers}),
         'Apprenant ' || i, printf('P%07d', i), unixepoch() - 8640000, unixepoch() - (i % 30) * 86400,
         1, unixepoch() - 8640000, 0, 0, 0
  FROM n WHERE i <= ${learners};
-- A finished lesson: module (i % ${MODULES}) + 1.
INSERT INTO step_progress (learner_id, module, lesson, step, first_seen_at, last_seen_at, seconds_spent, completed_at)
  SELECT ${l0} + i, printf('perf-%03d', (i % ${MODULES}) + 1), '${LESSON}', slug,
         unixepoch() - 864000, unixepoch() - 864000, 60, unixepoch() - 864000
  FROM n, steps WHERE i <= ${learners};
INSERT INTO lesson_completion (learner_id, module, lesson, completed_at)
  SELECT ${l0} + i, printf('perf-%03d', (i % ${MODULES}) + 1), '${LESSON}', unixepoch() - 864000 FROM n WHERE i <= ${learners};
INSERT INTO module_completion (learner_id, module, completed_at)
  SELECT ${l0} + i, printf('perf-%03d', (i % ${MODULES}) + 1), unixepoch() - 864000 FROM n WHERE i <= ${learners};
INSERT INTO answer (learner_id, module, lesson, step, question, choices, correct, answered_at)
  SELECT ${l0} + i, printf('perf-%03d', (i % ${MODULES}) + 1), '${LESSON}', 'lire', 'adresse-bien-ecrite', 'b', 1, unixepoch() - 864000
  FROM n WHERE i <= ${learners};
-- A lesson in progress: two steps of the next module.
INSERT INTO step_progress (learner_id, module, lesson, step, first_seen_at, last_seen_at, seconds_spent, completed_at)
  SELECT ${l0} + i, printf('perf-%03d', ((i + 1) % ${MODULES}) + 1), '${LESSON}', slug,
         unixepoch() - 86400, unixepoch() - 86400, 45, unixepoch() - 86400
  FROM n, steps WHERE i <= ${learners} AND k < 2;
-- Everyone is signed in somewhere.
INSERT INTO auth_session (token_hash, learner_id, staff_id, created_at, expires_at)
  SELECT lower(hex(randomblob(32))), ${l0} + i, NULL, unixepoch() - 86400, unixepoch() + 86400 * 30
  FROM n WHERE i <= ${learners};
COMMIT;
`;
  sql(dbPath, script);
  // Written with synchronous=OFF: flush it now, not during the measurements.
  execFileSync('sync');
  return dbPath;
}

export function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ res, body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', fail);
  });
}

export function postForm(url, fields, headers = {}) {
  const body = new URLSearchParams(fields).toString();
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = http.request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        accept: 'text/html,application/xhtml+xml',
        origin: u.origin,
        referer: `${u.origin}/`,
        ...headers,
      },
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ res, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

/** Signs a learner in by code; returns the `pap_session=…` cookie. */
export async function signIn(base, code) {
  const { res, body } = await postForm(`${base}/api/connexion`, { code });
  const cookie = (res.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('pap_session='));
  if (!cookie) throw new Error(`cannot sign in ${code}: ${res.statusCode} ${body.slice(0, 200)}`);
  return cookie;
}

/**
 * Starts the release server; resolves once /healthz answers, with the time from spawn
 * to that first answer (start-up time: migrations check, content loading, listening).
 */
export async function startServer({ port, db, content, demo = false, quiet = true }) {
  const t0 = performance.now();
  const proc = spawn(SERVER_BIN, ['serve', ...(demo ? ['--demo'] : [])], {
    env: {
      ...process.env,
      PAP_ADDR: `127.0.0.1:${port}`,
      DATABASE_URL: `sqlite://${db}`,
      LEPTOS_SITE_ROOT: SITE_ROOT,
      PAP_CONTENT_DIR: content,
      RUST_LOG: 'warn',
    },
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (${exited})`);
    try {
      const { res } = await get(`${base}/healthz`);
      if (res.statusCode === 200) break;
    } catch {}
    if (performance.now() - t0 > 30_000) throw new Error('the server did not start in 30 s');
    await new Promise((r) => setTimeout(r, 5));
  }
  return { proc, pid: proc.pid, base, startupMs: performance.now() - t0 };
}

/** A release server on new generated content (200 modules) and a database of `learners`. */
export async function startGenerated({ name, learners, port }) {
  const dir = tempDir(name);
  const content = generateContent(join(dir, 'content'));
  const db = join(dir, 'pap.db');
  generateDatabase(db, learners);
  return startServer({ port, db, content });
}

export function stop(proc) {
  return new Promise((ok) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return ok();
    proc.on('exit', () => ok());
    proc.kill('SIGTERM');
    setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
  });
}

/** Resident memory of a process, in MiB: now (VmRSS) and its peak (VmHWM). */
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (k) => Number(status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
}

/** Resident MiB of a process: all, anonymous (heap, stacks), and the rest (pages of files:
 * the binary's code, mapped from the page cache). */
export function resident(pid) {
  const s = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kib = (k) => Number(s.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  const rss = kib('Rss') / 1024;
  const anonymous = kib('Anonymous') / 1024;
  return { rss: round(rss), anonymous: round(anonymous), files: round(rss - anonymous) };
}

/** A process's largest mappings by resident size: path (or [anon]), permissions, MiB. */
export function mappings(pid, top = 8) {
  const out = [];
  let current = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
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

/** Samples VmRSS every 100 ms until `stop()` is called; returns the highest. */
export function sampleMemory(pid) {
  let max = 0;
  const timer = setInterval(() => {
    try { max = Math.max(max, memory(pid).rssMiB); } catch {}
  }, 100);
  return () => { clearInterval(timer); return max; };
}

/** nginx serving one file as text/html on 127.0.0.1:port, with as many workers as cores. */
export async function startNginx(htmlFile, port) {
  const dir = tempDir('nginx');
  chmodSync(dir, 0o755);
  copyFileSync(htmlFile, join(dir, 'page.html'));
  chmodSync(join(dir, 'page.html'), 0o644);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  # Only for clients that ask for it (--compressed runs); level 1, nginx's default.
  gzip on;
  server {
    listen 127.0.0.1:${port};
    root ${dir};
    location / { default_type "text/html; charset=utf-8"; try_files /page.html =404; }
  }
}
`);
  const proc = spawn('nginx', ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const { res } = await get(`${base}/`);
      if (res.statusCode === 200) return { proc, base };
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('nginx did not start');
}

/** Runs a program to its end without blocking the event loop: `{ stdout, stderr }`. */
export function run(cmd, args) {
  return new Promise((ok, fail) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err) fail(new Error(`${cmd} failed: ${err.message}\n${stderr}`));
      else ok({ stdout, stderr });
    });
  });
}

const WRK_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"mean_us":%f,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
`;

/** Runs wrk (asynchronously: memory can be sampled meanwhile); resolves to requests/s,
 * latencies in ms and errors. */
export async function wrk(url, { connections, seconds = 10, threads = 2, headers = {} }) {
  const script = join(tempDir('wrk'), 'report.lua');
  writeFileSync(script, WRK_SCRIPT);
  const args = ['-t', String(Math.min(threads, connections)), '-c', String(connections),
    '-d', `${seconds}s`, '--timeout', '10s', '-s', script];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const out = await run('wrk', args);
  const line = out.stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk failed: ${out.stdout}\n${out.stderr}`);
  const r = JSON.parse(line.slice('WRK_JSON '.length));
  return {
    connections,
    seconds,
    requests: r.requests,
    rps: r.requests / (r.duration_us / 1e6),
    mbPerSec: r.bytes / (r.duration_us / 1e6) / 1e6,
    latencyMs: {
      mean: r.mean_us / 1000, p50: r.p50_us / 1000, p90: r.p90_us / 1000,
      p99: r.p99_us / 1000, max: r.max_us / 1000,
    },
    errors: { connect: r.connect, read: r.read, write: r.write, status: r.status, timeout: r.timeout },
    errorCount: r.connect + r.read + r.write + r.status + r.timeout,
  };
}

/** What the numbers were measured on. */
export function machine() {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = cpuinfo.match(/^model name\s*:\s*(.*)$/m)?.[1] ?? 'unknown';
  const mhz = cpuinfo.match(/^cpu MHz\s*:\s*(.*)$/m)?.[1];
  const sh = (cmd, args) => {
    try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return ''; }
  };
  return {
    cpu: `${model}${mhz ? ` @ ${Math.round(Number(mhz))} MHz` : ''}`,
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30 * 10) / 10,
    disk: sh('sh', ['-c', `df -h ${ROOT} | tail -1 | awk '{print $1" "$2" ("$5" used)"}'`]),
    kernel: sh('uname', ['-r']),
    loadBefore: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    serverBinary: sh('sh', ['-c', `ls -l --time-style=+%FT%T ${SERVER_BIN} | awk '{print $6}'`]),
    wrk: sh('sh', ['-c', 'wrk -v 2>&1 | head -1']),
    nginx: sh('sh', ['-c', 'nginx -v 2>&1']),
    sqlite: sh('sqlite3', ['--version']).split(' ')[0],
    date: new Date().toISOString(),
  };
}

export function writeResult(name, data) {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
