// Page weight of a lesson step page, as a browser loads it: every resource of the critical
// path (HTML, CSS, JS, WebAssembly), raw and compressed as the server sends it (brotli or
// gzip), plus gzip -9 for reference. Fails over budget:
//   - critical path ≤ 100 KiB compressed;
//   - JS + WebAssembly ≤ 75 KiB compressed.
// A step is measured with its recording's player ("Écouter cette étape"), once the server
// has made the recordings (in the background after start-up; up to 5 minutes): the audio
// must not be downloaded with the page (`preload="none"`), only its player's markup counts.
// Starts the release server itself (target/release/server) on a fresh database.
//
// Usage: node end2end/perf/page-weight.mjs [path ...]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PORT = 3190;
const BASE = `http://127.0.0.1:${PORT}`;
const PAGES = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['/modules/email-la-poste/adresse-enveloppe/adresse'];
const KIB = 1024;
const BUDGET_TOTAL = 100 * KIB;
const BUDGET_SCRIPT = 75 * KIB;

function get(url) {
  return new Promise((ok, fail) => {
    http
      .get(url, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => ok({ res, body: Buffer.concat(chunks) }));
      })
      .on('error', fail);
  });
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      const { res } = await get(`${BASE}/healthz`);
      if (res.statusCode === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server did not start');
}

function kind(contentType, url) {
  if (/text\/html/.test(contentType)) return 'html';
  if (/text\/css/.test(contentType)) return 'css';
  if (/javascript/.test(contentType)) return 'js';
  if (/application\/wasm/.test(contentType) || url.endsWith('.wasm')) return 'wasm';
  return 'other';
}

const fmt = (n) => `${(n / KIB).toFixed(1).padStart(7)} KiB`;

/** The page's HTML as served, decompressed. */
async function html(path) {
  const { res, body } = await get(BASE + path);
  const encoding = res.headers['content-encoding'] ?? 'identity';
  const raw = encoding === 'br' ? brotliDecompressSync(body)
    : encoding === 'gzip' ? gunzipSync(body) : body;
  return raw.toString('utf8');
}

/** Waits until a step page has its recording's player; its markup, or null after 5 min. */
async function waitForPlayer(path) {
  if (!path.startsWith('/modules/')) return null;
  const started = Date.now();
  while (Date.now() - started < 300_000) {
    const page = await html(path);
    const m = page.match(/<div class="step-audio">[\s\S]*?<\/audio>\s*<\/div>/);
    if (m) {
      console.log(`recording ready after ${((Date.now() - started) / 1000).toFixed(0)} s of waiting`);
      return m[0];
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  return null;
}

const dataDir = mkdtempSync(join(tmpdir(), 'pap-weight-'));
const server = spawn(join(ROOT, 'target/release/server'), ['serve', '--demo'], {
  env: {
    ...process.env,
    PAP_ADDR: `127.0.0.1:${PORT}`,
    DATABASE_URL: `sqlite://${join(dataDir, 'weight.db')}`,
    LEPTOS_SITE_ROOT: join(ROOT, 'target/site'),
    PAP_CONTENT_DIR: join(ROOT, 'content'),
    RUST_LOG: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});

let failed = false;
try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  for (const path of PAGES) {
    const player = await waitForPlayer(path);
    if (path.startsWith('/modules/') && !player) {
      console.error(`FAIL: no recording player on ${path} (are espeak-ng and lame installed?)`);
      failed = true;
    }
    const page = await browser.newPage();
    const urls = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(BASE + path, { waitUntil: 'networkidle' });
    await page.close();
    const rows = [];
    let pageHtml = '';
    for (const url of [...new Set(urls)]) {
      if (url.endsWith('/favicon.svg')) continue; // not on the critical path
      const { res, body } = await get(url);
      const encoding = res.headers['content-encoding'] ?? 'identity';
      const raw = encoding === 'br' ? brotliDecompressSync(body)
        : encoding === 'gzip' ? gunzipSync(body) : body;
      if (kind(res.headers['content-type'] ?? '', url) === 'html') pageHtml = raw.toString('utf8');
      rows.push({
        url: url.replace(BASE, ''),
        kind: kind(res.headers['content-type'] ?? '', url),
        raw: raw.length,
        served: body.length,
        encoding,
        gzip: gzipSync(raw, { level: 9 }).length,
      });
    }
    console.log(`\nPage weight of ${path}`);
    console.log('kind   raw          served       (encoding)  gzip -9      resource');
    for (const r of rows) {
      console.log(`${r.kind.padEnd(6)} ${fmt(r.raw)}  ${fmt(r.served)}  ${r.encoding.padEnd(10)}  ${fmt(r.gzip)}  ${r.url}`);
    }
    const sum = (pred, key) => rows.filter(pred).reduce((n, r) => n + r[key], 0);
    for (const k of ['html', 'css', 'js', 'wasm']) {
      const sel = (r) => r.kind === k;
      console.log(`total ${k.padEnd(5)} raw ${fmt(sum(sel, 'raw'))}  compressed ${fmt(sum(sel, 'served'))}  gzip -9 ${fmt(sum(sel, 'gzip'))}`);
    }
    const critical = (r) => r.kind !== 'other';
    const script = (r) => r.kind === 'js' || r.kind === 'wasm';
    const total = sum(critical, 'served');
    const scripts = sum(script, 'served');
    if (player && pageHtml.includes(player)) {
      // What the player adds to the page, compressed as the server does (gzip level 5).
      const gz = (text) => gzipSync(Buffer.from(text), { level: 5 }).length;
      const withIt = gz(pageHtml);
      const without = gz(pageHtml.replace(player, ''));
      console.log(`recording player: ${player.length} bytes of markup; the page ${withIt} bytes gzip with it, ${without} without (+${withIt - without})`);
    }
    if (rows.some((r) => r.url.startsWith('/audio/'))) {
      console.error('FAIL: the recording was downloaded with the page (it must wait for "play")');
      failed = true;
    }
    console.log(`critical path compressed: ${fmt(total)} (budget ${fmt(BUDGET_TOTAL)})`);
    console.log(`JS + WebAssembly compressed: ${fmt(scripts)} (budget ${fmt(BUDGET_SCRIPT)})`);
    if (!rows.some((r) => r.kind === 'wasm')) {
      console.error('FAIL: the WebAssembly bundle was not loaded; is the page hydrating?');
      failed = true;
    }
    if (total > BUDGET_TOTAL || scripts > BUDGET_SCRIPT) {
      console.error('FAIL: over the page-weight budget');
      failed = true;
    }
  }
  await browser.close();
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
