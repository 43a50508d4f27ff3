// The agenda at the size of a real territory (issue 20): one structure with 50 volunteers
// in 4 zones, 5 000 learners and 20 000 appointments (a year of past visits and the coming
// weeks), every volunteer available for home visits Monday to Friday, 9–12 h and 14–17 h.
// Measures, on the release server and SQLite, the time of each answer as seen from a
// client on the same machine (sequential requests, so the time is the server's and the
// loopback's): the shared week (everyone, one zone, one volunteer), the call form
// proposing the next free slots of a zone, and a booking. The goal is ≤ 50 ms each.
// The number of queries per page is counted by `server/tests/it/queries.rs`.
// Writes end2end/perf/results/agenda.json.
//
// Usage: node end2end/perf/agenda-bench.mjs [--requests 200] [--bookings 50]
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  ROOT, get, machine, memory, postForm, round, startServer, stop, tempDir, writeResult,
} from './lib.mjs';

const PORT = 3193;
const VOLUNTEERS = 50;
const LEARNERS = 5000;
const APPOINTMENTS = 20000;
const ZONES = 4;
const COMMUNES_PER_ZONE = 10;

function parseArgs(argv) {
  const opts = { requests: 200, bookings: 50 };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--requests') opts.requests = Number(argv[++i]);
    else if (argv[i] === '--bookings') opts.bookings = Number(argv[++i]);
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return opts;
}

const sql = (db, script) =>
  execFileSync('sqlite3', [db], { input: script, encoding: 'utf8', maxBuffer: 256 << 20 });

const iso = (d) => d.toISOString().slice(0, 10);

/** Monday of this week (UTC), as a Date. */
function thisMonday() {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d;
}

const commune = (z, c) => ({ postcode: `649${z}${c}`, name: `Commune ${z}-${c}` });

/**
 * `server demo`, then the territory in bulk with SQL, in the demo coordinator's structure:
 * zones and communes, 48 more volunteers (with the two demo ones, 50), their weekly home
 * visits, learners, and appointments (each volunteer's own slots, so the unique key holds).
 */
