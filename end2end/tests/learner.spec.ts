import { test, expect } from '@playwright/test';
import { createLearner } from './server';
import { signInLearner } from './helpers';

const LESSON = '/modules/email-la-poste/adresse-enveloppe';

test('a learner signs in with their code, goes through steps, leaves and resumes', async ({ browser, baseURL }) => {
  const learner = createLearner('Apprenant');
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();

  // Typed in lower case with spaces: the code still works.
  await page.goto('/connexion');
  await page.getByLabel('Mon code').fill(learner.code.toLowerCase().replace('-', ' '));
  await page.getByRole('button', { name: 'Entrer' }).click();
  // The first time, the learner reads who sees their progress.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bienvenue ${learner.name}`);
  await expect(page.getByText('Votre bénévole et votre association voient vos progrès')).toBeVisible();
  await page.getByLabel("Oui, je suis d'accord").check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bonjour ${learner.name}`);

  await page.getByRole('link', { name: 'Voir les leçons' }).click();
  await page.getByRole('link', { name: "L\'e-mail, c\'est comme La Poste" }).click();
  await page.getByRole('link', { name: /Commencer : L\'adresse, c\'est l\'enveloppe/ }).click();
  await expect(page.getByText('Étape 1 sur 6')).toBeVisible();
  // Before starting the module: how confident is the learner?
  await expect(page.getByRole('group', { name: /Je me sens capable d'expliquer ce qu'est un e-mail/ })).toBeVisible();
  await expect(page).toHaveTitle('Étape 1 sur 6 — L\'adresse, c\'est l\'enveloppe — Pas à Pas');

  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 2 sur 6')).toBeVisible();
  // Saved before the next screen says so.
  await expect(page).toHaveURL(`${LESSON}/adresse#enregistre`);
  await expect(page.getByRole('status').filter({ hasText: "C'est enregistré." })).toBeVisible();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 3 sur 6')).toBeVisible();

  // "Précédent" goes back without losing anything.
  await page.getByRole('link', { name: 'Précédent' }).click();
  await expect(page.getByText('Étape 2 sur 6')).toBeVisible();

  // The learner closes the browser window, and comes back later on the same PC.
  const cookies = await context.cookies();
  // The session cookie outlives the window: it lasts weeks, not until the browser closes.
  const session = cookies.find((c) => c.name === 'pap_session');
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe('Lax');
  expect(session!.expires).toBeGreaterThan(Date.now() / 1000 + 30 * 24 * 3600);
  await context.close();
  const later = await browser.newContext({ baseURL });
  await later.addCookies(cookies);
  const again = await later.newPage();
  await again.goto('/');
  await expect(again.getByRole('heading', { name: /Reprendre : L\'adresse, c\'est l\'enveloppe, étape 3/ })).toBeVisible();
  await again.getByRole('link', { name: 'Reprendre', exact: true }).click();
  await expect(again.getByText('Étape 3 sur 6')).toBeVisible();
  await expect(again).toHaveURL(`${LESSON}/arobase`);
  await later.close();
});

test('a step kept in memory comes compressed and reads the same', async ({ page }) => {
  const learner = createLearner('Mémoire');
  await signInLearner(page, learner.code);
  // The first visit renders the step and keeps it; the next ones come from memory.
  await page.goto(`${LESSON}/adresse`);
  const again = await page.goto(`${LESSON}/adresse`);
  expect((await again!.allHeaders())['content-encoding']).toBe('gzip');
  await expect(page.getByText('Étape 2 sur 6')).toBeVisible();
  await expect(page.locator('li.who')).toHaveText(learner.name);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 3 sur 6')).toBeVisible();
  await expect(page).toHaveURL(`${LESSON}/arobase#enregistre`);
});

test('a learner finishes a lesson and is offered the next one', async ({ page }) => {
  const learner = createLearner('Finisseur');
  await signInLearner(page, learner.code);
  await page.goto(`${LESSON}/lire`);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 6 sur 6')).toBeVisible();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bravo !');
  await expect(page.getByText('Une adresse e-mail a toujours le signe @.').first()).toBeVisible();
  await page.getByRole('link', { name: /Leçon suivante/ }).click();
  await expect(page.getByText('Étape 1 sur 6')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La boîte de réception, c\'est la boîte aux lettres');
});

test('an unknown code gets a clear message on the same page', async ({ page }) => {
  await page.goto('/connexion');
  await page.getByLabel('Mon code').fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Entrer' }).click();
  await expect(page).toHaveURL(/\/connexion/);
  await expect(page.getByRole('alert')).toHaveText(
    "Ce code n'existe pas. Vérifiez-le ou demandez à votre bénévole.",
  );
  await expect(page.getByLabel('Mon code')).toBeVisible();
});

test('"Terminer et me déconnecter" signs the learner out on a shared PC', async ({ page }) => {
  const learner = createLearner('Partage');
  await signInLearner(page, learner.code);
  await page.getByRole('button', { name: 'Terminer et me déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenue sur Pas à Pas');
});

test('without signing in, lessons can be read and say progress is not saved', async ({ page }) => {
  await page.goto(`${LESSON}/adresse`);
  await expect(page.getByText("Vous n'êtes pas connecté")).toBeVisible();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 3 sur 6')).toBeVisible();
});

test('a learner goes through a whole lesson, answers a question wrong then right', async ({ page }) => {
  const learner = createLearner('Quiz');
  await signInLearner(page, learner.code);
  await page.goto('/modules/email-la-poste');
  await page.getByRole('link', { name: /Commencer : L'adresse, c'est l'enveloppe/ }).click();
  for (let n = 1; n <= 4; n++) {
    await expect(page.getByText(`Étape ${n} sur 6`)).toBeVisible();
    await page.getByRole('button', { name: 'Suivant' }).click();
  }
  await expect(page.getByText('Étape 5 sur 6')).toBeVisible();
  const question = page.getByRole('group', { name: /Quelle adresse e-mail est bien écrite/ });
  await expect(question).toBeVisible();

  // Wrong first: the explanation says why, kindly, and the learner can try again.
  await question.getByLabel('marie dupont exemple.fr').check();
  await page.getByRole('button', { name: 'Valider' }).click();
  const feedback = page.locator('#retour-adresse-bien-ecrite');
  await expect(feedback).toContainText("Ce n'est pas tout à fait ça.");
  await expect(feedback).toContainText('Il manque le signe @');
  await expect(feedback).toContainText('essayez encore');
  await expect(page.getByText('Étape 5 sur 6')).toBeVisible();

  // Then right.
  await page.getByLabel('marie.dupont@exemple.fr').check();
  await page.getByRole('button', { name: 'Valider' }).click();
  await expect(feedback).toContainText("Bravo, c'est la bonne réponse !");

  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText('Étape 6 sur 6')).toBeVisible();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bravo !');
  await expect(page.getByRole('link', { name: /Leçon suivante : La boîte de réception/ })).toBeVisible();
});
