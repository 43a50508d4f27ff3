// Small dead ends of the learner's pages (issue 19, item 6), JavaScript on and off.
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { signInLearner } from './helpers';

test('a wrong code stays in the "Mon code" box, to be corrected', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel('Mon code').fill('BIEN-VENX');
  await page.getByRole('button', { name: 'Entrer' }).click();
  await expect(page.getByRole('alert')).toContainText("Ce code n'existe pas");
  await expect(page.getByLabel('Mon code')).toHaveValue('BIEN-VENX');
  // Corrected in place, it works.
  await page.getByLabel('Mon code').fill('BIEN-VENU');
  await page.getByRole('button', { name: 'Entrer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Bonjour|Bienvenue/);
});

test('a word of the glossary opens its explanation when clicked', async ({ page }) => {
  const learner = createLearner('Glossaire');
  await signInLearner(page, learner.code);
  await page.goto('/modules/appel-video/recevoir-un-appel/navigateur');
  const details = page.locator('.glossaire details').filter({ hasText: 'Navigateur' });
  await expect(details).not.toHaveAttribute('open', '');
  await page.locator('#etape a.mot', { hasText: 'navigateur' }).first().click();
  await expect(page).toHaveURL(/#mot-navigateur$/);
  await expect(details).toHaveAttribute('open', '');
  await expect(page.locator('#mot-navigateur')).toBeVisible();
  await expect(page.locator('#mot-navigateur')).toBeInViewport();
});

test('the mouse gestures a page cannot see say so in plain words, with the keyboard way', async ({ page }) => {
  const jsOn = test.info().project.use.javaScriptEnabled !== false;
  const learner = createLearner('Gestes');
  await signInLearner(page, learner.code);
  await page.goto('/modules/souris-clavier/taper-du-texte/revision-gestes');
  await expect(page.locator('#exercice-gestes')).not.toContainText('JavaScript');
  const hints = page.locator('#exercice-gestes .needs-js');
  if (jsOn) {
    await expect(hints.first()).toBeHidden();
  } else {
    await expect(hints.first()).toContainText('appuyez sur la touche Entrée');
    await expect(hints.nth(1)).toContainText('Ctrl et X');
  }
});
