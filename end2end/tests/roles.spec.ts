import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

// Issue 22, item 5: each person lands on their main role's page, is offered only what
// they may do, and a refused page says which role it needs. Issue 19, item 8: a module
// someone started cannot be deleted; a module nobody started is archived, put back, and
// deleted (one created by this test: the shipped modules stay as they are for the other
// specs running at the same time).

test('a trainer-only account lands on the trainers area and is told which role the volunteers pages need', async ({ page }) => {
  await signInStaff(page, 'demo.formateur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les leçons et leur état');
  const nav = page.getByRole('navigation', { name: 'Menu principal' });
  await expect(nav.getByRole('link', { name: 'Espace formateur' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Espace bénévole' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Ajouter un apprenant' })).toHaveCount(0);

  const refused = await page.goto('/benevole/apprenants/nouveau');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('réservée aux bénévoles et aux coordinateurs');
  await expect(page.getByLabel('Prénom ou surnom')).toHaveCount(0);
  await expectAccessible(page);
});

test('a volunteer is told the trainers area is for trainers', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  const refused = await page.goto('/formateur');
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('réservée aux formateurs');
});

test('a module a learner started cannot be deleted: the trainer is told why and offered to archive it', async ({ page, browser }) => {
  const learner = createLearner('Module');
  const learnerPage = await browser.newPage();
  await signInLearner(learnerPage, learner.code);
  // A step that asks no confidence question: "Suivant" saves it.
  await learnerPage.goto('/modules/appel-video/bien-se-voir-et-s-entendre/face-a-la-camera');
  await learnerPage.getByRole('button', { name: 'Suivant' }).click();
  await expect(learnerPage).toHaveURL(/regarder-la-camera/);
  await learnerPage.close();

  await signInStaff(page, 'demo.formateur');
  const card = page.locator('section.trainer-module', { has: page.locator('#module-appel-video') });
  await card.getByLabel('Je veux supprimer ce module et toutes ses leçons').check();
  await card.getByRole('button', { name: 'Supprimer ce module' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce module ne peut pas être supprimé');
  await expect(page.getByRole('alert')).toContainText("Vous pouvez l'archiver à la place");
  await expect(page.getByRole('alert').getByRole('button', { name: 'Archiver ce module' })).toBeVisible();
  await expectAccessible(page);
  const served = await page.goto('/modules/appel-video');
  expect(served?.status()).toBe(200);
});

test('a module nobody started is archived, put back and deleted', async ({ page }) => {
  const title = `Module ${test.info().project.name} ${Date.now() % 1_000_000}`;
  await signInStaff(page, 'demo.formateur');
  await page.getByLabel('Titre du nouveau module').fill(title);
  await page.getByRole('button', { name: 'Créer' }).click();
  await expect(page).toHaveURL(/\/formateur\/editer/);
  await page.goto('/formateur');
  const card = page.locator('section.trainer-module', { hasText: title });
  await card.getByRole('button', { name: 'Archiver ce module' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le module est archivé.' })).toBeVisible();
  await expect(card.getByText('Archivé', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Remettre ce module en ligne' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le module est de nouveau en ligne.' })).toBeVisible();
  await card.getByLabel('Je veux supprimer ce module et toutes ses leçons').check();
  await card.getByRole('button', { name: 'Supprimer ce module' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Le module est supprimé.' })).toBeVisible();
  await expect(page.locator('section.trainer-module', { hasText: title })).toHaveCount(0);
});
