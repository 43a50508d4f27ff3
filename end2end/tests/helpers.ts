import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Signs in as a learner with their code, as a learner would; the first time, accepts
 * the privacy page ("Continuer"). */
export async function signInLearner(page: Page, code: string) {
  await page.goto('/connexion');
  await page.getByLabel('Mon code').fill(code);
  await page.getByRole('button', { name: 'Entrer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Bonjour|Bienvenue/);
  if (page.url().endsWith('/bienvenue')) {
    await page.getByRole('button', { name: 'Continuer' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
}

/** Signs in as a member of staff. */
export async function signInStaff(page: Page, username: string, password = 'demo-pas-a-pas') {
  await page.goto('/benevole/connexion');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page).toHaveURL(/\/benevole$/);
}

/**
 * Runs axe-core on the page and expects no WCAG 2.x A/AA violation.
 *
 * axe needs JavaScript in the page. With JavaScript off, the same URL is opened in a
 * JavaScript-enabled page with the same cookies whose own scripts (the islands' JS and
 * WebAssembly) are blocked, so the scanned DOM is exactly the server-rendered HTML.
 */
export async function expectAccessible(page: Page) {
  const jsOff = test.info().project.use.javaScriptEnabled === false;
  let target = page;
  const browser = page.context().browser();
  const context = jsOff && browser
    ? await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: true })
    : undefined;
  try {
    if (context) {
      await context.addCookies(await page.context().cookies());
      await context.route(/\/pkg\/.*\.(js|wasm)$/, (route) => route.abort());
      target = await context.newPage();
      await target.goto(page.url());
    }
    const results = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  } finally {
    await context?.close();
  }
}
