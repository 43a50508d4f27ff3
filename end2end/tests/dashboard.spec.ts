// The volunteer's dashboard (issue 20 item 7): the search by first name and the filters are
// a GET form (JavaScript on and off), with the number found and a message when nothing is;
// 30 learners fit in a few screens of a 1366×768 laptop (it was 12,400 px tall), and the
// page reads at 320 px without scrolling sideways.
import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { createLearner, SERVER_BIN, serverEnv } from './server';
import { expectAccessible, expectNoHorizontalScroll, signInStaff } from './helpers';

/** A volunteer of the demo structure of their own (the demo database is shared by every
 * test), with `count` learners; returns the volunteer's username. */
function volunteerWithLearners(count: number): string {
  const tag = `${test.info().project.name}-${process.pid}-${Date.now() % 1_000_000}`;
  const username = `tableau.${tag}`;
  execFileSync(
    SERVER_BIN,
    ['add-staff', '--structure', 'Association de démonstration', '--username', username,
      '--name', `Claude ${tag}`, '--role', 'volunteer'],
    { env: { ...process.env, ...serverEnv }, input: 'cheval-orange-velo-lune-42\n' },
  );
  for (let i = 1; i <= count; i++) {
    execFileSync(
      SERVER_BIN,
      ['add-learner', '--name', `Personne ${i} ${tag}`, '--volunteer', username],
      { env: { ...process.env, ...serverEnv }, encoding: 'utf8' },
    );
  }
  return username;
}

test('the search by first name and the filters work as a plain form, and say what they found', async ({ page }) => {
  const prefix = `Cherche ${test.info().project.name} ${Date.now() % 100_000}`;
  const first = createLearner(`${prefix} Odette`);
  createLearner(`${prefix} Gaston`);
  await signInStaff(page, 'demo.benevole');
  await expect(page.getByRole('heading', { level: 2, name: "Aujourd'hui" })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Cette semaine' })).toBeVisible();

  // Both of them, by the part of the name they share.
  await page.getByLabel('Prénom', { exact: true }).fill(prefix.toUpperCase());
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/\/benevole\?nom=/);
  await expect(page.getByText('2 apprenants sur')).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(prefix) })).toHaveCount(2);
  await expect(page.getByLabel('Prénom', { exact: true })).toHaveValue(prefix.toUpperCase());
  await expectAccessible(page);

  // One of them.
  await page.getByLabel('Prénom', { exact: true }).fill(first.name);
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page.getByText('1 apprenant sur')).toBeVisible();
  await expect(page.getByRole('link', { name: first.name, exact: true })).toBeVisible();

  // With "Semble bloqué(e)": nobody new is stuck, and the page says so.
  await page.getByLabel('Semble bloqué(e)').check();
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/bloque=1/);
  await expect(page.getByText('Aucun de vos apprenants ne correspond à cette recherche.')).toBeVisible();
  await expect(page.getByLabel('Semble bloqué(e)')).toBeChecked();
  await expectAccessible(page);

  // "Tout afficher" empties the search.
  await page.getByRole('link', { name: 'Tout afficher' }).click();
  await expect(page.getByText(/^Vous suivez \d+ apprenants?\.$/)).toBeVisible();
  await expect(page.getByLabel('Semble bloqué(e)')).not.toBeChecked();

  // At 320 px: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/benevole?nom=${encodeURIComponent(prefix)}`);
  await expect(page.getByText('2 apprenants sur')).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('30 learners fit in a few screens of a 1366×768 laptop', async ({ page }) => {
  test.setTimeout(120_000);
  const username = volunteerWithLearners(30);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInStaff(page, username, 'cheval-orange-velo-lune-42');
  await expect(page.getByText('Vous suivez 30 apprenants.')).toBeVisible();
  await expect(page.locator('.learners-table tbody tr')).toHaveCount(30);
  // Measured through the browser's layout, without the page's JavaScript (JS off too).
  const height = (await page.locator('html').boundingBox())!.height;
  // Four screens at most (the cards of the previous dashboard made 12,400 px).
  expect(height).toBeLessThanOrEqual(4 * 768);
  // One line per learner on a laptop.
  const rows = page.locator('.learners-table tbody tr');
  for (let i = 0; i < 30; i++) {
    expect((await rows.nth(i).boundingBox())!.height).toBeLessThan(48);
  }
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
});
