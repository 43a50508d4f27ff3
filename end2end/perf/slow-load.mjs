// Loading a lesson step on a slow machine: Chromium through the DevTools protocol with the
// CPU slowed 6× and the network at 1.5 Mbit/s with a 300 ms round trip. A signed-in learner
// opens a step with an empty cache (cold), presses "Suivant", lands on the next step with
// the assets cached (warm), and presses "Suivant" again. Measured in the page:
//   - Largest Contentful Paint (and First Contentful Paint) of each step;
//   - when "Suivant" works: as a plain HTML form once the button is painted (islands: no
//     JavaScript needed), and when its island is hydrated (the double-click guard);
//   - Interaction to Next Paint of pressing "Suivant" (Event Timing entries of the click,
//     the longest event duration of the interaction, as web-vitals computes it);
//   - the time from the press to the next step's Largest Contentful Paint.
// Goals: LCP ≤ 1.5 s, INP ≤ 100 ms. Median of --runs runs (default 3), each in a fresh
// browser context. Writes end2end/perf/results/slow-load.json.
//
// Usage: node end2end/perf/slow-load.mjs [--runs 3] [--path /modules/…/…/…]
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  ROOT, machine, round, signIn, startServer, stop, tempDir, writeResult,
} from './lib.mjs';

const PORT = 3193;
const CPU_SLOWDOWN = 6;
const NETWORK = {
  offline: false,
  latency: 300, // ms, round trip
  downloadThroughput: (1.5 * 1e6) / 8, // bytes/s
  uploadThroughput: (1.5 * 1e6) / 8,
};
const GOAL_LCP_MS = 1500;
const GOAL_INP_MS = 100;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const RUNS = Number(opt('--runs', 3));
const PATH = opt('--path', '/modules/email-la-poste/adresse-enveloppe/adresse');

// Runs in every page before its own scripts. Entries go to sessionStorage, which survives
// the form post to the next step, so that the press of "Suivant" is measured even though
// the page that received it is gone.
const INIT = () => {
  const KEY = '__pap_perf';
  const all = JSON.parse(sessionStorage.getItem(KEY) || '[]');
  const me = {
    url: location.pathname, timeOrigin: performance.timeOrigin, lcp: null, fcp: null,
    buttonInDom: null, buttonPainted: null, enhanced: null, events: [],
  };
  all.push(me);
  const save = () => sessionStorage.setItem(KEY, JSON.stringify(all));
  save();
  const observe = (type, cb, extra = {}) => {
    try {
      new PerformanceObserver((list) => { list.getEntries().forEach(cb); save(); })
        .observe({ type, buffered: true, ...extra });
    } catch {}
  };
  observe('largest-contentful-paint', (e) => { me.lcp = e.startTime; me.lcpElement = e.element?.tagName ?? null; });
  observe('paint', (e) => { if (e.name === 'first-contentful-paint') me.fcp = e.startTime; });
  observe('event', (e) => {
    me.events.push({
      name: e.name, interactionId: e.interactionId, startTime: e.startTime,
      duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd,
    });
  }, { durationThreshold: 0 });
  observe('first-input', (e) => {
    me.events.push({ name: `first-input:${e.name}`, interactionId: e.interactionId,
      startTime: e.startTime, duration: e.duration, processingStart: e.processingStart,
      processingEnd: e.processingEnd });
  });
  // The island's handlers: SubmitOnce listens to `submit` (and to `pageshow` on window).
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if ((type === 'submit' || type === 'pageshow') && me.enhanced === null) {
      me.enhanced = performance.now();
      save();
    }
    return add.call(this, type, ...rest);
  };
  new MutationObserver((_, obs) => {
    if (me.buttonInDom === null && document.querySelector('button.next')) {
      me.buttonInDom = performance.now();
      // The frame after next: the button has been painted.
      requestAnimationFrame(() => requestAnimationFrame(() => {
        me.buttonPainted = performance.now();
        save();
      }));
      obs.disconnect();
      save();
    }
  }).observe(document, { childList: true, subtree: true });
};

/** INP as web-vitals computes it: per interaction, the longest event duration. */
function inp(events) {
  const byInteraction = new Map();
  for (const e of events) {
    if (!e.interactionId) continue;
    byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
  }
  const values = [...byInteraction.values()];
  return values.length ? Math.max(...values) : null;
}

const median = (xs) => {
  const v = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};

async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return cdp;
}

async function pressNext(page) {
  const before = await page.evaluate(() => performance.timeOrigin + performance.now());
  const from = new URL(page.url()).pathname;
  await Promise.all([
    page.waitForURL((u) => u.pathname !== from, { timeout: 30_000 }),
    page.click('button.next'),
  ]);
  await page.waitForLoadState('load');
  return before;
}

