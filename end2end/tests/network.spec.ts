import { test, expect } from '@playwright/test';
import { expectAccessible, signInStaff } from './helpers';

// Issue 22, items 1 and 2: the programme's administrator creates a territory and a
// structure, invites the structure's coordinator and reads the programme's report; the
// territory's page; a volunteer is told which role the programme's page needs. Names are
// tagged: other specs run at the same time on the same demo data.

test('the programme administrator creates a territory and a structure, invites its coordinator and reads the report', async ({ page }) => {
  const tag = `${Date.now()}`;
  const territory = `Territoire ${tag}`;
  await signInStaff(page, 'demo.programme');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le programme');
  await expectAccessible(page);

  const territoryForm = page.locator('form', { has: page.getByLabel('Nom du territoire') });
  await territoryForm.getByLabel('Nom du territoire').fill(territory);
  await territoryForm.getByRole('button', { name: 'Créer' }).click();
  await expect(page.locator('.message.success')).toContainText('Le territoire est créé.');

  const structureForm = page.locator('form', { has: page.getByLabel('Nom de la structure') });
  await structureForm.getByLabel('Nom de la structure').fill(`Médiathèque ${tag}`);
  await structureForm.getByLabel('Son territoire').selectOption({ label: territory });
  await structureForm.getByLabel('Son milieu').selectOption({ label: 'Rural' });
  await structureForm.getByRole('button', { name: 'Créer' }).click();
  await expect(page.locator('.message.success')).toContainText('La structure est créée.');
  const structures = page.getByRole('table', { name: 'Structures', exact: true });
  await expect(structures.getByRole('row', { name: new RegExp(`Médiathèque ${tag}`) })).toContainText('Rural');

  await page.getByLabel('Structure', { exact: true }).selectOption({ label: `Médiathèque ${tag}` });
  await page.getByLabel('Prénom de la personne').fill('Inès');
  await page.getByRole('button', { name: 'Créer le lien' }).click();
  await expect(page.locator('.invitation-url')).toContainText('/invitation/');
  await expectAccessible(page);

  await page.goto('/programme?du=2026-01-01&au=2026-12-31');
  await expect(page.getByRole('table', { name: 'Structure par structure' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Par milieu : urbain, périurbain, rural' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('link', { name: territory }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Territoire — ${territory}`);
  await expect(
    page.getByRole('table', { name: 'Structures', exact: true }).getByRole('row', { name: new RegExp(`Médiathèque ${tag}`) }),
  ).toBeVisible();
  await expectAccessible(page);
});

test('a volunteer is told the programme page is for its administrators', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  const refused = await page.goto('/programme');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('réservée aux administrateurs du programme');
  await expectAccessible(page);
});