function generate(db) {
  execFileSync(join(ROOT, 'target/release/server'), ['demo'], {
    env: { ...process.env, DATABASE_URL: `sqlite://${db}`, RUST_LOG: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [structure, hash, l0] = sql(db,
    "SELECT structure_id, password_hash, (SELECT max(id) FROM learner) FROM staff WHERE username = 'demo.coordination';")
    .trim().split('|').map((x, i) => (i === 1 ? x : Number(x)));
  const demoStaff = sql(db,
    `SELECT id FROM staff WHERE structure_id = ${structure} AND is_volunteer = 1 ORDER BY id;`)
    .trim().split('\n').map(Number);
  const lines = ['PRAGMA synchronous = OFF;', 'PRAGMA foreign_keys = ON;', 'BEGIN;'];
  const now = Math.floor(Date.now() / 1000);
  const zoneIds = [];
  for (let z = 1; z <= ZONES; z++) {
    lines.push(`INSERT INTO zone (structure_id, name, name_key, created_at) VALUES (${structure}, 'Zone ${z}', 'zone-${z}', ${now});`);
    zoneIds.push(`(SELECT id FROM zone WHERE structure_id = ${structure} AND name = 'Zone ${z}')`);
    for (let c = 1; c <= COMMUNES_PER_ZONE; c++) {
      const { postcode, name } = commune(z, c);
      lines.push(`INSERT INTO zone_commune (structure_id, zone_id, postcode, name, name_key) VALUES (${structure}, ${zoneIds[z - 1]}, '${postcode}', '${name}', '${name.toLowerCase().replace(/ /g, '-')}');`);
    }
  }
  const staff = [...demoStaff];
  for (let i = 1; staff.length < VOLUNTEERS; i++) {
    lines.push(`INSERT INTO staff (structure_id, username, display_name, password_hash, is_volunteer, is_trainer, is_coordinator, created_at) VALUES (${structure}, 'agenda.${i}', 'Bénévole ${i}', '${hash}', 1, 0, 0, ${now});`);
    staff.push(`(SELECT id FROM staff WHERE username = 'agenda.${i}')`);
  }
  staff.forEach((s, v) => {
    const zone = zoneIds[v % ZONES];
    lines.push(`INSERT INTO zone_volunteer (zone_id, staff_id) VALUES (${zone}, ${s});`);
    for (let weekday = 1; weekday <= 5; weekday++) {
      for (const [start, end] of [[540, 720], [840, 1020]]) {
        lines.push(`INSERT INTO availability (structure_id, staff_id, weekday, day, start_minute, end_minute, place_id, created_at) VALUES (${structure}, ${s}, ${weekday}, NULL, ${start}, ${end}, NULL, ${now});`);
        lines.push(`INSERT INTO availability_zone (availability_id, zone_id) VALUES (last_insert_rowid(), ${zone});`);
      }
    }
  });
  lines.push(`CREATE TEMP TABLE n(i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${LEARNERS}) INSERT INTO n SELECT i FROM c;
CREATE TEMP TABLE vol(k INTEGER PRIMARY KEY, id INTEGER);
INSERT INTO vol SELECT row_number() OVER (ORDER BY id) - 1, id FROM staff WHERE structure_id = ${structure} AND is_volunteer = 1;
INSERT INTO learner (id, structure_id, volunteer_id, first_name, code, created_at, last_active_at, notes_consent, privacy_seen_at, text_size, high_contrast, reduce_motion)
  SELECT ${l0} + i, ${structure}, (SELECT id FROM vol WHERE k = i % ${VOLUNTEERS}),
         'Personne ' || i, printf('A%07d', i), ${now} - 8640000, ${now} - (i % 30) * 86400, 1, ${now} - 8640000, 0, 0, 0
  FROM n;`);
  // Appointment j: volunteer j % 50, that volunteer's (j / 50)-th slot: 8 a week (Monday to
  // Friday at 9 h, then Monday to Wednesday at 10 h), 50 weeks from 35 weeks ago.
  const monday = thisMonday();
  const statuses = ['venu', 'venu', 'venu', 'venu', 'venu', 'venu', 'absent', 'excuse', 'annule', 'venu'];
  const values = [];
  for (let j = 0; j < APPOINTMENTS; j++) {
    const v = j % VOLUNTEERS;
    const slot = Math.floor(j / VOLUNTEERS);
    const week = Math.floor(slot / 8) - 35;
    const k = slot % 8;
    const day = new Date(monday);
    day.setUTCDate(day.getUTCDate() + week * 7 + (k % 5));
    const start = 540 + 60 * Math.floor(k / 5);
    const status = week < 0 ? statuses[j % statuses.length] : 'a-venir';
    const holds = status === 'annule' || status === 'excuse' ? 'NULL' : '1';
    const z = (v % ZONES) + 1;
    const { name } = commune(z, (j % COMMUNES_PER_ZONE) + 1);
    values.push(`(${structure}, ${staff[v]}, 'domicile', NULL, ${zoneIds[z - 1]}, '${iso(day)}', ${start}, ${start + 60}, ${holds}, NULL, ${l0 + 1 + (j % LEARNERS)}, NULL, '${name}', '${status}', NULL, ${staff[v]}, ${now})`);
  }
  for (let i = 0; i < values.length; i += 500) {
    lines.push(`INSERT INTO appointment (structure_id, staff_id, kind, place_id, zone_id, day, start_minute, end_minute, holds_slot, capacity, learner_id, call_id, commune, status, recalled_at, created_by, created_at) VALUES ${values.slice(i, i + 500).join(',\n')};`);
  }
  lines.push('COMMIT;', 'ANALYZE;');
  sql(db, lines.join('\n'));
  execFileSync('sync');
  const counts = sql(db, `SELECT (SELECT count(*) FROM staff WHERE structure_id = ${structure} AND is_volunteer = 1),
    (SELECT count(*) FROM learner WHERE structure_id = ${structure}),
    (SELECT count(*) FROM appointment WHERE structure_id = ${structure});`).trim().split('|').map(Number);
  return { volunteers: counts[0], learners: counts[1], appointments: counts[2] };
}

async function staffCookie(base, username) {
  const { res } = await postForm(`${base}/api/benevole/connexion`, { username, password: 'demo-pas-a-pas' });
  const cookie = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0])
    .find((c) => c.startsWith('pap_staff=') || c.startsWith('pap_session='));
  if (!cookie) throw new Error(`cannot sign in ${username}: ${res.statusCode}`);
  return cookie;
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { n: s.length, p50Ms: round(at(0.5), 2), p95Ms: round(at(0.95), 2), p99Ms: round(at(0.99), 2), maxMs: round(s[s.length - 1], 2) };
}

/** `n` sequential GETs of `path`; fails on anything but 200 or on `expect` missing. */
async function measure(base, path, cookie, n, expect) {
  const times = [];
  let bytes = 0;
  for (let i = 0; i < n + 5; i++) {
    const t0 = performance.now();
    const { res, body } = await get(`${base}${path}`, { cookie, 'accept-encoding': 'identity' });
    const t = performance.now() - t0;
    if (res.statusCode !== 200) throw new Error(`${path}: ${res.statusCode} ${body.slice(0, 200)}`);
    if (expect && !body.includes(expect)) throw new Error(`${path}: no «${expect}» in the page`);
    if (i >= 5) times.push(t); // the first five warm the caches
    bytes = body.length;
  }
  return { path, bytes, ...stats(times) };
}

const hidden = (body, name) => body.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1];

