// Several release instances on one PostgreSQL database behind nginx, all started here as
// the current user (no system service): used by the cluster test (end2end/cluster/) and the
// rolling-restart and scale benchmarks. nginx includes deploy/nginx/pas-a-pas-proxy.conf
// as it is, with an upstream like the one of deploy/nginx/pas-a-pas.conf.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';

import { ROOT, SERVER_BIN, SITE_ROOT, tempDir } from './lib.mjs';

export const PROXY_CONF = join(ROOT, 'deploy/nginx/pas-a-pas-proxy.conf');
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `bash .ci/postgres`: starts the local PostgreSQL; its admin URL. */
export function postgresAdmin() {
  return execFileSync('bash', [join(ROOT, '.ci/postgres')], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export function psql(url, sql) {
  return execFileSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-Atq', '-c', sql], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20,
  });
}

/** A new, empty database `name` (dropped first if it exists); its URL. */
export function freshDatabase(admin, name) {
  psql(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  psql(admin, `CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * `count` learners with codes P0000001… in the demo structure, followed by the demo
 * volunteer (the database must have been made by `server serve --demo`).
 */
export function addLearners(url, count) {
  psql(url, `
    INSERT INTO learner (structure_id, volunteer_id, first_name, code, created_at,
                         last_active_at, notes_consent, privacy_seen_at, text_size,
                         high_contrast, reduce_motion)
    SELECT s.structure_id, s.id, 'Apprenant ' || i, 'P' || lpad(i::text, 7, '0'),
           extract(epoch from now())::bigint, NULL, true, extract(epoch from now())::bigint,
           0, false, false
    FROM generate_series(1, ${count}) AS i,
         (SELECT id, structure_id FROM staff WHERE username = 'demo.benevole') AS s
    ON CONFLICT (code) DO NOTHING`);
}

/** One release instance: `server serve` on `port`. */
export class Instance {
  constructor({ port, databaseUrl, publicUrl, env = {}, demo = false, logDir }) {
    Object.assign(this, { port, databaseUrl, publicUrl, env, demo, logDir });
    this.base = `http://127.0.0.1:${port}`;
    this.proc = null;
  }

  /** Starts it; resolves once /readyz answers 200 (with the time it took, in ms). */
  async start() {
    const t0 = performance.now();
    const log = join(this.logDir, `instance-${this.port}.log`);
    const out = openSync(log, 'a');
    this.proc = spawn(SERVER_BIN, ['serve', ...(this.demo ? ['--demo'] : [])], {
      env: {
        ...process.env,
        PAP_ADDR: `127.0.0.1:${this.port}`,
        DATABASE_URL: this.databaseUrl,
        PAP_PUBLIC_URL: this.publicUrl,
        PAP_TRUST_PROXY: 'true',
        LEPTOS_SITE_ROOT: SITE_ROOT,
        PAP_CONTENT_DIR: process.env.PAP_CONTENT_DIR ?? join(ROOT, 'content'),
        RUST_LOG: process.env.RUST_LOG ?? 'warn',
        ...this.env,
      },
      stdio: ['ignore', out, out],
    });
    const proc = this.proc;
    let exited = null;
    proc.on('exit', (code, signal) => { exited = code ?? signal; });
    for (;;) {
      if (exited !== null) {
        throw new Error(`instance ${this.port} exited (${exited}): ${readFileSync(log, 'utf8').slice(-2000)}`);
      }
      const r = await request(`${this.base}/readyz`).catch(() => null);
      if (r?.status === 200) break;
      if (performance.now() - t0 > 60_000) throw new Error(`instance ${this.port}: not ready in 60 s`);
      await sleep(20);
    }
    return performance.now() - t0;
  }

  /** SIGTERM; resolves when the process ended (SIGKILL after `killAfterMs`). */
  stop(killAfterMs = 30_000) {
    const proc = this.proc;
    return new Promise((ok) => {
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return ok(null);
      const t0 = performance.now();
      const kill = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
      proc.on('exit', (code, signal) => {
        clearTimeout(kill);
        ok({ code, signal, ms: performance.now() - t0 });
      });
      proc.kill('SIGTERM');
    });
  }

  get pid() { return this.proc?.pid; }
}

/** The upstream lines: the same parameters as deploy/nginx/pas-a-pas.conf. */
export function upstream(ports) {
  const conf = readFileSync(join(ROOT, 'deploy/nginx/pas-a-pas.conf'), 'utf8');
  const block = conf.match(/upstream pas_a_pas \{([\s\S]*?)\n\}/)[1];
  const servers = block.split('\n').filter((l) => /^\s*server\s/.test(l));
  const params = servers[0].trim().replace(/^server\s+\S+\s*/, '').replace(/;$/, '');
  const rest = block.split('\n').filter((l) => /^\s*(keepalive\w*)\s/.test(l)).join('\n');
  return `upstream pas_a_pas {
${ports.map((p) => `    server 127.0.0.1:${p} ${params};`).join('\n')}
${rest}
}`;
}

/** Debian's nginx as the current user, in front of `ports`, listening on `port`. */
export async function startNginx({ port, ports, dir, accessLog = false, workers = 1 }) {
  chmodSync(dir, 0o755);
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
daemon off;
worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  ${accessLog ? `log_format up '$status $request_method $uri up=$upstream_addr upstatus=$upstream_status';
  access_log ${dir}/nginx-access.log up;` : 'access_log off;'}
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  ${upstream(ports)}
  server {
    listen 127.0.0.1:${port};
    include ${PROXY_CONF};
  }
}
`);
  const proc = spawn('nginx', ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = null;
  proc.on('exit', (code) => { exited = code; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (exited !== null) throw new Error(`nginx exited (${exited}); see ${dir}/nginx-error.log`);
    const r = await request(`${base}/`).catch(() => null);
    if (r && r.status !== 502) return { proc, base, conf, dir };
    await sleep(50);
  }
  throw new Error('nginx did not start');
}

export function stopProcess(proc) {
  return new Promise((ok) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return ok();
    proc.on('exit', () => ok());
    proc.kill('SIGTERM');
    setTimeout(() => proc.kill('SIGKILL'), 10_000).unref();
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One HTTP request: `{ status, headers, body, location, cookies }`. `form` (an object)
 * makes it a POST of an urlencoded form, with `origin` as Origin (the public URL: also
 * when the request goes to an instance directly).
 */
export function request(url, { method, form, multipart, cookie, origin, headers = {}, timeoutMs = 30_000 } = {}) {
  const parts = multipart ? encodeMultipart(multipart) : null;
  const body = parts ? parts.body : form ? new URLSearchParams(form).toString() : null;
  const u = new URL(url);
  return new Promise((ok, fail) => {
    const req = http.request(url, {
      method: method ?? (body !== null ? 'POST' : 'GET'),
      agent,
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(body !== null ? {
          'content-type': parts ? parts.type : 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin: origin ?? u.origin,
          referer: `${origin ?? u.origin}/`,
        } : {}),
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      timeout: timeoutMs,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        raw: Buffer.concat(chunks),
        location: res.headers.location ?? null,
        cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]),
      }));
      res.on('error', fail);
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method ?? 'GET'} ${url}`)));
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}

/**
 * A multipart/form-data body: `fields` maps each name to a string or to
 * `{ filename, type, bytes }` (a file).
 */
function encodeMultipart(fields) {
  const boundary = `----pap${Math.random().toString(16).slice(2)}`;
  const chunks = [];
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n`
        + `Content-Type: ${value.type}\r\n\r\n`), Buffer.from(value.bytes), Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The session cookie set by a response, if any. */
export const sessionCookie = (r) => r.cookies.find((c) => c.startsWith('pap_session=')) ?? null;

export function tmp(prefix) {
  return tempDir(prefix);
}
