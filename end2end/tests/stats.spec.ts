// The statistics page (issue 21, item 4): a coordinator chooses a period in a GET form and
// reads the structure's figures, each chart (server-drawn SVG) with its table; the page
// prints as a report. JavaScript on and off, with accessibility scans on screen and in
// print. A volunteer who is not a coordinator is refused.
import { test, expect } from '@playwright/test';
import { expectAccessible, signInStaff } from './helpers';

test('a coordinator reads the statistics of a period and prints them', async ({ page }) => {
  test.setTimeout(90_000);
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole');
  await page.getByRole('link', { name: 'Statistiques' }).click();
  await expect(page).toHaveURL(/\/benevole\/statistiques$/);
  // The last twelve months by default, the structure's name in the heading.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Statistiques —');
  await expect(page.getByRole('heading', { name: 'Ce que les personnes en disent' })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel('Du', { exact: true }).fill('2026-01-01');
  await page.getByLabel('Au', { exact: true }).fill('2026-12-31');
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/du=2026-01-01&au=2026-12-31/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('du 1er janvier 2026 au 31 décembre 2026');
  // Every chart is one image named by its title, followed by its table.
  for (const img of await page.locator('svg[role="img"]').all()) {
    await expect(img).toHaveAccessibleName(/.+/);
  }
  await expectAccessible(page);
  await expectAccessible(page, { print: true });

  // The end before the start: said, nothing counted.
  await page.goto('/benevole/statistiques?du=2026-12-31&au=2026-01-01');
  await expect(page.getByRole('alert')).toContainText('La période');
  await expectAccessible(page);
});

test('a volunteer who is not a coordinator is refused the statistics', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  const res = await page.goto('/benevole/statistiques');
  expect(res?.status()).toBe(403);
  await expect(page.getByText('réservée aux coordinateurs')).toBeVisible();
});
