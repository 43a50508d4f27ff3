// The follow-up questionnaire (issue 21, part 2, item 5): about 3 months after their first
// session, a learner's home page invites them; "Pas maintenant" puts it off; answering is
// one question per line with big radio choices. JavaScript on and off, axe-core on each page.
import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

/** `YYYY-MM-DD`, `days` days ago. */
function daysAgo(days: number): string {
  const d = new Date(Date.now() - days * 24 * 3600 * 1000);
  return d.toISOString().slice(0, 10);
}

test('a learner answers the questionnaire 3 months after their first session', async ({ browser, page }) => {
  test.setTimeout(90_000);
  // A learner of their own (the demo database is shared by the JS-on and JS-off runs),
  // whose first session was 100 days ago.
  const learner = createLearner('Suivi');
  const staff = await browser.newPage();
  await signInStaff(staff, 'demo.benevole');
  await staff.goto('/benevole/apprenants');
  await staff.getByRole('link', { name: learner.name }).first().click();
  const learnerPath = new URL(staff.url()).pathname;
  await staff.goto(`${learnerPath}/seance`);
  await staff.getByLabel('Date de la séance').fill(daysAgo(100));
  await staff.getByLabel('Accompagnement individuel').check();
  await staff.getByLabel('À domicile', { exact: true }).check();
  await staff.getByLabel('Commune', { exact: true }).fill('Pau');
  await staff.getByLabel('60 min').check();
  await staff.getByLabel('Santé', { exact: true }).check();
  await staff.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(staff.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');
  await staff.close();

  // The learner in the test's own page (axe needs a page of a context it can reach).
  await signInLearner(page, learner.code);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Quelques questions pour nous' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Répondre aux questions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Quelques questions');
  await expectAccessible(page);

  // "Pas maintenant": the home page stops asking.
  await page.getByRole('button', { name: 'Pas maintenant' }).click();
  await expect(page.getByText('Nous vous reposerons la question plus tard')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
  await expect(page.getByRole('heading', { name: 'Quelques questions pour nous' })).toHaveCount(0);

  // The questionnaire is still there when the learner comes to it.
  await page.goto('/suivi');
  // Sent empty: refused, what was typed kept.
  await page.getByLabel('Qu\'est-ce qui a changé pour vous ? (si vous voulez)').fill('Je parle à mes petits-enfants en vidéo.');
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('choisissez au moins une réponse')).toBeVisible();
  await expect(page.getByLabel('Qu\'est-ce qui a changé pour vous ? (si vous voulez)')).toHaveValue('Je parle à mes petits-enfants en vidéo.');
  await expectAccessible(page);
  await page.getByRole('group', { name: 'Avez-vous appris quelque chose de nouveau ?' }).getByLabel('Oui').check();
  await page.getByRole('group', { name: 'Avez-vous moins peur d\'Internet qu\'avant ?' }).getByLabel('Je ne sais pas').check();
  await page.getByRole('group', { name: /Conseilleriez-vous Pas à Pas/ }).getByLabel('Oui').check();
  await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(page.getByText('Merci ! Vos réponses sont enregistrées.')).toBeVisible();
  await expectAccessible(page);
  await page.goto('/suivi');
  await expect(page.getByText('Il n\'y a pas de questions pour vous en ce moment.')).toBeVisible();
});
