// The cluster test (run by .ci/test after the release build): PostgreSQL from Debian, three
// release instances on one database and Debian's nginx in front with the repository's
// configuration (deploy/nginx/pas-a-pas-proxy.conf), all started here as the current user.
// Each check goes through the load balancer AND to each instance directly, with requests
// alternating between them, right after the other instances have the user in their caches:
// a cache that one instance keeps to itself (sign-out, a disabled account, a replaced code
// or comfort settings seen late, lessons edited in the browser), a one-time token or a
// throttle counted per instance makes it fail.
//
//   node end2end/cluster/check.mjs        (build first: bash .ci/build)
//
// Ports: nginx on PAP_CLUSTER_PORT (default 3135), the instances on the next three.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import {
  Instance, addLearners, freshDatabase, postgresAdmin, psql, sleep, startNginx, stopProcess,
  tmp, request, sessionCookie,
} from '../perf/cluster.mjs';
import { ROOT } from '../perf/lib.mjs';
import { lessonStarts, nextForm, runLearners, signIn } from '../perf/learner-load.mjs';

const nginxPort = Number(process.env.PAP_CLUSTER_PORT ?? 3135);
const ports = [nginxPort + 1, nginxPort + 2, nginxPort + 3];
const dir = tmp('cluster');
const admin = postgresAdmin();
const databaseUrl = freshDatabase(admin, 'pap_cluster_check');
const publicUrl = `http://127.0.0.1:${nginxPort}`;
// Each instance has its own copy of content/, as on separate machines: what one instance
// learns only from its own disk (a lesson edited in the browser) never reaches the others.
const contentDir = process.env.PAP_CONTENT_DIR ?? join(ROOT, 'content');
const instances = ports.map((port, i) => {
  const own = join(dir, `content-${port}`);
  cpSync(contentDir, own, { recursive: true });
  return new Instance({
    port, databaseUrl, publicUrl, demo: i === 0, logDir: dir,
    env: { PAP_SHUTDOWN_DRAIN: '2', PAP_CONTENT_DIR: own },
  });
});
const PASSWORD = 'demo-pas-a-pas';
const code = (i) => `P${String(i).padStart(7, '0')}`;
const learnerId = (c) => Number(psql(databaseUrl, `SELECT id FROM learner WHERE code = '${c}'`).trim());

let nginx;
let failures = 0;
const t0 = performance.now();
async function check(name, body) {
  const started = performance.now();
  try {
    await body();
    console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
  } catch (e) {
    failures += 1;
    console.log(`FAIL ${name}\n     ${String(e.stack ?? e).split('\n').join('\n     ')}`);
  }
}

/** The four ways in: the load balancer and each instance. */
const ways = () => [
  { name: 'nginx', base: nginx.base },
  ...instances.map((i) => ({ name: `instance ${i.port}`, base: i.base })),
];
const get = (way, path, cookie) => request(`${way.base}${path}`, { cookie });
const post = (way, path, form, cookie, headers) =>
  request(`${way.base}${path}`, { form, cookie, origin: publicUrl, headers });

async function staffSignIn(way, username, password = PASSWORD, headers = {}) {
  const r = await post(way, '/api/benevole/connexion', { username, password }, null, headers);
  return { location: r.location, cookie: sessionCookie(r) };
}

