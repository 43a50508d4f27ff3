// The whole follow-up, as the people do it: a volunteer creates a learner and prints the
// card; the learner signs in, does part of a lesson and asks for help; the volunteer sees
// the request, logs a home session with a note, advises two lessons and prints the
// hand-off sheet; the learner sees the advised lessons first. JavaScript on and off, with
// an accessibility scan of every page on the way.
import { test, expect } from '@playwright/test';
import { expectAccessible, signInStaff } from './helpers';

test('a volunteer and a learner follow up a home session', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const name = `Lucienne ${test.info().project.name} ${Date.now() % 100000}`;
  const volunteerContext = await browser.newContext({ baseURL });
  const volunteer = await volunteerContext.newPage();
  await signInStaff(volunteer, 'demo.benevole');
  await expectAccessible(volunteer);

  // Create the learner: a first name only.
  await volunteer.getByRole('link', { name: 'Ajouter un apprenant' }).first().click();
  await expectAccessible(volunteer);
  await volunteer.getByLabel('Prénom ou surnom').fill(name);
  await volunteer.getByRole('button', { name: 'Créer et imprimer la carte' }).click();
  await expect(volunteer.getByText('Le compte est créé.')).toBeVisible();
  const code = (await volunteer.locator('.card-code').textContent())!.trim();
  expect(code).toMatch(/^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
  await expectAccessible(volunteer);
  // The card prints alone: name, code and QR code; the site's menus are hidden.
  await volunteer.emulateMedia({ media: 'print' });
  await expect(volunteer.locator('.login-card')).toBeVisible();
  await expect(volunteer.locator('.login-card .card-code')).toHaveText(code);
  await expect(volunteer.locator('.login-card svg')).toBeVisible();
  await expect(volunteer.locator('.site-header')).toBeHidden();
  await volunteer.emulateMedia({ media: 'screen' });

  // The learner signs in with the card, reads who sees their progress, starts a lesson.
  const learnerContext = await browser.newContext({ baseURL });
  const learner = await learnerContext.newPage();
  await learner.goto('/connexion');
  await learner.getByLabel('Mon code').fill(code);
  await learner.getByRole('button', { name: 'Entrer' }).click();
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText(`Bienvenue ${name}`);
  await expectAccessible(learner);
  await learner.getByLabel("Oui, je suis d'accord").check();
  await learner.getByRole('button', { name: 'Continuer' }).click();
  await learner.goto('/modules/souris-clavier/cliquer');
  await learner.getByRole('button', { name: 'Suivant' }).click();
  await expect(learner.getByText(/Étape 2 sur/)).toBeVisible();

  // … and asks for help.
  await learner.getByRole('link', { name: "J'ai besoin d'aide" }).click();
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText("Demander de l'aide");
  await expectAccessible(learner);
  await learner.getByLabel(/Quelques mots/).fill('Je ne comprends pas le pointeur.');
  await learner.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(learner.getByText('Votre demande est envoyée.')).toBeVisible();

  // The volunteer sees the request first, and answers it.
  await volunteer.goto('/benevole');
  await expect(volunteer.getByText('Je ne comprends pas le pointeur.')).toBeVisible();
  const card = volunteer.getByRole('region', { name: name });
  await expect(card.getByText("A demandé de l'aide")).toBeVisible();
  await expectAccessible(volunteer);
  const request = volunteer.locator('.help-request', { hasText: 'Je ne comprends pas le pointeur.' });
  await request.getByLabel(/Une réponse pour la personne/).fill('Je viens mardi, on regardera ensemble.');
  await request.getByRole('button', { name: /Marquer comme traitée/ }).click();
  await expect(volunteer.getByText('La demande est marquée comme traitée.')).toBeVisible();

  // The request answered, nothing else to look at: the learner is a row of the table now.
  // A home session: a note and two lessons to practise, found with the search.
  await volunteer.getByRole('row', { name: new RegExp(name) }).getByRole('link', { name }).click();
  await expect(volunteer.getByRole('heading', { level: 1 })).toHaveText(name);
  await volunteer.getByRole('link', { name: 'Noter une séance' }).first().click();
  await expect(volunteer.getByRole('heading', { level: 1 })).toContainText('Noter une séance');
  await expectAccessible(volunteer);
  await volunteer.getByLabel('À domicile', { exact: true }).check();
  // At home, La Coop's report needs the commune (issue 21); the advised lessons give the themes.
  await volunteer.getByLabel('Commune', { exact: true }).fill('Morlaàs');
  await volunteer.getByLabel('Durée, en minutes').fill('90');
  await volunteer.getByLabel('Ce que nous avons travaillé').fill('La souris et le pointeur.');
  await volunteer.getByLabel(/Note : ce qui a été fait/).fill('Le double-clic reste difficile.');
  await volunteer.getByLabel('Chercher une leçon').fill('double');
  await volunteer.getByRole('button', { name: 'Chercher' }).click();
  // The search keeps what was typed.
  await expect(volunteer.getByLabel(/Note : ce qui a été fait/)).toHaveValue('Le double-clic reste difficile.');
  await volunteer.getByLabel(/Double-cliquer|double-clic/i).first().check();
  await volunteer.getByLabel('Chercher une leçon').fill('pièce jointe');
  await volunteer.getByRole('button', { name: 'Chercher' }).click();
  await volunteer.getByRole('group', { name: /Leçons à pratiquer/ }).getByRole('checkbox').first().check();
  await volunteer.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(volunteer.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');
  await expectAccessible(volunteer);

  // The hand-off sheet, printable.
  await volunteer.getByRole('link', { name: `Imprimer la fiche de ${name}` }).click();
  await expect(volunteer.getByRole('heading', { name: 'À pratiquer avant la prochaine visite' })).toBeVisible();
  await expect(volunteer.locator('.hand-off ol li')).toHaveCount(2);
  await expect(volunteer.getByText(code)).toBeVisible();
  await expectAccessible(volunteer);

  // The learner sees the reply and the advised lessons first, "Conseillé par Camille".
  await learner.goto('/');
  await expect(learner.getByText('Je viens mardi, on regardera ensemble.')).toBeVisible();
  const advised = learner.getByRole('region', { name: 'Les leçons conseillées' });
  await expect(advised.getByText('Conseillé par Camille')).toHaveCount(2);
  const headings = await learner.getByRole('heading', { level: 2 }).allTextContents();
  const advisedAt = headings.indexOf('Les leçons conseillées');
  const nextAt = headings.indexOf('Mes prochaines leçons');
  expect(advisedAt).toBeGreaterThan(0); // after "Reprendre"
  if (nextAt >= 0) expect(advisedAt).toBeLessThan(nextAt);
  await expectAccessible(learner);
  await learner.goto('/carnet');
  await expect(learner.getByRole('heading', { name: 'Ce que mon bénévole me conseille' })).toBeVisible();
  await expectAccessible(learner);
  await learner.goto('/mes-donnees');
  await expectAccessible(learner);

  // The volunteer's page about the learner shows the session and its note.
  await volunteer.goto(`/benevole?nom=${encodeURIComponent(name)}`);
  await expect(volunteer.getByText('1 apprenant sur')).toBeVisible();
  await volunteer.getByRole('row', { name: new RegExp(name) }).getByRole('link', { name }).click();
  await expect(volunteer.getByText('Le double-clic reste difficile.')).toBeVisible();
  await expectAccessible(volunteer);
  await learnerContext.close();
  await volunteerContext.close();
});

test('a wrong session form keeps what was typed and says what to fix', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/atelier');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Noter un atelier collectif');
  // Nobody ticked: the form comes back with the message, the text typed is kept.
  await page.getByLabel('Durée, en minutes').fill('60');
  await page.getByLabel('Ce que nous avons travaillé').fill('Atelier sur les e-mails.');
  await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(page.getByRole('alert')).toContainText('Choisissez au moins une personne.');
  await expect(page.getByLabel('Ce que nous avons travaillé')).toHaveValue('Atelier sur les e-mails.');
  await expectAccessible(page);
});

test('a coordinator sees the team and makes an invitation link', async ({ page }) => {
  await signInStaff(page, 'demo.coordination');
  await page.getByRole('link', { name: "L'équipe" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText("L'équipe");
  await expectAccessible(page);
  await page.getByLabel('Prénom', { exact: true }).fill('Mona');
  await page.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  const link = (await page.locator('.invitation-url').textContent())!.trim();
  expect(link).toContain('/invitation/');
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer mon compte');
  await expectAccessible(page);
});
