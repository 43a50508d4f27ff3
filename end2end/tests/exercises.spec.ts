import { test, expect } from '@playwright/test';
import { resolve } from 'node:path';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

const PHOTO = resolve(__dirname, 'fixtures', 'photo-du-chat.png');
const INVOICE = resolve(__dirname, 'fixtures', 'facture.pdf');

test('a learner attaches a real photo from disk and sends the pretend message', async ({ page }) => {
  const learner = createLearner('Courriel');
  await signInLearner(page, learner.code);
  await page.goto('/modules/piece-jointe/joindre-un-fichier/a-vous-envoyer-une-photo');
  const exercise = page.locator('#exercice-envoyer-une-photo');
  await expect(exercise).toContainText("Exercice — aucun vrai message n'est envoyé.");
  await expectAccessible(page);
  await exercise.getByRole('link', { name: 'Écrire un message' }).click();
  await expect(exercise).toContainText("Exercice — aucun vrai message n'est envoyé.");

  // First try: no attachment. A precise, kind hint; the address typed is kept.
  await exercise.getByLabel('À', { exact: true }).fill('marie.dupont@exemple.fr');
  await exercise.getByLabel('Objet').fill('Ma photo');
  await exercise.getByRole('button', { name: 'Envoyer' }).click();
  await expect(page.getByRole('alert')).toContainText("Le message n'a pas de pièce jointe. Cliquez sur « Joindre un fichier »");
  await expect(exercise.getByLabel('À', { exact: true })).toHaveValue('marie.dupont@exemple.fr');
  await expectAccessible(page);

  // Then with a real file chosen in the file dialog.
  await exercise.getByLabel('Joindre un fichier').setInputFiles(PHOTO);
  await exercise.getByRole('button', { name: 'Envoyer' }).click();
  await expect(exercise).toContainText('Bravo ! Le message est parti.');
  await expect(exercise).toContainText('photo-du-chat.png');
  await expect(exercise).toContainText("Exercice — aucun vrai message n'est envoyé.");

  // The volunteer sees both attempts.
  await page.context().clearCookies();
  await signInStaff(page, 'demo.benevole');
  await page.getByRole('link', { name: learner.name, exact: true }).first().click();
  await expect(page.locator('main')).toContainText('sans pièce jointe');
  await expect(page.locator('main')).toContainText('message envoyé comme demandé');
});

test('a learner fills the pretend refund form, with one validation error on the way', async ({ page }) => {
  const learner = createLearner('Remboursement');
  await signInLearner(page, learner.code);
  await page.goto('/modules/services-publics/demander-un-remboursement/a-vous-demande-en-ligne');
  const ex = page.locator('#exercice-demande-de-remboursement');
  await expect(ex).toContainText("Exercice — ce n'est pas un vrai site.");
  await ex.getByLabel('Identifiant').fill('jeanne.martin');
  await ex.getByLabel('Mot de passe').fill('jardin24');
  await ex.getByRole('button', { name: 'Se connecter', exact: true }).click();

  await ex.getByRole('combobox').selectOption('Médicaments à la pharmacie');
  await ex.getByRole('button', { name: 'Continuer' }).click();

  // The amount with the euro sign: refused like a real site, then explained simply.
  const amount = ex.getByRole('textbox').first();
  await amount.fill('25 €');
  await ex.getByRole('button', { name: 'Continuer' }).click();
  await expect(ex.getByRole('alert')).toContainText('Format du montant invalide.');
  await expect(ex.getByRole('alert')).toContainText('Cela veut dire :');
  await expect(ex.getByRole('textbox').first()).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await ex.getByRole('textbox').first().fill('25,00');
  await ex.getByRole('button', { name: 'Continuer' }).click();

  await ex.getByRole('textbox').first().fill('12/03/2025');
  await ex.getByRole('button', { name: 'Continuer' }).click();

  await ex.locator('input[type=file]').setInputFiles(INVOICE);
  await ex.getByRole('button', { name: 'Continuer' }).click();

  await expect(ex).toContainText('Vérifiez votre demande');
  await expect(ex).toContainText('25,00');
  await expect(ex).toContainText('facture.pdf');
  await ex.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(ex).toContainText('Bravo ! La demande est envoyée.');
});

test('vrai ou arnaque: the clues are explained after the answer', async ({ page }) => {
  const learner = createLearner('Arnaque');
  await signInLearner(page, learner.code);
  await page.goto('/modules/arnaques/adresse-du-site/a-vous-adresse-1');
  const ex = page.locator('#exercice-adresse-1');
  await ex.getByRole('button', { name: "C'est une arnaque" }).click();
  await expect(ex.getByRole('status')).toContainText("C'est une arnaque.");
  await expect(ex).toContainText('Les indices :');
  await expectAccessible(page);
});
