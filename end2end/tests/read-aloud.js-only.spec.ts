// "Écouter": reads the step in French, sentence by sentence, with the sentence highlighted,
// pause and stop. speechSynthesis is replaced by a stub that records what is queued.
import { test, expect, type Page } from '@playwright/test';

const STEP = '/modules/email-la-poste/adresse-enveloppe/adresse';

async function stubSpeech(page: Page, voices: { lang: string; name: string }[]) {
  await page.addInitScript((voices) => {
    const w = window as any;
    w.__spoken = [];
    w.__calls = [];
    let current: any = null;
    w.__end = () => {
      const u = current;
      current = null;
      u?.onend?.();
    };
    w.SpeechSynthesisUtterance = class {
      text: string; lang = ''; rate = 1; voice: any = null; onend: any = null;
      constructor(text: string) { this.text = text; }
    };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speak(u: any) { current = u; w.__spoken.push({ text: u.text, lang: u.lang }); },
        cancel() { w.__calls.push('cancel'); current = null; },
        pause() { w.__calls.push('pause'); },
        resume() { w.__calls.push('resume'); },
        getVoices() { return voices; },
      },
    });
  }, voices);
}

async function hydrated(page: Page) {
  await expect(page.getByRole('button', { name: 'Écouter' })).toBeVisible();
}

test('reads the sentences that are shown, one by one, highlighted, with pause and stop', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'en-US', name: 'English' }, { lang: 'fr-FR', name: 'Amélie' }]);
  await page.goto(STEP);
  await hydrated(page);
  const sentences = await page.locator('#etape .phrase').allTextContents();
  expect(sentences.length).toBeGreaterThan(4);

  await page.getByRole('button', { name: 'Écouter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lecture en cours.' })).toBeVisible();
  await expect(page.locator('#etape .lecture')).toHaveText(sentences[0]);
  await page.evaluate(() => (window as any).__end());
  await expect(page.locator('#etape .lecture')).toHaveText(sentences[1]);

  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Reprendre la lecture' }).click();
  // Read to the end.
  for (let i = 1; i < sentences.length; i++) await page.evaluate(() => (window as any).__end());
  await expect(page.getByText('Lecture terminée.')).toBeVisible();
  const spoken = await page.evaluate(() => (window as any).__spoken);
  expect(spoken.map((s: any) => s.text)).toEqual(sentences);
  expect(spoken.every((s: any) => s.lang === 'fr-FR')).toBe(true);
  expect(await page.evaluate(() => (window as any).__calls)).toEqual(['cancel', 'pause', 'resume']);
  await expect(page.locator('.lecture')).toHaveCount(0);

  // Stop in the middle.
  await page.getByRole('button', { name: 'Écouter' }).click();
  await expect(page.locator('#etape .lecture')).toHaveCount(1);
  await page.getByRole('button', { name: 'Arrêter' }).click();
  await expect(page.locator('.lecture')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Arrêter' })).toBeHidden();
});

test('images are read by their description', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'fr-FR', name: 'Amélie' }]);
  // A step with a question: its text and answers are read too.
  await page.goto('/modules/email-la-poste/adresse-enveloppe/lire');
  await hydrated(page);
  await page.getByRole('button', { name: 'Écouter' }).click();
  const total = await page.locator('#etape .phrase, #etape img[alt]').count();
  for (let i = 1; i < total; i++) await page.evaluate(() => (window as any).__end());
  const spoken: string[] = (await page.evaluate(() => (window as any).__spoken)).map((s: any) => s.text);
  expect(spoken).toContain('marie.dupont@exemple.fr');
  expect(spoken.some((t) => t.includes('Quelle adresse e-mail est bien écrite ?'))).toBe(true);
});

test('without a French voice the button says so plainly', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'en-US', name: 'English' }]);
  await page.goto(STEP);
  await hydrated(page);
  await page.getByRole('button', { name: 'Écouter' }).click();
  await expect(page.getByRole('status').filter({ hasText: "il n'a pas de voix française" })).toBeVisible();
  expect(await page.evaluate(() => (window as any).__spoken.length)).toBe(0);
});
