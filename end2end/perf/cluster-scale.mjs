// Learner step pages/s and saves/s with 1, 2 and 3 release instances on one PostgreSQL
// database behind nginx (deploy/nginx/pas-a-pas-proxy.conf), with wrk on loopback; and
// what each request costs: CPU milliseconds of the instances, of PostgreSQL and of nginx
// (from /proc), and the instances' resident memory.
//
//   node end2end/perf/cluster-scale.mjs [--instances 1,2,3] [--seconds 10] [--connections 64]
//       [--learners 200]
//
// Ports: nginx on PAP_PERF_PORT (default 3130), instances on the following ones.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import {
  Instance, addLearners, freshDatabase, postgresAdmin, psql, request, sleep, startNginx, stopProcess,
  tmp,
} from './cluster.mjs';
import { lessonStarts, nextForm, signIn } from './learner-load.mjs';
import { machine, memory, round, run, writeResult } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2,3' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    learners: { type: 'string', default: '200' },
  },
});
const nginxPort = Number(process.env.PAP_PERF_PORT ?? 3130);
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 19)}]`, ...a);
const TICKS = 100; // USER_HZ

/** CPU time (ms) of a process. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

/** Total CPU time (ms) of every process whose name is `comm` (all PostgreSQL backends…). */
function cpuOf(comm) {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) total += cpuMs(pid);
    } catch {}
  }
  return total;
}

const wrkReport = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"errors":%d,"p50_us":%d,"p99_us":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
`;

/** wrk with a Lua script that rotates over `requests` (method, path, body, cookie). */
async function wrkRotating(base, requests, origin, dir, name) {
  const lua = join(dir, `${name}.lua`);
  const quote = (s) => JSON.stringify(s ?? '');
  writeFileSync(lua, `
local list = {
${requests.map((r) => `  {${quote(r.method)}, ${quote(r.path)}, ${quote(r.body)}, ${quote(r.cookie)}},`).join('\n')}
}
local i = math.random(#list)
request = function()
  i = i % #list + 1
  local r = list[i]
  local headers = { ["Cookie"] = r[4], ["Accept"] = "text/html" }
  if r[1] == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    headers["Origin"] = ${quote(origin)}
    return wrk.format("POST", r[2], headers, r[3])
  end
  return wrk.format("GET", r[2], headers)
end
${wrkReport}`);
  const c = Number(opts.connections);
  const out = await run('wrk', ['-t', '2', '-c', String(c), '-d', `${opts.seconds}s`, '--timeout', '10s',
    '-s', lua, base]);
  const line = out.stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
  if (!line) throw new Error(`wrk: ${out.stdout}${out.stderr}`);
  const r = JSON.parse(line.slice(9));
  return {
    requests: r.requests, rps: r.requests / (r.duration_us / 1e6), errors: r.errors,
    p50ms: r.p50_us / 1000, p99ms: r.p99_us / 1000,
  };
}

async function measure(instances, nginx, fn) {
  const before = {
    instances: instances.reduce((s, i) => s + cpuMs(i.pid), 0),
    postgres: cpuOf('postgres'),
    nginx: cpuOf('nginx'),
  };
  const t = performance.now();
  const r = await fn();
  const wall = performance.now() - t;
  const cpu = {
    instances: instances.reduce((s, i) => s + cpuMs(i.pid), 0) - before.instances,
    postgres: cpuOf('postgres') - before.postgres,
    nginx: cpuOf('nginx') - before.nginx,
  };
  return {
    ...r,
    rps: round(r.rps, 0),
    cpuMsPerRequest: {
      instances: round(cpu.instances / r.requests, 3),
      postgres: round(cpu.postgres / r.requests, 3),
      nginx: round(cpu.nginx / r.requests, 3),
    },
    cpuUsedOfMachine: round((cpu.instances + cpu.postgres + cpu.nginx) / wall / 2, 2),
    rssMiB: instances.map((i) => round(memory(i.pid).rssMiB)),
  };
}

const admin = postgresAdmin();
const results = [];
for (const count of opts.instances.split(',').map(Number)) {
  const dir = tmp('scale');
  const databaseUrl = freshDatabase(admin, 'pap_cluster_scale');
  const ports = Array.from({ length: count }, (_, i) => nginxPort + 1 + i);
  const publicUrl = `http://127.0.0.1:${nginxPort}`;
  const instances = ports.map((port, i) => new Instance({
    port, databaseUrl, publicUrl, demo: i === 0, logDir: dir, env: { RUST_LOG: 'error' },
  }));
  let nginx;
  try {
    for (const i of instances) await i.start();
    addLearners(databaseUrl, Number(opts.learners));
    nginx = await startNginx({ port: nginxPort, ports, dir, workers: 1 });
    // Each learner signed in, with the first step of a lesson (pages) and a step form
    // (saves: "Suivant" on that step, over and over: an upsert each time).
    const learners = [];
    let starts;
    for (let n = 1; n <= Number(opts.learners); n++) {
      const code = `P${String(n).padStart(7, '0')}`;
      const cookie = await signIn(nginx.base, code, publicUrl);
      starts ??= await lessonStarts(nginx.base, cookie);
      const start = starts[n % starts.length];
      let page = await request(`${nginx.base}${start}`, { cookie });
      if (page.location) {
        page = await request(`${nginx.base}${page.location.split('#')[0]}`, { cookie });
      }
      const form = nextForm(page.body);
      if (!form) throw new Error(`no step form at ${start}`);
      const path = `/modules/${form.module}/${form.lesson}/${form.step}`;
      learners.push({ cookie, path, form });
    }
    await sleep(1000);
    const pages = await measure(instances, nginx, () => wrkRotating(nginx.base,
      learners.map((l) => ({ method: 'GET', path: l.path, cookie: l.cookie })), publicUrl, dir, 'pages'));
    log(`${count} instance(s): step pages ${pages.rps}/s, p99 ${pages.p99ms} ms, ${pages.errors} errors, CPU ms/request`, pages.cpuMsPerRequest, 'RSS', pages.rssMiB);
    const saves = await measure(instances, nginx, () => wrkRotating(nginx.base,
      learners.map((l) => ({
        method: 'POST', path: '/api/suivant', cookie: l.cookie,
        body: new URLSearchParams(l.form).toString(),
      })), publicUrl, dir, 'saves'));
    const savedRows = Number(psql(databaseUrl, 'SELECT count(*) FROM step_progress WHERE completed_at IS NOT NULL'));
    log(`${count} instance(s): saves ${saves.rps}/s, p99 ${saves.p99ms} ms, ${saves.errors} errors, CPU ms/request`, saves.cpuMsPerRequest, 'RSS', saves.rssMiB, `(${savedRows} rows)`);
    results.push({ instances: count, pages, saves });
  } finally {
    await stopProcess(nginx?.proc);
    await Promise.all(instances.map((i) => i.stop(5000)));
    rmSync(dir, { recursive: true, force: true });
  }
}
psql(admin, 'DROP DATABASE IF EXISTS pap_cluster_scale WITH (FORCE)');
writeResult('cluster-scale', {
  machine: machine(), connections: Number(opts.connections), seconds: Number(opts.seconds),
  learners: Number(opts.learners), results,
});
