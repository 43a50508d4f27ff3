// Issue 22, items 3 and 4, as the people do them. A civic-service volunteer joins through an
// invitation, follows their own training path (lessons for volunteers), and the coordinator
// sees how far each volunteer went; when the mission ends, the coordinator hands all of
// the volunteer's learners to someone else in one step, and each learner's home page says
// who follows them now. Every volunteer here is new (the demo database is shared by the
// specs running at the same time). JavaScript on and off, axe-core on each page.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { SERVER_BIN, serverEnv } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

async function newPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL });
  return context.newPage();
}

/** Sacha (the demo coordinator) invites a volunteer named `name`, who creates their
 * account: returns their page, signed in, and their username. */
async function invitedVolunteer(sacha: Page, browser: Browser, baseURL: string | undefined, name: string) {
  await sacha.goto('/benevole/equipe');
  await sacha.getByLabel('Prénom', { exact: true }).fill(name);
  await sacha.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  const link = (await sacha.locator('.invitation-url').textContent())!.trim();
  const page = await newPage(browser, baseURL);
  await page.goto(new URL(link).pathname);
  const username = `b${Date.now() % 1_000_000_000}${Math.floor(Math.random() * 1000)}`;
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill('trois mots faciles');
  await page.getByRole('button', { name: 'Enregistrer et entrer' }).click();
  await expect(page).toHaveURL(/\/benevole(\?bienvenue=1)?$/);
  return { page, username };
}

test("a new volunteer follows their training path and the coordinator sees it", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const name = `Romane ${testInfo.project.name} ${Date.now() % 100_000}`;
  const sacha = await newPage(browser, baseURL);
  await signInStaff(sacha, 'demo.coordination');
  const { page } = await invitedVolunteer(sacha, browser, baseURL, name);

  await page.getByRole('link', { name: 'Ma formation' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ma formation');
  const card = page.locator('li.card', { has: page.getByRole('heading', { name: 'Accueillir et rassurer' }) });
  await expect(card).toContainText('À faire');
  await expectAccessible(page);
  await card.getByRole('link', { name: /Commencer/ }).click();
  await expect(page.getByText(/Étape 1 sur/)).toBeVisible();
  await page.getByRole('button', { name: 'Suivant' }).click();
  await expect(page.getByText(/Étape 2 sur/)).toBeVisible();
  await page.goto('/benevole/formation');
  await expect(card).toContainText(/En cours \(1 \/ \d+ étapes faites\)/);
  await expect(card.getByRole('link', { name: /Reprendre/ })).toBeVisible();
  // A volunteer who is not a coordinator does not see the team's table.
  await expect(page.getByRole('heading', { name: "La formation de l'équipe" })).toHaveCount(0);

  await sacha.goto('/benevole/formation');
  const table = sacha.getByRole('table', { name: 'Leçons de formation faites, par bénévole' });
  const row = table.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText(/0 leçon faite sur \d+/);
  await expect(row).toContainText('En cours');
  await expectAccessible(sacha);
});

test("at the end of a mission the coordinator hands all of a volunteer's learners to another", async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const name = `Yanis ${testInfo.project.name} ${Date.now() % 100_000}`;
  const sacha = await newPage(browser, baseURL);
  await signInStaff(sacha, 'demo.coordination');
  const { page, username } = await invitedVolunteer(sacha, browser, baseURL, name);

  // Two learners followed by the new volunteer.
  const learners = ['Ginette', 'Marcel'].map((first) => {
    const learnerName = `${first} ${testInfo.project.name} ${Date.now() % 100_000}`;
    const code = execFileSync(
      SERVER_BIN,
      ['add-learner', '--name', learnerName, '--volunteer', username],
      { env: { ...process.env, ...serverEnv }, encoding: 'utf8' },
    ).trim();
    return { name: learnerName, code };
  });
  await page.reload();
  for (const l of learners) {
    await expect(page.getByRole('link', { name: l.name, exact: true })).toBeVisible();
  }

  await sacha.goto('/benevole/equipe#confier');
  await expect(sacha.getByRole('heading', { name: "Confier tous les apprenants d'un bénévole (fin de mission)" })).toBeVisible();
  await expectAccessible(sacha);
  await sacha.getByLabel('Les apprenants de').selectOption({ label: name });
  await sacha.getByLabel('Les confier à').selectOption({ label: 'Sacha' });
  await sacha.getByRole('button', { name: 'Tout confier' }).click();
  await expect(sacha.locator('.message.success')).toContainText("C'est fait : 2 apprenants confiés");
  await expectAccessible(sacha);

  // The volunteer who left follows nobody now; each learner is told who follows them.
  await page.reload();
  for (const l of learners) {
    await expect(page.getByRole('link', { name: l.name, exact: true })).toHaveCount(0);
  }
  const home = await newPage(browser, baseURL);
  await signInLearner(home, learners[0].code);
  await expect(home.getByText(/c'est Sacha qui vous accompagne\./i)).toBeVisible();
  await expectAccessible(home);
});
