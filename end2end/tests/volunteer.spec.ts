import { execFileSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { createLearner, SERVER_BIN, serverEnv } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

test("a volunteer signs in and sees each learner's progress per lesson", async ({ browser, baseURL }) => {
  const learner = createLearner('Suivi');
  const learnerContext = await browser.newContext({ baseURL });
  const lp = await learnerContext.newPage();
  await signInLearner(lp, learner.code);
  await lp.goto('/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier');
  await lp.getByRole('button', { name: 'Suivant' }).click();
  await expect(lp.getByText('Étape 2 sur 6')).toBeVisible();
  await lp.getByRole('button', { name: 'Suivant' }).click();
  await expect(lp.getByText('Étape 3 sur 6')).toBeVisible();
  await learnerContext.close();

  const volunteerContext = await browser.newContext({ baseURL });
  const page = await volunteerContext.newPage();
  await signInStaff(page, 'demo.benevole');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes apprenants');
  // Nothing to look at first: one row of the table, with the lesson in progress.
  const row = page.getByRole('row', { name: new RegExp(learner.name) });
  await expect(row).toContainText('L\'adresse, c\'est l\'enveloppe');
  await expect(row).toContainText('2 / 6 étapes faites');
  await expect(row).toContainText("à l'instant");
  // The card's code is on the learner's page.
  await row.getByRole('link', { name: learner.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(learner.name);
  await expect(page.getByText(learner.code)).toBeVisible();
  await volunteerContext.close();
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/benevole/connexion');
  await page.getByLabel('Identifiant').fill('demo.benevole');
  await page.getByLabel('Mot de passe').fill('pas-le-bon');
  await page.getByRole('button', { name: 'Me connecter' }).click();
  await expect(page.getByRole('alert')).toContainText("L'identifiant ou le mot de passe est faux");
});

test('a trainer signs in to the staff area', async ({ page }) => {
  // A trainer-only account lands on the trainers' page (issue 22 item 5).
  await signInStaff(page, 'demo.formateur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les leçons et leur état');
  await page.getByRole('button', { name: 'Me déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté')).toBeVisible();
});

test('a coordinator draws a zone with its communes and volunteers, and adds a place', async ({ page }) => {
  // Each project (JS on, JS off) has its own names: the demo database is shared.
  const project = test.info().project.name;
  const zone = `Zone ${project} ${Date.now() % 100_000}`;
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole/equipe');
  await page.getByRole('link', { name: 'Les zones et les lieux du territoire' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Zones et lieux');
  await expectAccessible(page);

  await page.getByLabel('Nom de la zone').fill(zone);
  await page.getByRole('button', { name: 'Créer la zone' }).click();
  await expect(page.getByRole('status')).toContainText('La zone est créée.');
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: zone }) });
  await expect(card).toBeVisible();

  // A wrong postcode is refused with its message; what was typed stays.
  await card.getByLabel('Code postal').fill('641');
  await card.getByLabel('Commune').fill('Morlaàs');
  await card.getByRole('button', { name: /Ajouter la commune/ }).click();
  const again = page.locator('li.card', { has: page.getByRole('heading', { name: zone }) });
  await expect(again.getByRole('alert')).toContainText('Le code postal a 5 chiffres');
  await expect(again.getByLabel('Commune')).toHaveValue('Morlaàs');
  await expectAccessible(page);
  await again.getByLabel('Code postal').fill(project === 'js' ? '64160' : '64000');
  await again.getByRole('button', { name: /Ajouter la commune/ }).click();
  await expect(page.getByRole('status')).toContainText('La commune est ajoutée.');

  const zoneCard = page.locator('li.card', { has: page.getByRole('heading', { name: zone }) });
  await zoneCard.getByLabel('Camille').check();
  await zoneCard.getByRole('button', { name: /Enregistrer les bénévoles/ }).click();
  await expect(page.getByRole('status')).toContainText('Les bénévoles de la zone sont enregistrés.');
  await expect(page.locator('li.card', { has: page.getByRole('heading', { name: zone }) }).getByLabel('Camille')).toBeChecked();

  await page.getByLabel('Nom du lieu').fill(`Médiathèque ${zone}`);
  await page.getByLabel('Adresse').fill('2 place de la Mairie, 64160 Morlaàs');
  await page.getByLabel('Zone', { exact: true }).selectOption({ label: zone });
  await page.getByRole('button', { name: 'Ajouter le lieu' }).click();
  await expect(page.getByRole('status')).toContainText('Le lieu est ajouté.');
  await expect(page.locator('#lieux')).toContainText(`Zone : ${zone}`);
  await expectAccessible(page);
});

test('a volunteer sets an availability, takes a call and books the slot proposed; the week shows it at 320 px', async ({ page }, testInfo) => {
  const project = testInfo.project.name;
  const stamp = Date.now() % 100_000;
  const zone = `Agenda ${project} ${stamp}`;
  const commune = `Bourg ${project} ${stamp}`;
  // The territory (coordinator): a zone, its commune, Camille covers it.
  await signInStaff(page, 'demo.coordination');
  await page.goto('/benevole/equipe/zones');
  await page.getByLabel('Nom de la zone').fill(zone);
  await page.getByRole('button', { name: 'Créer la zone' }).click();
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: zone }) });
  await card.getByLabel('Code postal').fill('64999');
  await card.getByLabel('Commune').fill(commune);
  await card.getByRole('button', { name: /Ajouter la commune/ }).click();
  await expect(page.getByRole('status')).toContainText('La commune est ajoutée.');

  // Sacha's availability: home visits in that zone, on a day in two weeks.
  // A day of its own per project: the demo database is shared, and the slot gets booked.
  const ahead = project === 'js' ? 14 : 15;
  const day = new Date(Date.now() + ahead * 86_400_000).toISOString().slice(0, 10);
  await page.goto('/benevole/agenda/disponibilites');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes disponibilités');
  await page.getByLabel('Ou un seul jour').fill(day);
  await page.locator('#dispo-debut').fill('09:00');
  await page.locator('#dispo-fin').fill('10:00');
  await page.getByLabel(zone).check();
  await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('La disponibilité est ajoutée.');
  await expectAccessible(page);

  // Changed in place: 9–10 h becomes 9–10 h 30 (still one slot), its zone still ticked.
  const mine = page.locator('li.card', { hasText: zone });
  await mine.getByRole('link', { name: /^Modifier : / }).click();
  await expect(page.getByRole('heading', { name: 'Modifier cette disponibilité' })).toBeVisible();
  await expect(page.locator('#dispo-debut')).toHaveValue('09:00');
  await expect(page.getByLabel(zone)).toBeChecked();
  await page.locator('#dispo-fin').fill('10:30');
  await page.getByRole('button', { name: 'Enregistrer les changements' }).click();
  await expect(page.getByRole('status')).toContainText('La disponibilité est modifiée.');
  await expect(mine).toContainText('9 h – 10 h 30');
  await expect(page.locator('li.card', { hasText: zone })).toHaveCount(1);

  // The call: the commune's zone is found, the slot proposed, booked.
  await page.goto('/benevole/appel');
  await page.getByLabel('Prénom').fill(`Marcelle ${stamp}`);
  await page.getByLabel('Pas de téléphone').check();
  await page.getByLabel('Code postal').fill('64999');
  await page.getByLabel('Commune').fill(commune);
  await page.getByLabel('Les e-mails').check();
  await page.getByRole('button', { name: 'Voir les créneaux libres' }).click();
  await expect(page.getByText(`Zone : ${zone}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
  await expect(page.getByRole('status')).toContainText('Le rendez-vous est réservé.');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Marcelle ${stamp}`);
  await expectAccessible(page);

  // Cancelled: the slot is free again and Marcelle is to call back; from the list, she is
  // booked again, in her zone, and leaves the list.
  await page.getByLabel('Statut').selectOption({ label: 'annulé' });
  await page.getByRole('button', { name: 'Enregistrer le statut' }).click();
  await expect(page.getByRole('status')).toContainText('Le statut est enregistré.');
  await page.goto('/benevole/agenda/a-rappeler');
  await page.getByRole('link', { name: `Prendre rendez-vous pour Marcelle ${stamp}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rendez-vous pour Marcelle ${stamp}`);
  await expect(page.getByText(`Sa zone : ${zone}`)).toBeVisible();
  await expect(page.getByRole('radio').first()).toBeChecked();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Réserver ce créneau' }).click();
  await expect(page.getByRole('status')).toContainText('Le rendez-vous est réservé.');
  await page.goto('/benevole/agenda/a-rappeler');
  await expect(page.getByText(`Marcelle ${stamp}`)).toHaveCount(0);
  // Found again by her first name from the agenda, with what is planned.
  await page.goto('/benevole/agenda');
  await page.getByRole('link', { name: 'Rendez-vous pour une personne suivie' }).click();
  await page.getByLabel('Prénom de la personne').fill(`marcelle ${stamp}`);
  await page.getByRole('button', { name: 'Chercher' }).click();
  await page.getByRole('link', { name: `Prendre rendez-vous pour Marcelle ${stamp}` }).click();
  await expect(page.getByRole('heading', { name: 'Déjà prévu' })).toBeVisible();
  await expectAccessible(page);

  // The shared week, on a 320 px phone: nothing wider than the screen.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`/benevole/agenda?semaine=${day}`);
  // Her cancelled appointment and the one booked again: both in the week.
  await expect(page.getByRole('link', { name: new RegExp(`Marcelle ${stamp}`) })).toHaveCount(2);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(320);
  await expectAccessible(page);
});

