// Share links for a funder (issue 21, item 6): on the statistics page a coordinator makes a
// secret link to the period's figures (the full link shown once), opens it signed out (the
// aggregated figures, no names, "moins de 5" for small groups, not indexed), then revokes
// it: the link then says it no longer works (404). JavaScript on and off (the projects),
// with accessibility scans of both pages.
import { test, expect } from '@playwright/test';
import { expectAccessible, signInStaff } from './helpers';

test('a coordinator shares the figures of a period with a funder, then revokes the link', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const javaScriptEnabled = test.info().project.use.javaScriptEnabled !== false;
  const label = `Fondation ${javaScriptEnabled ? 'JS' : 'sans JS'} ${Date.now()}`;
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole/statistiques?du=2026-01-01&au=2026-12-31');
  const section = page.getByRole('region', { name: 'Partager ces chiffres avec un financeur' });
  await expect(section).toBeVisible();
  await section.getByLabel('Pour qui ?').fill(label);
  await section.getByRole('button', { name: 'Créer le lien' }).click();
  await expect(page).toHaveURL(/\/benevole\/statistiques\?du=2026-01-01&au=2026-12-31&lien=/);

  // The full link, shown once, with what it shows.
  await expect(page.getByText('il ne sera plus affiché')).toBeVisible();
  await expect(page.getByText('sans aucun nom')).toBeVisible();
  const link = (await page.locator('code.share-link').textContent())?.trim() ?? '';
  expect(link).toMatch(/\/partage\/[A-Za-z0-9_-]{43}$/);
  const row = section.getByRole('row').filter({ hasText: label });
  await expect(row).toContainText('Actif');
  await expectAccessible(page);
  await page.reload();
  await expect(page.locator('code.share-link')).toHaveCount(0);

  // Opened signed out, in another browser.
  const path = new URL(link).pathname;
  const funder = await browser.newContext({ baseURL, javaScriptEnabled });
  const shared = await funder.newPage();
  const res = await shared.goto(path);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['cache-control']).toBe('no-store');
  expect(res?.headers()['referrer-policy']).toBe('no-referrer');
  expect(res?.headers()['x-robots-tag']).toContain('noindex');
  await expect(shared.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
  await expect(shared.getByRole('heading', { level: 1 })).toContainText('du 1er janvier 2026 au 31 décembre 2026');
  await expect(shared.getByRole('heading', { name: 'Personnes accompagnées', exact: true })).toBeVisible();
  await expect(shared.getByRole('heading', { name: 'Par bénévole' })).toHaveCount(0);
  await expect(shared.getByText(label)).toHaveCount(0);
  await expectAccessible(shared);
  await expectAccessible(shared, { print: true });
  const json = await funder.request.get(`${path}.json`);
  expect(json.status()).toBe(200);
  expect((await json.json()).from).toBe('2026-01-01');

  // Revoked: the page and the JSON say the link no longer works.
  await row.getByRole('button', { name: /Retirer ce lien/ }).click();
  await expect(page.getByText('Le lien est retiré')).toBeVisible();
  await expect(section.getByRole('row').filter({ hasText: label })).toContainText('Retiré le');
  const gone = await shared.goto(path);
  expect(gone?.status()).toBe(404);
  await expect(shared.getByRole('heading', { name: 'Ce lien ne fonctionne plus' })).toBeVisible();
  await expectAccessible(shared);
  expect((await funder.request.get(`${path}.json`)).status()).toBe(404);
  await funder.close();
});

test('a volunteer who is not a coordinator is not offered a share link', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/statistiques');
  await expect(page.getByRole('button', { name: 'Créer le lien' })).toHaveCount(0);
});