try {
  // One after the other: the first one migrates and creates the demo data.
  for (const instance of instances) await instance.start();
  addLearners(databaseUrl, 20);
  nginx = await startNginx({ port: nginxPort, ports, dir, accessLog: true });
  const [lb, a, b, c] = ways();
  console.log(`three instances (${ports.join(', ')}) on PostgreSQL, nginx on ${nginxPort}; logs in ${dir}`);

  await check('nginx spreads requests over every instance and hides the health routes', async () => {
    const seen = new Set();
    for (let i = 0; i < 9; i++) {
      const r = await get(lb, '/');
      assert.equal(r.status, 200);
    }
    const log = readFileSync(`${dir}/nginx-access.log`, 'utf8');
    for (const m of log.matchAll(/up=127\.0\.0\.1:(\d+)/g)) seen.add(Number(m[1]));
    assert.deepEqual([...seen].sort(), ports, log);
    assert.equal((await get(lb, '/readyz')).status, 404);
    for (const w of [a, b, c]) assert.equal((await get(w, '/readyz')).status, 200, w.name);
  });

  await check('a sign-in on one way in is valid on every other', async () => {
    let n = 1;
    for (const via of [a, b, c, lb]) {
      const c = code(n++);
      const cookie = await signIn(via.base, c, publicUrl);
      for (const other of ways()) {
        const home = await get(other, '/', cookie);
        assert.equal(home.status, 200, `${other.name}`);
        assert.match(home.body, new RegExp(`Apprenant ${n - 1}\\b`), `signed in on ${via.name}, not known on ${other.name}`);
      }
    }
  });

  await check('a sign-out takes effect on every instance for the very next request', async () => {
    const step = (await lessonStarts(lb.base, await signIn(lb.base, code(19), publicUrl)))[0];
    let n = 4;
    for (const [into, outOf] of [[a, b], [lb, a], [b, c], [c, lb]]) {
      const who = `Apprenant ${n}`;
      const cookie = await signIn(into.base, code(n++), publicUrl);
      // Every instance has her in its caches (who she is, her step page).
      for (const w of ways()) {
        for (let i = 0; i < 2; i++) {
          const page = await get(w, step, cookie);
          assert.ok(page.body.includes(who), `${w.name} does not know ${who}: ${page.status}`);
        }
      }
      const out = await post(outOf, '/api/deconnexion', {}, cookie);
      assert.equal(out.status, 302, out.body.slice(0, 300));
      for (const w of ways()) {
        const page = await get(w, step, cookie);
        assert.ok(!page.body.includes(who), `signed out on ${outOf.name}, still signed in on ${w.name}`);
        const home = await get(w, '/', cookie);
        assert.ok(!home.body.includes(who), `signed out on ${outOf.name}, home still greets her on ${w.name}`);
      }
    }
  });

  await check('a replaced code (lost card) ends the learner\'s sessions everywhere at once', async () => {
    const staff = await staffSignIn(lb, 'demo.benevole');
    assert.equal(staff.location, '/benevole');
    const c = code(8);
    const cookies = [await signIn(a.base, c, publicUrl), await signIn(b.base, c, publicUrl)];
    for (const w of ways()) for (const k of cookies) assert.match((await get(w, '/', k)).body, /Apprenant 8\b/);
    const r = await post(a, '/api/benevole/nouveau-code', { id: String(learnerId(c)) }, staff.cookie);
    assert.equal(r.status, 302, r.body.slice(0, 300));
    for (const w of ways()) {
      for (const k of cookies) {
        assert.doesNotMatch((await get(w, '/', k)).body, /Apprenant 8\b/, `old card still signed in on ${w.name}`);
      }
    }
    assert.notEqual((await request(`${lb.base}/api/connexion`, { form: { code: c }, origin: publicUrl })).location, '/');
  });

  await check('the same session form posted to both instances and through nginx saves one session', async () => {
    const staff = await staffSignIn(lb, 'demo.benevole');
    const id = String(learnerId(code(9)));
    const form = await get(a, `/benevole/apprenants/${id}/seance`, staff.cookie);
    const once = form.body.match(/name="once" value="([^"]+)"/)?.[1];
    assert.ok(once, `no one-time token in the session form: ${form.status}`);
    const date = new Date().toISOString().slice(0, 10);
    const fields = { once, learner: id, single: id, date, kind: 'domicile', minutes: '60' };
    const answers = await Promise.all([a, b, c, lb].map((w) => post(w, '/api/seance', fields, staff.cookie)));
    answers.push(await post(b, '/api/seance', fields, staff.cookie), await post(lb, '/api/seance', fields, staff.cookie));
    const visits = psql(databaseUrl, `SELECT id FROM visit`).split('\n').filter(Boolean);
    assert.equal(visits.length, 1, `${visits.length} sessions saved`);
    for (const r of answers) assert.equal(r.location, `/benevole/seances/${visits[0]}`, `${r.status} ${r.body.slice(0, 200)}`);
  });

  await check('the sign-in throttle counts across instances (directly and through nginx)', async () => {
    // Directly, as nginx would send it: the client's address in X-Forwarded-For.
    const xff = { 'x-forwarded-for': '198.51.100.7' };
    // Five wrong passwords are free, the sixth is checked at once, the next ones wait (one
    // a minute); counted per instance, each would have had only three.
    for (let i = 0; i < 6; i++) {
      const r = await staffSignIn(i % 2 ? b : a, 'demo.formateur', 'pas-le-bon', xff);
      assert.equal(r.location, '/benevole/connexion?erreur=identifiants', `try ${i + 1}`);
    }
    // The seventh, on either instance, even with the right password: wait.
    for (const w of [b, a]) {
      const r = await staffSignIn(w, 'demo.formateur', PASSWORD, xff);
      assert.match(r.location ?? '', /erreur=attendre/, `${w.name} counted only its own tries`);
    }
    // Another address is not slowed down.
    const other = await staffSignIn(b, 'demo.formateur', PASSWORD, { 'x-forwarded-for': '198.51.100.8' });
    // A trainer-only account lands on the trainer's area.
    assert.equal(other.location, '/formateur');
    // Through nginx (round robin over both), with a forged X-Forwarded-For each time: the
    // instance takes the address nginx appends, so the forgery gains nothing.
    for (let i = 0; i < 6; i++) {
      const r = await staffSignIn(lb, 'inconnu.lb', 'faux', { 'x-forwarded-for': `203.0.113.${i}` });
      assert.equal(r.location, '/benevole/connexion?erreur=identifiants', `try ${i + 1} through nginx`);
    }
    const seventh = await staffSignIn(lb, 'inconnu.lb', 'faux', { 'x-forwarded-for': '203.0.113.99' });
    assert.match(seventh.location ?? '', /erreur=attendre/, 'through nginx: the tries were not counted together');
  });

  await check('a learner goes through a lesson with each page and save on another way in', async () => {
    const c = code(10);
    const cookie = await signIn(lb.base, c, publicUrl);
    const [start] = await lessonStarts(b.base, cookie);
    const all = ways();
    let path = start;
    const saved = [];
    for (let i = 0; i < 12; i++) {
      const page = await get(all[i % all.length], path, cookie);
      if (page.status === 302 || page.status === 303) { path = page.location.split('#')[0]; continue; }
      assert.equal(page.status, 200, `${all[i % all.length].name} ${path}`);
      const fields = nextForm(page.body);
      if (!fields) break;
      const r = await post(all[(i + 1) % all.length], '/api/suivant', fields, cookie);
      assert.equal(r.status, 302, r.body.slice(0, 300));
      assert.ok(!r.location.includes('enregistrement=echec'), `not saved: ${r.location}`);
      saved.push(fields.step);
      path = r.location.split('#')[0];
    }
    assert.ok(saved.length >= 3, `only ${saved.length} steps`);
    const inDb = psql(databaseUrl, `SELECT step FROM step_progress p JOIN learner l ON l.id = p.learner_id
      WHERE l.code = '${c}' AND completed_at IS NOT NULL`).split('\n').filter(Boolean);
    assert.deepEqual([...inDb].sort(), [...saved].sort());
  });

  await check('comfort settings chosen on one instance are used by every other at once', async () => {
    const cookie = await signIn(a.base, code(16), publicUrl);
    const [step] = await lessonStarts(lb.base, cookie);
    // Every instance has her (and her normal text size) in its caches.
    for (const w of ways()) assert.doesNotMatch((await get(w, step, cookie)).body, /<html class="texte-tres-grand"/, w.name);
    const r = await post(b, '/api/confort', { text_size: '2', back: '/' }, cookie);
    assert.equal(r.status, 302, r.body.slice(0, 300));
    // Without the comfort cookie the answer set: the account's settings, on every way in.
    for (const w of ways()) {
      const page = await get(w, step, cookie);
      assert.match(page.body, /<html class="texte-tres-grand"/, `large text chosen on ${b.name}, normal text on ${w.name}`);
    }
  });

  await check('a lesson edited in the browser reaches every instance within 2 s, with its conflicts, undo and images', async () => {
    const FILE = 'email-la-poste/adresse-enveloppe.md';
    const STEP = '/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier';
    const original = readFileSync(join(contentDir, FILE), 'utf8');
    const trainer = await staffSignIn(lb, 'demo.formateur');
    assert.ok(trainer.cookie, `the trainer is not signed in: ${trainer.location}`);
    /** The version a trainer opening the editor on `w` starts from (or the undo form's). */
    const base = async (w, form = 'formateur/enregistrer') => {
      const page = await get(w, `/formateur/editer?fichier=${encodeURIComponent(FILE)}`, trainer.cookie);
      assert.equal(page.status, 200, `${w.name}: ${page.body.slice(0, 300)}`);
      const found = page.body.match(new RegExp(`action="/api/${form}"[^]*?name="base" value="([^"]+)"`));
      assert.ok(found, `${w.name}: no ${form} form with a base version`);
      return found[1];
    };
    const publish = (w, text, from) =>
      post(w, '/api/formateur/enregistrer', { file: FILE, text, base: from, action: 'publier' }, trainer.cookie);
    /** Waits until every way in answers `path` as `served(answer)` wants; at most 2 s. */
    async function everywhereWithin2s(path, served, what) {
      const t0 = performance.now();
      for (const w of ways()) {
        for (;;) {
          const answer = await get(w, path);
          if (served(answer, w)) break;
          assert.ok(performance.now() - t0 < 2000, `${w.name}: ${what} not served after 2 s (${answer.status})`);
          await sleep(50);
        }
      }
    }
    const showing = (text, present = true) => [
      (page) => page.body.includes(text) === present,
      `${present ? '' : 'no more '}« ${text} »`,
    ];
    // Every instance has the step in its cache.
    for (const w of ways()) assert.equal((await get(w, STEP)).status, 200, w.name);
    const first = original.replace('Vous connaissez la lettre.', 'Publié par le test de grappe.');
    assert.notEqual(first, original, 'the lesson changed: update the sentence replaced here');
    const opened = await base(a);
    let r = await publish(a, first, opened);
    assert.equal(r.status, 302, r.body.slice(0, 300));
    assert.doesNotMatch(r.location, /conflit/, r.location);
    await everywhereWithin2s(STEP, ...showing('Publié par le test de grappe.'));

    // Two trainers opened the editor on the same version through two instances: the second
    // publish is told about the first, and the first is kept.
    const both = await base(b);
    assert.equal(await base(c), both);
    r = await publish(b, first.replace('Publié par le test', 'Version de B, publiée par le test'), both);
    assert.doesNotMatch(r.location, /conflit/, r.location);
    r = await publish(c, first.replace('Publié par le test', 'Version de C, publiée par le test'), both);
    assert.match(r.location, /conflit=1/, `${c.name} overwrote ${b.name}'s publish: ${r.location}`);
    await everywhereWithin2s(STEP, ...showing('Version de B, publiée par le test'));

    // Undone through another instance: the previous publish is back everywhere.
    r = await post(c, '/api/formateur/annuler', { file: FILE, base: await base(c, 'formateur/annuler') }, trainer.cookie);
    assert.equal(r.status, 302, r.body.slice(0, 300));
    await everywhereWithin2s(STEP, ...showing('Version de B', false));
    await everywhereWithin2s(STEP, ...showing('Publié par le test de grappe.'));

    // An image uploaded through nginx is served by every instance.
    const png = Buffer.from('\x89PNG\r\n\x1a\n\0\0\0\rIHDR une image du test de grappe', 'latin1');
    r = await request(`${lb.base}/formateur/image`, {
      cookie: trainer.cookie, origin: publicUrl,
      multipart: { fichier: FILE, alt: 'Une image', image: { filename: 'grappe.png', type: 'image/png', bytes: png } },
    });
    assert.equal(r.status, 303, r.body.slice(0, 300));
    assert.match(decodeURIComponent(r.location), /\(grappe\.png\)/, r.location);
    await everywhereWithin2s('/medias/email-la-poste/grappe.png', (image, w) => {
      if (image.status !== 200) return false;
      assert.deepEqual(image.raw, png, w.name);
      return true;
    }, 'the image');
  });

  await check('an instance stopping is not ready at once, and nginx loses no request while each restarts', async () => {
    const learners = [];
    for (let i = 11; i <= 14; i++) learners.push({ code: code(i), cookie: await signIn(lb.base, code(i), publicUrl) });
    const starts = await lessonStarts(lb.base, learners[0].cookie);
    let stopping = false;
    const load = runLearners({ base: nginx.base, learners, starts, shouldStop: () => stopping });
    await sleep(500);
    for (const instance of instances) {
      const ended = instance.stop();
      await sleep(300);
      const ready = await request(`${instance.base}/readyz`);
      assert.equal(ready.status, 503, 'still ready after SIGTERM');
      assert.equal((await request(`${instance.base}/`)).status, 200, 'no longer serving during the drain');
      await ended;
      await instance.start();
      // nginx takes a stopped instance out for fail_timeout (5 s) and does not poll it:
      // the next one may stop only once this one is back in (see README).
      await sleep(6000);
    }
    stopping = true;
    const { stats, acknowledged } = await load;
    assert.equal(stats.errors, 0, stats.errorList.join('\n'));
    assert.equal(stats.notSaved, 0);
    assert.ok(stats.acknowledged > 20, `only ${stats.acknowledged} saves`);
    const inDb = new Set(psql(databaseUrl, `SELECT l.code || '|' || p.module || '|' || p.lesson || '|' || p.step
      FROM step_progress p JOIN learner l ON l.id = p.learner_id WHERE p.completed_at IS NOT NULL`).split('\n'));
    const lost = [...acknowledged].filter((k) => !inDb.has(k));
    assert.deepEqual(lost, [], 'acknowledged saves missing from the database');
  });

  await check('a disabled volunteer is refused on every instance at once', async () => {
    const camille = await staffSignIn(a, 'demo.benevole');
    for (const w of ways()) assert.match((await get(w, '/benevole', camille.cookie)).body, /Camille/, w.name);
    const coordinator = await staffSignIn(b, 'demo.coordination');
    assert.equal(coordinator.location, '/benevole');
    const id = psql(databaseUrl, `SELECT id FROM staff WHERE username = 'demo.benevole'`).trim();
    const r = await post(lb, '/api/equipe/desactiver', { id }, coordinator.cookie);
    assert.equal(r.status, 302, r.body.slice(0, 300));
    for (const w of ways()) {
      assert.doesNotMatch((await get(w, '/benevole', camille.cookie)).body, /Camille/, `still in on ${w.name}`);
    }
    const before = psql(databaseUrl, 'SELECT count(*) FROM visit').trim();
    const learner = String(learnerId(code(15)));
    const date = new Date().toISOString().slice(0, 10);
    for (const w of ways()) {
      const s = await post(w, '/api/seance', { learner, single: learner, date, kind: 'domicile', minutes: '30' }, camille.cookie);
      assert.equal(s.location, '/benevole/connexion', `${w.name} took a session from a disabled volunteer`);
    }
    assert.equal(psql(databaseUrl, 'SELECT count(*) FROM visit').trim(), before);
  });
} catch (e) {
  failures += 1;
  console.log(`FAIL setting up: ${e.stack ?? e}`);
} finally {
  await stopProcess(nginx?.proc);
  await Promise.all(instances.map((i) => i.stop(5000)));
}
console.log(`${failures ? `${failures} check(s) failed` : 'all checks passed'} in ${Math.round((performance.now() - t0) / 1000)} s`);
if (failures) {
  console.log(`logs kept in ${dir}`);
  process.exitCode = 1;
} else {
  rmSync(dir, { recursive: true, force: true });
  psql(admin, 'DROP DATABASE IF EXISTS pap_cluster_check WITH (FORCE)');
}
