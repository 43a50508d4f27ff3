// Keyboard only (Tab, Enter, Space): a learner does a lesson; a volunteer logs a session.
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { tabTo } from './helpers';

test('a learner signs in and does a lesson with the keyboard only', async ({ page }) => {
  const learner = createLearner('Clavier');
  await page.goto('/');
  // The skip link comes first.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: "J'ai un code : me connecter" }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Mon code'));
  await page.keyboard.type(learner.code);
  await tabTo(page, page.getByRole('button', { name: 'Entrer' }));
  await page.keyboard.press('Enter');
  // Nothing is chosen for the learner: Space picks the focused answer.
  await tabTo(page, page.getByLabel("Oui, je suis d'accord"));
  await page.keyboard.press('Space');
  await expect(page.getByLabel("Oui, je suis d'accord")).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Continuer' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');

  await tabTo(page, page.getByRole('link', { name: 'Voir les leçons' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: "L'e-mail, c'est comme La Poste" }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('link', { name: /Commencer : L'adresse/ }));
  await page.keyboard.press('Enter');
  for (let n = 1; n <= 4; n++) {
    await expect(page.getByText(`Étape ${n} sur 6`)).toBeVisible();
    await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
    await page.keyboard.press('Enter');
  }
  // The question: Tab reaches the answers, Space picks one, Enter validates; the
  // explanation comes back on the same step.
  await tabTo(page, page.getByLabel('marie dupont exemple.fr'));
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Valider' }));
  await page.keyboard.press('Enter');
  await expect(page.locator('#retour-adresse-bien-ecrite')).toContainText("Ce n'est pas tout à fait ça.");
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Suivant' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bravo !');
});

test('a volunteer logs a session with the keyboard only', async ({ page }) => {
  const learner = createLearner('Clavier séance');
  await page.goto('/benevole/connexion');
  await tabTo(page, page.getByLabel('Identifiant'));
  await page.keyboard.type('demo.benevole');
  await page.keyboard.press('Tab');
  await page.keyboard.type('demo-pas-a-pas');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes apprenants');
  // The dashboard's search finds the learner; their page offers the session form.
  await tabTo(page, page.getByLabel('Prénom', { exact: true }), 60);
  await page.keyboard.type(learner.name);
  await page.keyboard.press('Enter');
  await expect(page.getByText('1 apprenant sur')).toBeVisible();
  await tabTo(page, page.getByRole('link', { name: learner.name, exact: true }), 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(learner.name);
  await tabTo(page, page.getByRole('link', { name: 'Noter une séance' }).first(), 60);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Noter une séance');
  // A group of radio buttons is one Tab stop (its first button when none is chosen); the
  // arrow keys choose within it.
  await tabTo(page, page.getByLabel("Dans un lieu de l'association"));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('À domicile', { exact: true })).toBeChecked();
  // La Coop's report (issue 21): the commune of a home session.
  await tabTo(page, page.getByLabel('Commune', { exact: true }));
  await page.keyboard.type('Pau');
  await tabTo(page, page.getByLabel('Durée, en minutes'));
  await page.keyboard.type('45');
  await tabTo(page, page.getByLabel('Ce que nous avons travaillé'));
  await page.keyboard.type('Le clavier.');
  await tabTo(page, page.getByLabel(/Cliquer/).first());
  await page.keyboard.press('Space');
  await tabTo(page, page.getByRole('button', { name: 'Enregistrer la séance' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');
});
