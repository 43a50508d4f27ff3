import { test } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

const PUBLIC_PAGES = [
  '/',
  '/modules',
  '/modules/email-la-poste',
  '/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier',
  '/modules/email-la-poste/adresse-enveloppe/arobase',
  '/modules/email-la-poste/adresse-enveloppe/fin',
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:a',
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:b',
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:',
  '/connexion',
  '/connexion?erreur=inconnu',
  '/connexion?deconnecte=1',
  '/benevole/connexion',
  '/benevole/connexion?erreur=identifiants',
  '/page-inconnue',
  '/confort',
  '/confort?retour=/modules',
  '/?confort=ok',
];

for (const path of PUBLIC_PAGES) {
  test(`axe finds no violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test('axe finds no violation on the pages of a signed-in learner', async ({ page }) => {
  const learner = createLearner('Axe');
  await signInLearner(page, learner.code);
  await expectAccessible(page);
  await page.goto('/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier');
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.goto('/');
  await expectAccessible(page);
  await page.goto('/modules/email-la-poste');
  await expectAccessible(page);
});

test("axe finds no violation on the volunteer's dashboard", async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await expectAccessible(page);
});

test('axe finds no violation on printed views', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: 'Jeanne' }).first().click();
  await page.getByRole('link', { name: 'Imprimer la carte de connexion' }).click();
  await page.emulateMedia({ media: 'print' });
  await expectAccessible(page, { print: true });
  await page.emulateMedia({ media: 'screen' });
});

test('axe finds no violation on the booklet, printed', async ({ page }) => {
  const learner = createLearner('Carnet');
  await signInLearner(page, learner.code);
  await page.goto('/carnet');
  await expectAccessible(page);
  await expectAccessible(page, { print: true });
});
