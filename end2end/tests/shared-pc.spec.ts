import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner } from './helpers';

const LESSON = '/modules/email-la-poste/adresse-enveloppe';

// A library PC: Anne leaves a step open in a tab, signs out in another, and Bernard signs
// in. Anne's old tab must never save into Bernard's account.
test('a previous learner\'s old tab never saves into the next learner\'s account', async ({ browser, baseURL }) => {
  const anne = createLearner('Anne');
  const bernard = createLearner('Bernard');
  const context = await browser.newContext({ baseURL });
  const old = await context.newPage();
  await signInLearner(old, anne.code);
  await old.goto(`${LESSON}/adresse`);
  await expect(old.getByText('Étape 2 sur 6')).toBeVisible();

  // In another tab: Anne ends her session, then Bernard signs in.
  const now = await context.newPage();
  await now.goto('/');
  await now.getByRole('button', { name: 'Terminer et me déconnecter' }).click();
  await expect(now.getByText('Vous êtes déconnecté')).toBeVisible();
  await signInLearner(now, bernard.code);

  // Anne's old tab: "Suivant".
  await old.getByRole('button', { name: 'Suivant' }).click();
  await expect(old.getByRole('heading', { level: 1 })).toHaveText("Rien n'a été enregistré");
  await expect(old.getByText('ouverte par une autre personne')).toBeVisible();
  await expectAccessible(old);
  // It leads to Bernard's own place.
  await old.getByRole('link', { name: 'Aller à ma page' }).click();
  await expect(old.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${bernard.name}`);
  // Nothing of Anne's lesson is in Bernard's account: nothing to resume.
  await expect(old.getByRole('heading', { name: /Reprendre/ })).toHaveCount(0);
  await context.close();
});
