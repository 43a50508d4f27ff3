// "Écouter cette étape": every step of every shipped lesson has the server's recording in
// the browser's own audio player (no JavaScript, no voice on the computer needed), and the
// browser can play it (its duration is known and > 0). The server makes the recordings in
// the background after start-up: the first test waits for them.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { expectAccessible } from './helpers';

// Each test walks through every step of a module.
test.describe.configure({ timeout: 300_000 });

/** The modules and their lessons, as the catalogue links them. */
async function lessons(page: Page): Promise<string[]> {
  const hrefs = async (path: string, pattern: RegExp) => {
    const html = await (await page.request.get(path)).text();
    return [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).filter((h) => pattern.test(h)))];
  };
  const modules = await hrefs('/modules', /^\/modules\/[^/]+$/);
  expect(modules.length).toBeGreaterThan(5);
  const all: string[] = [];
  // A module page links to the first step of each lesson.
  for (const m of modules) all.push(...(await hrefs(m, new RegExp(`^${m}/[^/]+/[^/]+$`))));
  return all;
}

/** A JavaScript-enabled page of the site, to ask the browser to read an audio file's
 * header (with JavaScript off in the page under test, it cannot do so itself). */
async function probe(browser: Browser, baseURL: string) {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: true });
  const page = await context.newPage();
  await page.goto('/healthz');
  return {
    duration: (src: string) =>
      page.evaluate(async (src) => {
        const audio = new Audio();
        audio.preload = 'metadata';
        audio.src = src;
        await new Promise((ok, ko) => {
          audio.onloadedmetadata = ok;
          audio.onerror = () => ko(new Error(`cannot play ${src}: error ${audio.error?.code}`));
        });
        return audio.duration;
      }, src),
    close: () => context.close(),
  };
}

/** The recording's player of the step shown, once the server has made it (it reloads the
 * page until then, up to `waitMs`). */
async function player(page: Page, waitMs: number) {
  const audio = page.locator('.step-audio audio');
  const until = Date.now() + waitMs;
  while ((await audio.count()) === 0 && Date.now() < until) {
    await page.waitForTimeout(2000);
    await page.reload();
  }
  await expect(audio, `a recording on ${page.url()}`).toHaveCount(1);
  return audio;
}

test('every step of every lesson has a recording that plays', async ({ page, browser, baseURL }) => {
  const all = await lessons(page);
  expect(all.length).toBeGreaterThan(20);
  const listen = await probe(browser, baseURL!);
  const durations = new Map<string, number>();
  let steps = 0;
  for (const lesson of all) {
    await page.goto(lesson);
    for (let guard = 0; guard < 40 && !page.url().endsWith('/fin'); guard++) {
      // The recordings are made after start-up: the very first step may wait for them.
      const audio = await player(page, steps === 0 ? 240_000 : 30_000);
      steps++;
      await expect(audio).toHaveAttribute('controls', '');
      await expect(audio).toHaveAttribute('preload', 'none');
      await expect(audio).toHaveAccessibleName('Écouter cette étape');
      const src = (await audio.getAttribute('src'))!;
      expect(src).toMatch(/^\/audio\/[0-9a-f]{64}\.mp3$/);
      if (!durations.has(src)) durations.set(src, await listen.duration(src));
      expect(durations.get(src), `duration of ${src} (${page.url()})`).toBeGreaterThan(0.5);
      const url = page.url();
      await page.getByRole('button', { name: 'Suivant' }).click();
      await expect(page).not.toHaveURL(url);
    }
  }
  await listen.close();
  expect(steps).toBeGreaterThan(100);
});

test('the player is accessible, and nothing is downloaded until it is played', async ({ page }) => {
  const step = '/modules/email-la-poste/adresse-enveloppe/adresse';
  const audioRequests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/audio/')) audioRequests.push(r.url());
  });
  await page.goto(step);
  const audio = await player(page, 240_000);
  await expectAccessible(page);
  // The browser fetched no audio for the page itself (preload="none").
  expect(audioRequests).toEqual([]);
  // The label and the icon: text from the text module, an SVG icon (no emoji).
  await expect(page.locator('.step-audio-label')).toHaveText('Écouter cette étape');
  await expect(page.locator('.step-audio-label svg')).toHaveAttribute('aria-hidden', 'true');
  if (test.info().project.use.javaScriptEnabled !== false) {
    // With JavaScript, the page's own player loads and knows the duration when asked.
    const duration = await audio.evaluate(async (a: HTMLAudioElement) => {
      a.preload = 'metadata';
      a.load();
      await new Promise((ok, ko) => {
        a.onloadedmetadata = ok;
        a.onerror = ko;
      });
      return a.duration;
    });
    expect(duration).toBeGreaterThan(1);
  }
});
