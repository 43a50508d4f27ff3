// Islands: what JavaScript adds. Run by the "js" project only (see playwright.config.ts).
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { signInLearner } from './helpers';

const LESSON = '/modules/email-la-poste/adresse-enveloppe';

test('with JavaScript, a second click on "Suivant" while saving does not send twice', async ({ page }) => {
  const learner = createLearner('Double');
  await signInLearner(page, learner.code);
  await page.goto(`${LESSON}/adresse`);
  // Wait for the island to hydrate (the WebAssembly is loaded when the browser is idle).
  await page.waitForFunction(() => (window as any).__hydrateIsland !== undefined);
  await page.waitForLoadState('networkidle');
  // Hold the save on the server side of the network until the test lets it go.
  let posts = 0;
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/suivant', async (route) => {
    posts += 1;
    await held;
    await route.continue();
  });
  const next = page.getByRole('button', { name: 'Suivant' });
  // A shaky double click: the second one comes while the first save is on its way.
  // (Read the page with evaluate: Playwright's locators wait for the held navigation.)
  const status = await next.evaluate(async (b: HTMLButtonElement) => {
    b.click();
    await new Promise((r) => setTimeout(r, 200));
    const text = document.querySelector('.saving')?.textContent;
    b.click();
    return text;
  });
  expect(status).toBe('Enregistrement…');
  release();
  await expect(page.getByText('Étape 3 sur 6')).toBeVisible();
  expect(posts).toBe(1);
});
