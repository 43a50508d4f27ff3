import { defineConfig } from '@playwright/test';
import { PORT, serverEnv, SERVER_BIN } from './tests/server';

// Every spec runs twice: with JavaScript on ("js") and off ("nojs"), except the specs
// of what islands add (*.js-only.spec.ts).
export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'fr-FR',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  projects: [
    { name: 'js', use: { javaScriptEnabled: true } },
    // Specs named *.js-only.spec.ts test what islands add, so they need JavaScript.
    { name: 'nojs', use: { javaScriptEnabled: false }, testIgnore: /\.js-only\.spec\.ts$/ },
  ],
  webServer: {
    // A fresh database and a fresh copy of the lessons (the trainer tests edit them) for
    // every run, then the release server with the demo data.
    command: `rm -rf .tmp/e2e && mkdir -p .tmp/e2e && cp -R ../content .tmp/e2e/content && exec ${SERVER_BIN} serve --demo`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    env: serverEnv,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
