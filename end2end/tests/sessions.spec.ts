// Sessions as La Coop de la médiation numérique records them (issue 21, part 1): a session
// with the Coop's fields, "Mes séances" with a filter, a correction with its history, and
// a deletion. JavaScript on and off, with an accessibility scan of every page.
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInStaff } from './helpers';

test('a volunteer logs, finds, corrects and deletes a session', async ({ page }) => {
  test.setTimeout(90_000);
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: 'Jeanne' }).first().click();
  const learner = new URL(page.url()).pathname;
  await page.goto(`${learner}/seance`);
  await expect(page.getByText('jamais à sa place')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Accompagnement individuel').check();
  await page.getByLabel('À distance').check();
  await page.getByLabel('45 min').check();
  await page.getByLabel('Téléphone', { exact: true }).check();
  await page.getByLabel('Santé', { exact: true }).check();
  await page.getByLabel('Autonome', { exact: true }).check();
  await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');

  await page.goto('/benevole/seances?type=individuel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes séances');
  await expect(page.getByText('Accompagnement individuel — À distance').first()).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: /^Corriger/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Corriger une séance');
  await expect(page.getByLabel('45 min')).toBeChecked();
  await page.getByLabel('60 min').check();
  await page.getByRole('button', { name: 'Enregistrer les corrections' }).click();
  await expect(page.getByText('Les corrections sont enregistrées.')).toBeVisible();
  await page.getByRole('link', { name: /^Corriger/ }).first().click();
  await expect(page.getByText('Durée : 45 → 60')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Oui, je veux supprimer cette séance').check();
  await page.getByRole('button', { name: 'Supprimer la séance' }).click();
  await expect(page.getByText('La séance est supprimée.')).toBeVisible();
});

test('a learner\'s attributes for statistics are optional', async ({ page }) => {
  // A learner of its own (the demo database is shared by the JS-on and JS-off runs).
  const learner = createLearner('Profil');
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: learner.name }).first().click();
  await page.getByRole('link', { name: /Informations pour les statistiques/ }).click();
  await expect(page.getByRole('group', { name: "Tranche d'âge" }).getByLabel('Non communiqué')).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel('70 ans et plus').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Les informations sont enregistrées.')).toBeVisible();
  await expect(page.getByLabel('70 ans et plus')).toBeChecked();
});
