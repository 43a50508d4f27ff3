import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { signInLearner, signInStaff } from './helpers';

test("a volunteer signs in and sees each learner's progress per lesson", async ({ browser, baseURL }) => {
  const learner = createLearner('Suivi');
  const learnerContext = await browser.newContext({ baseURL });
  const lp = await learnerContext.newPage();
  await signInLearner(lp, learner.code);
  await lp.goto('/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier');
  await lp.getByRole('button', { name: 'Suivant' }).click();
  await expect(lp.getByText('Étape 2 sur 5')).toBeVisible();
  await lp.getByRole('button', { name: 'Suivant' }).click();
  await expect(lp.getByText('Étape 3 sur 5')).toBeVisible();
  await learnerContext.close();

  const volunteerContext = await browser.newContext({ baseURL });
  const page = await volunteerContext.newPage();
  await signInStaff(page, 'demo.benevole');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes apprenants');
  const card = page.getByRole('region', { name: learner.name });
  await expect(card).toContainText(learner.code);
  await expect(card).toContainText('L\'adresse, c\'est l\'enveloppe');
  await expect(card).toContainText('2 / 5 étapes faites');
  await expect(card).toContainText("à l'instant");
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
  await signInStaff(page, 'demo.formateur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes apprenants');
  await page.getByRole('button', { name: 'Me déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté')).toBeVisible();
});
