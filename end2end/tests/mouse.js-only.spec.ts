import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { signInLearner, signInStaff } from './helpers';

// The double-click and the drag need JavaScript (/exercices.js): a miss is explained in
// place and recorded for the volunteer; a success moves the gesture to "Réussi".
test('mouse practice: a missed double-click is explained, then the double-click and the drag succeed', async ({ page }) => {
  const learner = createLearner('Souris');
  await signInLearner(page, learner.code);
  await page.goto('/modules/souris-clavier/taper-du-texte/revision-gestes');
  const ex = page.locator('#exercice-gestes');
  await expect(ex.locator('.needs-js').first()).toBeHidden();

  const target = ex.getByRole('button', { name: 'Double-cliquez ici' });
  await target.click();
  await expect(ex.locator('.gesture-live').first()).toContainText('Presque !');
  await target.dblclick();
  await expect(page).toHaveURL(/fait=double-clic/);
  await expect(ex).toContainText("Bravo, c'est un double-clic !");

  await ex.locator('.drag-letter').dragTo(ex.locator('.drag-envelope'));
  await expect(page).toHaveURL(/fait=double-clic%2Cglisser/);
  await expect(ex).toContainText("Bravo, la lettre est dans l'enveloppe !");

  await page.context().clearCookies();
  await signInStaff(page, 'demo.benevole');
  await page.getByRole('link', { name: learner.name, exact: true }).first().click();
  await expect(page.locator('main')).toContainText('Exercice souris et clavier : le double-clic');
  await expect(page.locator('main')).toContainText('raté');
});
