// Rolling restart under learner load: PostgreSQL, N release instances and nginx in front
// (deploy/nginx/pas-a-pas-proxy.conf), learners going through lessons through nginx, and
// each instance restarted in turn (SIGTERM, wait for its end, start, wait for /readyz).
// Counts every answer that is not 2xx/3xx (or no answer) and every acknowledged save
// missing from the database afterwards. Goal: 0 and 0. Exits 1 otherwise.
//
//   node end2end/perf/rolling-restart.mjs [--instances 3] [--learners 24] [--rounds 1]
//       [--drain 2] [--settle 7]
//
// Ports: nginx on PAP_PERF_PORT (default 3130), instances on the following ones.
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  Instance, addLearners, freshDatabase, postgresAdmin, psql, sleep, startNginx, stopProcess,
  tmp,
} from './cluster.mjs';
import { lessonStarts, runLearners, signIn } from './learner-load.mjs';
import { machine, round, writeResult } from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    instances: { type: 'string', default: '3' },
    learners: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '1' },
    drain: { type: 'string', default: '2' },
    // Longer than nginx's fail_timeout (5 s): a restarted instance is back in only then.
    settle: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(opts.instances);
const nginxPort = Number(process.env.PAP_PERF_PORT ?? 3130);
const ports = Array.from({ length: count }, (_, i) => nginxPort + 1 + i);
const dir = tmp('rolling');
const admin = postgresAdmin();
const databaseUrl = freshDatabase(admin, 'pap_rolling_restart');
const publicUrl = `http://127.0.0.1:${nginxPort}`;
const log = (...a) => console.log(`[${new Date().toISOString().slice(11, 23)}]`, ...a);

const instances = ports.map((port, i) => new Instance({
  port, databaseUrl, publicUrl, demo: i === 0, logDir: dir,
  env: { PAP_SHUTDOWN_DRAIN: opts.drain },
}));
let nginx;
try {
  for (const instance of instances) await instance.start();
  addLearners(databaseUrl, Number(opts.learners));
  nginx = await startNginx({ port: nginxPort, ports, dir, accessLog: true });
  log(`${count} instances on ${ports.join(', ')}, nginx on ${nginxPort}, logs in ${dir}`);

  const learners = [];
  for (let i = 1; i <= Number(opts.learners); i++) {
    const code = `P${String(i).padStart(7, '0')}`;
    learners.push({ code, cookie: await signIn(nginx.base, code) });
  }
  const starts = await lessonStarts(nginx.base, learners[0].cookie);
  if (starts.length === 0) throw new Error('no lesson found in the catalogue');
  log(`${learners.length} learners signed in, ${starts.length} lessons`);

  let stopping = false;
  const t0 = performance.now();
  const load = runLearners({
    base: nginx.base, learners, starts, shouldStop: () => stopping,
    onError: (what) => log('ERROR', what),
  });
  const restarts = [];
  await sleep(Number(opts.settle) * 1000);
  for (let pass = 0; pass < Number(opts.rounds); pass++) {
    for (const instance of instances) {
      const before = performance.now();
      const ended = await instance.stop();
      const startMs = await instance.start();
      restarts.push({
        port: instance.port, stopMs: round(ended.ms, 0), exit: ended.code ?? ended.signal,
        startMs: round(startMs, 0), totalMs: round(performance.now() - before, 0),
      });
      log(`restarted ${instance.port}: stopped in ${round(ended.ms, 0)} ms (exit ${ended.code ?? ended.signal}), ready ${round(startMs, 0)} ms later`);
      await sleep(Number(opts.settle) * 1000);
    }
  }
  stopping = true;
  const { stats, acknowledged } = await load;
  const seconds = (performance.now() - t0) / 1000;

  const saved = new Set(psql(databaseUrl, `
    SELECT l.code || '|' || p.module || '|' || p.lesson || '|' || p.step
    FROM step_progress p JOIN learner l ON l.id = p.learner_id
    WHERE p.completed_at IS NOT NULL AND l.code LIKE 'P%'`).split('\n').filter(Boolean));
  const lost = [...acknowledged].filter((k) => !saved.has(k));
  const result = {
    machine: machine(),
    instances: count,
    learners: learners.length,
    drainSeconds: Number(opts.drain),
    seconds: round(seconds),
    restarts,
    requests: stats.pages + stats.saves,
    pages: stats.pages,
    saves: stats.saves,
    acknowledgedSaves: stats.acknowledged,
    distinctAcknowledged: acknowledged.size,
    notSaved: stats.notSaved,
    errors: stats.errors,
    errorList: stats.errorList,
    lostSaves: lost.length,
    lostList: lost.slice(0, 20),
  };
  writeResult(`rolling-restart-${count}`, result);
  log(`${result.requests} requests in ${round(seconds)} s (${stats.pages} pages, ${stats.saves} saves, ` +
    `${stats.acknowledged} acknowledged, ${stats.notSaved} "not saved"): ` +
    `${stats.errors} errors, ${lost.length} acknowledged saves lost`);
  process.exitCode = stats.errors === 0 && lost.length === 0 && stats.notSaved === 0 ? 0 : 1;
} finally {
  await stopProcess(nginx?.proc);
  await Promise.all(instances.map((i) => i.stop(5000)));
  if (!opts.keep && process.exitCode !== 1) {
    rmSync(dir, { recursive: true, force: true });
    psql(admin, 'DROP DATABASE IF EXISTS pap_rolling_restart WITH (FORCE)');
  }
}