const opts = parseArgs(process.argv.slice(2));
const dir = tempDir('pap-agenda-');
const db = join(dir, 'agenda.sqlite');
const t0 = performance.now();
const size = generate(db);
console.log(`[agenda] ${size.volunteers} volunteers, ${size.learners} learners, ${size.appointments} appointments generated in ${round((performance.now() - t0) / 1000)} s`);
const server = await startServer({ port: PORT, db, content: join(ROOT, 'content') });
try {
  const { base } = server;
  const coordinator = await staffCookie(base, 'demo.coordination');
  const volunteer = await staffCookie(base, 'demo.benevole');
  // Next week: its appointments and every free slot around them (this week may be over).
  const next = thisMonday();
  next.setUTCDate(next.getUTCDate() + 7);
  const monday = iso(next);
  const zone1 = sql(db, "SELECT id FROM zone WHERE name = 'Zone 1';").trim();
  const pages = [];
  pages.push({ what: 'week, everyone (coordinator)', ...await measure(base, `/benevole/agenda?semaine=${monday}`, coordinator, opts.requests, 'Commune ') });
  pages.push({ what: 'week, one zone', ...await measure(base, `/benevole/agenda?semaine=${monday}&zone=${zone1}`, coordinator, opts.requests, 'Commune 1-') });
  pages.push({ what: 'week, everyone (volunteer)', ...await measure(base, `/benevole/agenda?semaine=${monday}`, volunteer, opts.requests, 'Commune ') });
  // The call: "Voir les créneaux libres" keeps the draft and shows the zone's next slots.
  const form = await get(`${base}/benevole/appel`, { cookie: coordinator });
  const call = {
    first_name: 'Marcelle', reach: 'aucun', phone: '', postcode: '64913', commune: 'Commune 1-3',
    need: 'email', note: '', availability: '', mode: '', action: 'voir', once: hidden(form.body, 'once'),
  };
  const seen = await postForm(`${base}/api/appel`, call, { cookie: coordinator });
  const slotsPage = seen.res.headers.location?.split('#')[0];
  if (!slotsPage?.includes('brouillon=')) throw new Error(`the call was not kept: ${seen.res.statusCode} ${seen.res.headers.location}`);
  pages.push({ what: 'call form with the next free slots', ...await measure(base, slotsPage, coordinator, opts.requests, 'name="slot"') });
  // Bookings: each takes the first slot proposed (one-time token from the form page).
  const bookings = [];
  for (let i = 0; i < opts.bookings; i++) {
    const page = await get(`${base}${slotsPage}`, { cookie: coordinator });
    const slot = hidden(page.body, 'slot') ?? page.body.match(/name="slot"[^>]*value="([^"]+)"/)?.[1];
    const once = hidden(page.body, 'once');
    if (!slot || !once) throw new Error('no slot or no token on the call page');
    const t1 = performance.now();
    const r = await postForm(`${base}/api/appel`, { ...call, first_name: `Marcelle ${i}`, action: 'reserver', slot, once }, { cookie: coordinator });
    const t = performance.now() - t1;
    if (!r.res.headers.location?.startsWith('/benevole/agenda/rdv/')) {
      throw new Error(`booking ${i}: ${r.res.statusCode} ${r.res.headers.location}`);
    }
    bookings.push(t);
  }
  const booking = { what: 'booking a slot (POST)', ...stats(bookings) };
  const rss = memory(server.pid);
  for (const p of [...pages, booking]) {
    console.log(`[agenda] ${p.what}: p50 ${p.p50Ms} ms, p95 ${p.p95Ms} ms, p99 ${p.p99Ms} ms, max ${p.maxMs} ms${p.bytes ? `, ${p.bytes} bytes` : ''}`);
  }
  const worst = Math.max(...[...pages, booking].map((p) => p.p95Ms));
  console.log(`[agenda] goal ≤ 50 ms: ${worst <= 50 ? 'met' : 'NOT met'} (worst p95 ${worst} ms); RSS ${round(rss.rssMiB, 1)} MiB (peak ${round(rss.hwmMiB, 1)})`);
  const file = writeResult('agenda', { machine: machine(), size, pages, booking, rss });
  console.log(`[agenda] results in ${file}`);
} finally {
  await stop(server.proc);
}
