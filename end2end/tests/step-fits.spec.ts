// Issue #19 item 1: on every step of every shipped lesson, "Suivant" is in the first
// screen at 1366×768 (default text size) right after the step's text, and reachable
// without scrolling at 1024×768 zoomed to 200 %.
//
// 200 % zoom is emulated as the browser does it: the page is laid out in a window of
// 512×384 CSS pixels drawn with 2 device pixels per CSS pixel (viewport 512×384,
// deviceScaleFactor 2), which is what Chromium's zoom does to a 1024×768 window.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { createLearner, ROOT } from './server';
import { expectAccessible, signInLearner } from './helpers';

const CONTENT = join(ROOT, 'content');

/** Every published lesson of the shipped content written for learners: `module/lesson`.
 * (Volunteers' training modules, `audience = "benevoles"`, are not shown to learners.) */
function shippedLessons(): string[] {
  const draft = (text: string) => /^draft\s*=\s*true\s*$/m.test(text.split(/^\+\+\+\s*$/m)[1] ?? '');
  const forVolunteers = (text: string) =>
    /^audience\s*=\s*"b[eé]n[eé]voles"\s*$/m.test(text.split(/^\+\+\+\s*$/m)[1] ?? '');
  const lessons: string[] = [];
  for (const module of readdirSync(CONTENT).sort()) {
    const dir = join(CONTENT, module);
    if (!statSync(dir).isDirectory()) continue;
    const index = readFileSync(join(dir, '_index.md'), 'utf8');
    if (draft(index) || forVolunteers(index)) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (entry === '_index.md') continue;
      const path = join(dir, entry);
      const file = statSync(path).isDirectory() ? join(path, 'index.md') : path;
      if (!file.endsWith('.md')) continue;
      if (draft(readFileSync(file, 'utf8'))) continue;
      lessons.push(`${module}/${entry.replace(/\.md$/, '')}`);
    }
  }
  return lessons;
}

const LESSONS = shippedLessons();

test('the shipped lessons are found', () => {
  expect(LESSONS.length).toBeGreaterThanOrEqual(24);
});

/** Opens the lesson (the learner's resume address leads to its first step). */
async function openLesson(page: Page, lesson: string) {
  await page.goto(`/modules/${lesson}`);
  await expect(page.locator('#etape-numero')).toHaveText(/^Étape 1 sur \d+$/);
}

/** Goes through every step of the lesson with "Suivant", calling `check` on each. */
async function walk(page: Page, lesson: string, check: (step: string) => Promise<void>) {
  await openLesson(page, lesson);
  const total = Number((await page.locator('#etape-numero').textContent())!.match(/sur (\d+)/)![1]);
  for (let n = 1; n <= total; n++) {
    await expect(page.locator('#etape-numero')).toHaveText(`Étape ${n} sur ${total}`);
    // Measured as the step opens from a link: at the top of the page, nothing scrolled.
    const here = new URL(page.url());
    await page.goto(here.pathname);
    await check(here.pathname);
    await page.getByRole('button', { name: 'Suivant' }).click();
  }
  await expect(page).toHaveURL(/\/fin(#.*)?$/);
}

// Lessons given before scrolling is taught ("Faire défiler", the module's third lesson):
// every step's text must end above "Suivant" in the first screen.
const BEFORE_SCROLLING = ['souris-clavier/cliquer', 'souris-clavier/double-clic'];

for (const lesson of LESSONS) {
  test(`${lesson}: "Suivant" is in the first screen at 1366×768, after the text where it fits`, async ({ browser, baseURL }) => {
    const learner = createLearner('Écran');
    const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await signInLearner(page, learner.code);
    const tooLong: string[] = [];
    await walk(page, lesson, async (step) => {
      const next = await page.getByRole('button', { name: 'Suivant' }).boundingBox();
      const text = await page.locator('#etape').boundingBox();
      expect(next, step).not.toBeNull();
      // The button is in the window without scrolling, on every step…
      expect(next!.y, `${step}: "Suivant" is above the screen`).toBeGreaterThanOrEqual(0);
      expect(next!.y + next!.height, `${step}: "Suivant" is below the screen`).toBeLessThanOrEqual(768);
      // …right after the step's text when the text fits (otherwise kept in view over it).
      const end = text!.y + text!.height;
      if (end > next!.y + 1) tooLong.push(`${step}: the text ends at ${Math.round(end)} px, "Suivant" at ${Math.round(next!.y)} px`);
    });
    if (BEFORE_SCROLLING.includes(lesson)) expect(tooLong, 'a step needs scrolling before scrolling is taught').toEqual([]);
    for (const t of tooLong) test.info().annotations.push({ type: 'step longer than the screen', description: t });
    await context.close();
  });

  test(`${lesson}: "Suivant" is reachable without scrolling at 1024×768 zoomed to 200 %`, async ({ browser, baseURL }) => {
    const learner = createLearner('Zoom');
    const context = await browser.newContext({
      baseURL,
      viewport: { width: 512, height: 384 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    await signInLearner(page, learner.code);
    await walk(page, lesson, async (step) => {
      const next = await page.getByRole('button', { name: 'Suivant' }).boundingBox();
      expect(next!.y, step).toBeGreaterThanOrEqual(0);
      expect(next!.y + next!.height, `${step}: "Suivant" is out of the screen`).toBeLessThanOrEqual(384);
    });
    await context.close();
  });
}

test('the step page in its new layout is accessible, at 1366×768 and zoomed', async ({ browser, baseURL }) => {
  const learner = createLearner('Axe');
  for (const viewport of [{ width: 1366, height: 768 }, { width: 512, height: 384 }]) {
    const context = await browser.newContext({ baseURL, viewport, deviceScaleFactor: viewport.width === 512 ? 2 : 1 });
    const page = await context.newPage();
    await signInLearner(page, learner.code);
    // The first step of a module: the confidence question comes after the step's text.
    await page.goto('/modules/souris-clavier/cliquer/la-souris');
    const next = await page.getByRole('button', { name: 'Suivant' }).boundingBox();
    const confidence = await page.locator('#confiance').boundingBox();
    expect(confidence!.y).toBeGreaterThan(next!.y);
    await expectAccessible(page);
    // A step with a check question, answered.
    await page.goto('/modules/souris-clavier/cliquer/verifions');
    await expectAccessible(page);
    await context.close();
  }
});
