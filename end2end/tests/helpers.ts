import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** Signs in as a learner with their code, as a learner would; the first time, answers
 * the privacy page (nothing is chosen for the learner: "Oui", then "Continuer"). */
export async function signInLearner(page: Page, code: string) {
  await page.goto('/connexion');
  await page.getByLabel('Mon code').fill(code);
  await page.getByRole('button', { name: 'Entrer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/Bonjour|Bienvenue/);
  if (page.url().endsWith('/bienvenue')) {
    await page.getByLabel("Oui, je suis d'accord").check();
    await page.getByRole('button', { name: 'Continuer' }).click();
  }
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
}

/** Signs in as a member of staff: each lands on their main role's page (the trainers'
 * area for a trainer-only account, the programme's page for its administrator, the
 * volunteers' dashboard otherwise). */
export async function signInStaff(page: Page, username: string, password = 'demo-pas-a-pas') {
  await page.goto('/benevole/connexion');
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Me connecter' }).click();
  const home = { 'demo.formateur': /\/formateur$/, 'demo.programme': /\/programme$/ }[username];
  await expect(page).toHaveURL(home ?? /\/benevole$/);
}

/**
 * Runs axe-core on the page and expects no WCAG 2.x A/AA violation.
 *
 * axe needs JavaScript in the page. With JavaScript off, the same URL is opened in a
 * JavaScript-enabled page with the same cookies whose own scripts (the islands' JS and
 * WebAssembly) are blocked, so the scanned DOM is exactly the server-rendered HTML.
 */
export async function expectAccessible(page: Page, options: { print?: boolean } = {}) {
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
    if (options.print) await target.emulateMedia({ media: 'print' });
    const results = await new AxeBuilder({ page: target })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
      .analyze();
    const summary = results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    );
    expect(summary, `axe violations on ${page.url()}`).toEqual([]);
  } finally {
    if (options.print) await target.emulateMedia({ media: 'screen' });
    await context?.close();
  }
}

/** Presses Tab until `target` has the focus (keyboard-only journeys). */
export async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    try {
      await expect(target).toBeFocused({ timeout: 50 });
      return;
    } catch {
      // not yet
    }
  }
  throw new Error(`Tab never reached ${target}`);
}

/** No horizontal scrolling: the page fits the window's width. */
export async function expectNoHorizontalScroll(page: Page) {
  const box = await page.locator('body').boundingBox();
  const width = page.viewportSize()!.width;
  // Every element's right edge within the viewport (works without page JavaScript).
  const widest = await page.locator('body *').evaluateAll((els) =>
    Math.max(0, ...els.map((e) => e.getBoundingClientRect().right)),
  ).catch(() => null);
  expect(box!.width).toBeLessThanOrEqual(width);
  if (widest !== null) expect(widest).toBeLessThanOrEqual(width + 1);
}
