// "Every visit planned from the last" (issue 20, item 6): a session of one learner ends with
// the next visit booked in a free slot of the learner's zone, and the hand-off sheet prints
// it. JavaScript on and off, axe-core on each page, the sheet readable at 320 px.
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, expectNoHorizontalScroll, signInStaff } from './helpers';

test('a session ends with the next visit booked, and the hand-off sheet prints it', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const stamp = Date.now() % 100_000;
  const zone = `Suite ${project} ${stamp}`;
  const commune = `Hameau ${project} ${stamp}`;
  const learner = createLearner('Suite');

  // The territory and Sacha's availability, on a day of its own per project (the demo
  // database is shared by the JS-on and JS-off runs).
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole/equipe/zones');
  await page.getByLabel('Nom de la zone').fill(zone);
  await page.getByRole('button', { name: 'Créer la zone' }).click();
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: zone }) });
  await card.getByLabel('Code postal').fill('64998');
  await card.getByLabel('Commune').fill(commune);
  await card.getByRole('button', { name: /Ajouter la commune/ }).click();
  await expect(page.getByRole('status')).toContainText('La commune est ajoutée.');
  const ahead = project === 'js' ? 16 : 17;
  const day = new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);
  await page.goto('/benevole/agenda/disponibilites');
  await page.getByLabel('Ou un seul jour').fill(day);
  await page.locator('#dispo-debut').fill('11:00');
  await page.locator('#dispo-fin').fill('12:00');
  await page.getByLabel(zone).check();
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('La disponibilité est ajoutée.');

  // The learner lives in that commune.
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: learner.name }).first().click();
  const learnerPath = new URL(page.url()).pathname;
  await page.goto(`${learnerPath}/profil`);
  await page.getByLabel('Commune').fill(commune);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Les informations sont enregistrées.')).toBeVisible();

  // The session, with its next visit.
  await page.goto(`${learnerPath}/seance`);
  await expect(page.getByRole('group', { name: 'Prochaine visite', exact: true })).toBeVisible();
  await expect(page.getByText(`Les prochains créneaux libres de la zone ${zone}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('Accompagnement individuel').check();
  await page.getByLabel('À distance').check();
  await page.getByLabel('45 min').check();
  await page.getByLabel('Téléphone', { exact: true }).check();
  await page.getByLabel('Santé', { exact: true }).check();
  await page.getByLabel(new RegExp(`11 h – 12 h : Sacha · à domicile \\(${zone}\\)`)).check();
  await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');

  // The hand-off sheet prints the next appointment, on a 320 px phone too.
  await page.getByRole('link', { name: /^Imprimer la fiche/ }).first().click();
  const next = page.getByRole('region', { name: 'Votre prochain rendez-vous' });
  await expect(next).toContainText('à 11 h');
  await expect(next).toContainText('À domicile');
  await expect(next).toContainText('Avec Sacha.');
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await expectAccessible(page, { print: true });

  // The shared agenda shows the appointment.
  await page.goto(`/benevole/agenda?semaine=${day}`);
  await expect(page.getByRole('link', { name: new RegExp(learner.name) })).toBeVisible();
});