test('the calendar link is shown once, then said to be active, and works until revoked', async ({ page, request }) => {
  // A volunteer of its own per project: making a link replaces the previous one.
  const tag = `${test.info().project.name}-${Date.now() % 1_000_000}`;
  execFileSync(
    SERVER_BIN,
    ['add-staff', '--structure', 'Association de démonstration', '--username', `agenda.${tag}`,
      '--name', `Agenda ${tag}`, '--role', 'volunteer'],
    { env: { ...process.env, ...serverEnv }, input: 'cheval-orange-velo-lune-42\n' },
  );
  await signInStaff(page, `agenda.${tag}`, 'cheval-orange-velo-lune-42');
  await page.goto('/benevole/agenda/disponibilites');
  await page.getByRole('button', { name: 'Créer mon lien' }).click();
  await expect(page.getByRole('status')).toContainText('Votre lien est prêt.');
  const link = (await page.locator('code.feed-link').textContent())!.trim();
  expect(link).toContain('/calendrier/');
  await expect(page.getByText('il ne sera plus affiché')).toBeVisible();
  await expectAccessible(page);
  const feed = await request.get(link);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');

  // Shown once: the page of later visits says a link is active, without it.
  await page.goto('/benevole/agenda/disponibilites');
  await expect(page.getByText('Votre lien secret marche depuis le')).toBeVisible();
  await expect(page.locator('code.feed-link')).toHaveCount(0);
  await page.getByRole('button', { name: 'Supprimer mon lien' }).click();
  await expect(page.getByRole('status')).toContainText('il ne marche plus');
  expect((await request.get(link)).status()).toBe(404);
});
