// How the tests reach the server under test, and create what they need through its CLI.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// PAP_E2E_PORT lets several checkouts run their suites side by side.
export const PORT = Number(process.env.PAP_E2E_PORT ?? 3100);
export const ROOT = resolve(__dirname, '..', '..');
export const SERVER_BIN = resolve(ROOT, 'target', 'release', 'server');
export const serverEnv: Record<string, string> = {
  PAP_ADDR: `127.0.0.1:${PORT}`,
  // The origin the browser uses (baseURL): the only one whose forms are accepted.
  PAP_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
  DATABASE_URL: `sqlite://${resolve(ROOT, 'end2end', '.tmp', 'e2e', 'e2e.db')}`,
  LEPTOS_SITE_ROOT: resolve(ROOT, 'target', 'site'),
  // A copy of the lessons: the trainer tests edit them.
  PAP_CONTENT_DIR: resolve(ROOT, 'end2end', '.tmp', 'e2e', 'content'),
  RUST_LOG: 'warn',
};

let counter = 0;

/** Creates a learner followed by demo.benevole; returns their name and code. */
export function createLearner(prefix: string): { name: string; code: string } {
  counter += 1;
  const name = `${prefix} ${process.pid}-${counter}-${Date.now() % 100000}`;
  const out = execFileSync(
    SERVER_BIN,
    ['add-learner', '--name', name, '--volunteer', 'demo.benevole'],
    { env: { ...process.env, ...serverEnv }, encoding: 'utf8' },
  );
  return { name, code: out.trim() };
}
