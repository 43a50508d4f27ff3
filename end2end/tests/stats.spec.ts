// The statistics page (issue 21, item 4): a coordinator chooses a period in a GET form and
// reads the structure's figures, each chart (server-drawn SVG) with its table; the page
// prints as a report. JavaScript on and off, with accessibility scans on screen and in
// print. A volunteer who is not a coordinator is refused.
import * as fs from 'node:fs';
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

// The exports (issue 21, item 6): beside the figures, the statistics and the sessions of
// the period as CSV (French Excel: a byte order mark, `;`) and XLSX; on "Mes séances" too.
test('a coordinator downloads the statistics and the sessions of the period', async ({ page }) => {
  test.setTimeout(90_000);
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole/statistiques?du=2026-01-01&au=2026-12-31');
  const period = 'du=2026-01-01&au=2026-12-31';
  const links = page.getByRole('navigation', { name: 'Téléchargements' });
  for (const [name, href] of [
    ['Télécharger ces statistiques (tableur, CSV)', `/benevole/statistiques.csv?${period}`],
    ['Télécharger ces statistiques (Excel, XLSX)', `/benevole/statistiques.xlsx?${period}`],
    ['Télécharger les séances de la période (tableur, CSV)', `/benevole/seances.csv?${period}`],
    ['Télécharger les séances de la période (Excel, XLSX)', `/benevole/seances.xlsx?${period}`],
  ]) {
    await expect(links.getByRole('link', { name, exact: true })).toHaveAttribute('href', href);
  }
  await expectAccessible(page);

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    links.getByRole('link', { name: 'Télécharger ces statistiques (tableur, CSV)' }).click(),
  ]);
  expect(csv.suggestedFilename()).toBe('statistiques-2026-01-01-2026-12-31.csv');
  const body = fs.readFileSync(await csv.path());
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = body.toString('utf8');
  expect(text).toContain('Statistiques — ');
  expect(text).toContain('\r\n');
  expect(text).toMatch(/Séances;\d+\r\n/);

  const [xlsx] = await Promise.all([
    page.waitForEvent('download'),
    links.getByRole('link', { name: 'Télécharger ces statistiques (Excel, XLSX)' }).click(),
  ]);
  expect(xlsx.suggestedFilename()).toBe('statistiques-2026-01-01-2026-12-31.xlsx');
  // A zip archive, as every XLSX file.
  expect(fs.readFileSync(await xlsx.path()).subarray(0, 2).toString('latin1')).toBe('PK');

  // "Mes séances": the sessions of the period typed, both ways.
  await page.goto(`/benevole/seances?${period}`);
  await expect(page.getByRole('link', { name: 'Télécharger les séances de la période (tableur, CSV)' }))
    .toHaveAttribute('href', `/benevole/seances.csv?${period}`);
  await expect(page.getByRole('link', { name: 'Télécharger les séances de la période (Excel, XLSX)' }))
    .toHaveAttribute('href', `/benevole/seances.xlsx?${period}`);
  const [sessions] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Télécharger les séances de la période (tableur, CSV)' }).click(),
  ]);
  expect(sessions.suggestedFilename()).toBe('seances-2026-01-01-2026-12-31.csv');
  const rows = fs.readFileSync(await sessions.path()).toString('utf8');
  expect(rows.startsWith('\uFEFFdate;type_accompagnement;')).toBe(true);
});

test('a volunteer who is not a coordinator is refused the statistics\' downloads', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  for (const path of ['/benevole/statistiques.csv', '/benevole/statistiques.xlsx']) {
    const res = await page.goto(path);
    expect(res?.status()).toBe(403);
    await expect(page.getByText('réservée aux coordinateurs')).toBeVisible();
  }
});
