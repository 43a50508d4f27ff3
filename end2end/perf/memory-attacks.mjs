// Memory an anonymous visitor can make the server hold: drives each attack against the
// release server (started here, on loopback, with a fresh SQLite database and the demo
// accounts, once per attack so that each peak is its own) and reports the server's peak
// resident memory (VmHWM) for each. Goal: under 100 MiB under each.
//
//   node end2end/perf/memory-attacks.mjs [--port 3197]
//
// 1. 64 wrong staff sign-ins at once (argon2: about 19 MiB per password check);
// 2. 20 exercise forms at once, each with a 35 MiB text field;
// 3. 100 wrong learner codes of 1 MiB each, at once.
// Results: end2end/perf/results/memory-attacks.json (see end2end/perf/RESULTS.md).
import http from 'node:http';
import { join } from 'node:path';
import {
  ROOT, machine, memory, round, startServer, stop, tempDir, writeResult,
} from './lib.mjs';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 3197);
const MIB = 1024 * 1024;

/** Sends one request with a body made of `parts` (strings or Buffers); resolves with the status. */
function send(base, path, headers, parts) {
  return new Promise((ok) => {
    const u = new URL(path, base);
    const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0);
    const req = http.request(u, {
      method: 'POST',
      headers: {
        origin: u.origin,
        referer: `${u.origin}/`,
        accept: 'text/html,application/xhtml+xml',
        'content-length': length,
        ...headers,
      },
    }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode));
    });
    // A server that refuses early may close the connection while we still send.
    req.on('error', (e) => ok(`error: ${e.code ?? e.message}`));
    for (const p of parts) req.write(p);
    req.end();
  });
}

const count = (statuses) => statuses.reduce((m, s) => ({ ...m, [s]: (m[s] ?? 0) + 1 }), {});

const attacks = {
  'staff sign-ins: 64 wrong passwords at once': (base) => Promise.all(
    Array.from({ length: 64 }, (_, i) => send(base, '/api/benevole/connexion',
      { 'content-type': 'application/x-www-form-urlencoded' },
      // Distinct identifiers: the sign-in throttle counts per identifier.
      [`username=inconnu${i}&password=mauvais-mot-de-passe-${i}`])),
  ),
  'exercise: 20 forms at once with a 35 MiB text field': (base) => {
    const boundary = '----pasapasmemory';
    const head = ['module', 'lesson', 'step', 'ex'].map((name) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\nx\r\n`).join('')
      + `--${boundary}\r\nContent-Disposition: form-data; name="texte"\r\n\r\n`;
    const field = Buffer.alloc(35 * MIB, 'a');
    const tail = `\r\n--${boundary}--\r\n`;
    return Promise.all(Array.from({ length: 20 }, () => send(base, '/exercice',
      { 'content-type': `multipart/form-data; boundary=${boundary}` }, [head, field, tail])));
  },
  'learner sign-in: 100 wrong codes of 1 MiB at once': (base) => {
    const code = Buffer.alloc(MIB, 'A');
    return Promise.all(Array.from({ length: 100 }, () => send(base, '/api/connexion',
      { 'content-type': 'application/x-www-form-urlencoded' }, ['code=', code])));
  },
};

const results = [];
for (const [name, attack] of Object.entries(attacks)) {
  const dir = tempDir('memory');
  const server = await startServer({
    port, db: join(dir, 'pap.db'), content: join(ROOT, 'content'), demo: true,
  });
  const idle = memory(server.pid).rssMiB;
  const t0 = performance.now();
  const statuses = await attack(server.base);
  const seconds = (performance.now() - t0) / 1000;
  const { hwmMiB } = memory(server.pid);
  await stop(server.proc);
  const result = {
    attack: name,
    idleMiB: round(idle),
    peakMiB: round(hwmMiB),
    goal: hwmMiB < 100 ? 'met' : 'not met',
    seconds: round(seconds, 2),
    answers: count(statuses),
  };
  console.log(JSON.stringify(result));
  results.push(result);
}
const file = writeResult('memory-attacks', { machine: machine(), results });
console.log(`written to ${file}`);
