// Issue 22, item 1: a learner who moves house goes to another structure of the programme,
// once they said yes, and their history follows them. The coordinator of the old structure
// is refused without the learner's consent, then moves them; the old structure no longer
// sees them; the learner's home page says who follows them now; a coordinator of the new
// structure (invited by the programme's administrator) finds them among the people without
// a volunteer, with their open help request and the same card code. JavaScript on and off,
// axe-core on each page.
import { test, expect, type Browser } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

const NEW_STRUCTURE = 'Médiathèque de démonstration';

async function contextPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

test('a coordinator moves a learner who agreed to another structure, with their history', async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(150_000);
  const learner = createLearner('Déménage');
  const help = `Je déménage bientôt ${testInfo.project.name} ${Date.now() % 100_000}.`;

  // Before the move, the learner asks for help (it must follow them).
  const home = await contextPage(browser, baseURL);
  await signInLearner(home, learner.code);
  await home.goto('/modules/souris-clavier/cliquer');
  await home.getByRole('link', { name: "J'ai besoin d'aide" }).click();
  await home.getByLabel(/Quelques mots/).fill(help);
  await home.getByRole('button', { name: 'Envoyer ma demande' }).click();
  await expect(home.getByText('Votre demande est envoyée.')).toBeVisible();

  // The coordinator of the learner's structure opens the move form from their page.
  const sacha = await contextPage(browser, baseURL);
  await signInStaff(sacha, 'demo.coordination');
  await sacha.goto('/benevole/apprenants');
  await sacha.getByRole('link', { name: learner.name }).first().click();
  const learnerPath = new URL(sacha.url()).pathname;
  await sacha.getByRole('link', { name: 'Déménagement : confier à une autre structure' }).click();
  await expect(sacha.getByRole('heading', { level: 1 })).toHaveText(`${learner.name} déménage`);
  await expectAccessible(sacha);
  const structureSelect = sacha.getByLabel('Nouvelle structure', { exact: true });
  const option = structureSelect.locator('option', { hasText: NEW_STRUCTURE });
  await structureSelect.selectOption({ label: (await option.textContent())!.trim() });

  // Without the learner's consent: the browser asks for the box (it is required), and a
  // post without it (an old browser, a hand-made request) is refused by the server with
  // the reason, the structure chosen kept, and nothing moved.
  const consent = sacha.getByLabel(`${learner.name} est d'accord`);
  await expect(consent).not.toBeChecked();
  await sacha.getByRole('button', { name: 'Confier à cette structure' }).click();
  await expect(sacha).toHaveURL(/\/demenagement/);
  await expect(sacha.getByRole('heading', { level: 1 })).toHaveText(`${learner.name} déménage`);
  const form = sacha.locator('form', { has: consent });
  const fields = Object.fromEntries(
    await Promise.all(
      ['learner', 'once', 'structure'].map(async (name) => [
        name,
        await form.locator(`[name="${name}"]`).inputValue(),
      ]),
    ),
  );
  const action = (await form.getAttribute('action'))!;
  const refused = await sacha.request.post(action, {
    form: fields,
    headers: { Origin: new URL(baseURL!).origin, Accept: 'text/html', Referer: sacha.url() },
    maxRedirects: 0,
  });
  expect([302, 303]).toContain(refused.status());
  const back = refused.headers()['location'];
  expect(back).toContain('/demenagement');
  await sacha.goto(back);
  await expect(sacha.getByRole('alert')).toContainText("Rien n'a changé : cochez la case seulement si la personne est d'accord.");
  await expect(sacha).toHaveTitle(/^Erreur/);
  await expect(structureSelect.locator('option:checked')).toContainText(NEW_STRUCTURE);
  await expectAccessible(sacha);
  await sacha.goto(learnerPath);
  await expect(sacha.getByRole('heading', { level: 1 })).toHaveText(learner.name);

  // With it: the learner goes, and the old structure no longer sees them.
  await sacha.getByRole('link', { name: 'Déménagement : confier à une autre structure' }).click();
  await sacha.getByLabel('Nouvelle structure', { exact: true }).selectOption({ label: (await option.textContent())!.trim() });
  await consent.check();
  await sacha.getByRole('button', { name: 'Confier à cette structure' }).click();
  await expect(sacha.getByRole('status')).toContainText('la personne est maintenant suivie par sa nouvelle structure');
  await expect(sacha.getByRole('link', { name: learner.name })).toHaveCount(0);
  await expectAccessible(sacha);
  const gone = await sacha.goto(learnerPath);
  expect(gone?.status()).toBe(404);

  // The learner's home page says where they are followed now.
  await home.goto('/');
  await expect(home.getByText(`C'est maintenant ${NEW_STRUCTURE}. Quelqu'un va vous appeler bientôt.`)).toBeVisible();
  await expectAccessible(home);

  // A coordinator of the new structure, invited by the programme's administrator, finds
  // them without a volunteer, with their help request and the same card code.
  const claude = await contextPage(browser, baseURL);
  await signInStaff(claude, 'demo.programme');
  await claude.getByLabel('Structure', { exact: true }).selectOption({ label: NEW_STRUCTURE });
  await claude.getByLabel('Prénom de la personne').fill('Noémie');
  await claude.getByRole('button', { name: 'Créer le lien' }).click();
  const link = (await claude.locator('.invitation-url').textContent())!.trim();
  const noemie = await contextPage(browser, baseURL);
  await noemie.goto(new URL(link).pathname);
  await noemie.getByLabel('Identifiant').fill(`noemie.${testInfo.project.name}.${Date.now() % 1_000_000}`);
  await noemie.getByLabel('Mot de passe').fill('une médiathèque au village');
  await noemie.getByRole('button', { name: 'Enregistrer et entrer' }).click();
  await expect(noemie).toHaveURL(/\/benevole(\?bienvenue=1)?$/);
  const unassigned = noemie.getByRole('region', { name: 'Personnes sans bénévole' });
  await unassigned.getByRole('link', { name: learner.name }).click();
  await expect(noemie.getByRole('heading', { level: 1 })).toHaveText(learner.name);
  await expect(noemie.locator('.meta .code')).toHaveText(learner.code);
  await expect(noemie.getByText(help)).toBeVisible();
  await expectAccessible(noemie);
});

test('a volunteer who is not a coordinator is not offered the move, and is refused it', async ({ page }) => {
  const learner = createLearner('Reste');
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: learner.name }).first().click();
  const learnerPath = new URL(page.url()).pathname;
  await expect(page.getByRole('link', { name: 'Déménagement : confier à une autre structure' })).toHaveCount(0);
  const refused = await page.goto(`${learnerPath}/demenagement`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole('alert')).toContainText('réservée aux coordinateurs');
  await expectAccessible(page);
});