async function oneRun(browser, base, cookie) {
  const context = await browser.newContext();
  const [name, value] = cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  await context.addInitScript(INIT);
  const page = await context.newPage();
  await throttle(context, page);
  const bytes = { cold: 0 };
  page.on('response', async (r) => {
    try { bytes.cold += Number((await r.request().sizes()).responseBodySize); } catch {}
  });
  await page.goto(base + PATH, { waitUntil: 'load' });
  await page.waitForTimeout(1500); // let hydration finish and LCP settle
  const pressed1 = await pressNext(page);
  await page.waitForTimeout(1500);
  const pressed2 = await pressNext(page);
  await page.waitForTimeout(1000);
  const pages = await page.evaluate(() => JSON.parse(sessionStorage.getItem('__pap_perf') || '[]'));
  await context.close();
  const [cold, warm, third] = pages;
  const visibleAfter = (pressedAt, next) =>
    next && next.lcp !== null ? next.timeOrigin + next.lcp - pressedAt : null;
  return {
    pages: pages.map((p) => p.url),
    cold: {
      lcpMs: cold.lcp, fcpMs: cold.fcp, lcpElement: cold.lcpElement,
      nextButtonPaintedMs: cold.buttonPainted, nextEnhancedMs: cold.enhanced,
      inpMs: inp(cold.events), transferredBytes: bytes.cold,
    },
    warm: warm && {
      lcpMs: warm.lcp, fcpMs: warm.fcp, nextButtonPaintedMs: warm.buttonPainted,
      nextEnhancedMs: warm.enhanced, inpMs: inp(warm.events),
    },
    pressToNextStepLcpMs: [visibleAfter(pressed1, warm), visibleAfter(pressed2, third)],
    events: { cold: cold.events, warm: warm?.events ?? [] },
  };
}

const dataDir = tempDir('slow');
const server = await startServer({
  port: PORT, db: join(dataDir, 'slow.db'), content: join(ROOT, 'content'), demo: true,
});
let failed = false;
try {
  const cookie = await signIn(server.base, 'BIEN-VENU');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(browser, server.base, cookie);
    runs.push(r);
    console.error(`run ${i + 1}: cold LCP ${round(r.cold.lcpMs, 0)} ms, Suivant painted ${round(r.cold.nextButtonPaintedMs, 0)} ms,`,
      `hydrated ${round(r.cold.nextEnhancedMs, 0)} ms, INP ${r.cold.inpMs} ms; warm LCP ${round(r.warm?.lcpMs, 0)} ms,`,
      `INP ${r.warm?.inpMs} ms; press → next step ${r.pressToNextStepLcpMs.map((x) => round(x, 0)).join(', ')} ms`);
  }
  await browser.close();
  const m = (f) => round(median(runs.map(f)), 0);
  const summary = {
    path: PATH,
    conditions: { cpuSlowdown: CPU_SLOWDOWN, downloadMbit: 1.5, uploadMbit: 1.5, rttMs: NETWORK.latency },
    runs: RUNS,
    cold: {
      lcpMs: m((r) => r.cold.lcpMs), fcpMs: m((r) => r.cold.fcpMs),
      nextButtonPaintedMs: m((r) => r.cold.nextButtonPaintedMs),
      nextEnhancedMs: m((r) => r.cold.nextEnhancedMs), inpMs: m((r) => r.cold.inpMs),
      transferredBytes: m((r) => r.cold.transferredBytes),
    },
    warm: {
      lcpMs: m((r) => r.warm?.lcpMs), fcpMs: m((r) => r.warm?.fcpMs),
      nextButtonPaintedMs: m((r) => r.warm?.nextButtonPaintedMs),
      nextEnhancedMs: m((r) => r.warm?.nextEnhancedMs), inpMs: m((r) => r.warm?.inpMs),
    },
    pressToNextStepLcpMs: m((r) => median(r.pressToNextStepLcpMs)),
  };
  const worstLcp = Math.max(summary.cold.lcpMs, summary.warm.lcpMs ?? 0);
  const worstInp = Math.max(summary.cold.inpMs ?? Infinity, summary.warm.inpMs ?? 0);
  summary.goals = {
    lcp: { goalMs: GOAL_LCP_MS, met: worstLcp <= GOAL_LCP_MS },
    inp: { goalMs: GOAL_INP_MS, met: worstInp <= GOAL_INP_MS },
  };
  writeResult('slow-load', { summary, machine: machine(), runs });
  console.log(JSON.stringify(summary, null, 2));
  failed = !summary.goals.lcp.met || !summary.goals.inp.met;
} finally {
  await stop(server.proc);
}
// A benchmark, not a test: report the goals, exit 0 unless asked to fail.
process.exit(failed && args.includes('--fail-over-goal') ? 1 : 0);
