// "Écouter": reads the step in French, sentence by sentence, with the sentence highlighted,
// pause and stop. speechSynthesis is replaced by a stub that records what is queued.
import { test, expect, type Page } from '@playwright/test';

const STEP = '/modules/email-la-poste/adresse-enveloppe/adresse';

/** `lateVoices`: like Chrome, the list of voices is empty at first and filled in when
 * `window.__voicesArrive()` fires `voiceschanged`. */
async function stubSpeech(page: Page, voices: { lang: string; name: string }[], lateVoices = false) {
  await page.addInitScript(({ voices, lateVoices }) => {
    const w = window as any;
    let known = lateVoices ? [] : voices;
    w.__voicesArrive = () => {
      known = voices;
      w.speechSynthesis.onvoiceschanged?.();
    };
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
        getVoices() { return known; },
        onvoiceschanged: null,
      },
    });
  }, { voices, lateVoices });
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

test('without a French voice the button is not shown (the recording of the step is there)', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'en-US', name: 'English' }], true);
  await page.goto(STEP);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => (window as any).__voicesArrive());
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Écouter' })).toBeHidden();
  expect(await page.evaluate(() => (window as any).__spoken.length)).toBe(0);
});

test('Chrome gives its voices late: the button appears when a French one arrives', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'fr-FR', name: 'Amélie' }], true);
  await page.goto(STEP);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('button', { name: 'Écouter' })).toBeHidden();
  await page.evaluate(() => (window as any).__voicesArrive());
  await hydrated(page);
  const first = await page.locator('#etape .phrase').first().textContent();
  await page.getByRole('button', { name: 'Écouter' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Lecture en cours.' })).toBeVisible();
  await expect(page.locator('#etape .lecture')).toHaveText(first!);
});

test('with no voice at all, the button is not shown', async ({ page }) => {
  await stubSpeech(page, [], true);
  await page.goto(STEP);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => (window as any).__voicesArrive());
  await page.waitForTimeout(300);
  await expect(page.getByRole('button', { name: 'Écouter' })).toBeHidden();
});

test('with the keyboard, the focus is never lost', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'fr-FR', name: 'Amélie' }]);
  await page.goto(STEP);
  await hydrated(page);
  const listen = page.getByRole('button', { name: 'Écouter' });
  await listen.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#etape .lecture')).toHaveCount(1);
  // "Écouter" keeps the focus (it is not disabled, only marked as not available now).
  await expect(listen).toBeFocused();
  await expect(listen).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.keyboard.press('Tab');
  const stop = page.getByRole('button', { name: 'Arrêter' });
  await expect(stop).toBeFocused();
  // Stop disappears: the focus goes back to "Écouter", not to the page.
  await page.keyboard.press('Enter');
  await expect(stop).toBeHidden();
  await expect(listen).toBeFocused();
  await expect(listen).not.toHaveAttribute('aria-disabled', 'true');
});

test('with reduced motion, the page does not scroll by itself', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, reducedMotion: 'reduce', viewport: { width: 800, height: 300 } });
  const page = await context.newPage();
  await stubSpeech(page, [{ lang: 'fr-FR', name: 'Amélie' }]);
  await page.goto(STEP);
  await hydrated(page);
  const count = await page.locator('#etape .phrase').count();
  await page.getByRole('button', { name: 'Écouter' }).click();
  const before = await page.evaluate(() => window.scrollY);
  for (let i = 1; i < count; i++) await page.evaluate(() => (window as any).__end());
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
  await context.close();
});

test('what is shown is read: feedback and its explanation, open explanations of words', async ({ page }) => {
  await stubSpeech(page, [{ lang: 'fr-FR', name: 'Amélie' }]);
  const readAll = async () => {
    await page.getByRole('button', { name: 'Écouter' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Lecture en cours.' })).toBeVisible();
    for (let i = 0; i < 80; i++) {
      if (await page.getByText('Lecture terminée.').isVisible()) break;
      await page.evaluate(() => (window as any).__end());
    }
    const spoken: string[] = await page.evaluate(() => (window as any).__spoken.map((s: any) => s.text));
    await page.evaluate(() => { (window as any).__spoken.length = 0; });
    return spoken;
  };
  // A wrong answer: the feedback's explanation is read, after the title.
  await page.goto('/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:a');
  await hydrated(page);
  let spoken = await readAll();
  expect(spoken).toContain("Ce n'est pas tout à fait ça.");
  expect(spoken.some((t) => t.includes('Vous avez choisi') && t.includes('Il manque le signe @'))).toBe(true);
  // Nothing is read twice.
  expect(new Set(spoken).size).toBe(spoken.length);

  // A glossary word: its explanation is read only once it is open.
  await page.goto('/modules/piece-jointe/joindre-un-fichier/dans-l-enveloppe');
  await hydrated(page);
  const summary = page.locator('.glossaire summary').first();
  const term = (await summary.textContent())!.trim();
  spoken = await readAll();
  expect(spoken.map((t) => t.trim())).toContain(term);
  expect(spoken.some((t) => t.includes('Un fichier envoyé avec un e-mail'))).toBe(false);
  await summary.click();
  spoken = await readAll();
  expect(spoken.some((t) => t.includes('Un fichier envoyé avec un e-mail'))).toBe(true);
});
