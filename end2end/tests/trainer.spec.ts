import { test, expect, type Page } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

// Each project edits its own lesson of the e2e copy of content/, so that the "js" and
// "nojs" runs never edit the same file at the same time.
const LESSONS = {
  js: {
    file: 'recherche/lire-les-resultats.md',
    title: 'Lire la liste des résultats',
    firstStep: '/modules/recherche/lire-les-resultats/la-liste',
    anchor: 'Vous avez appuyé sur Entrée.',
    stepTitle: 'La liste des résultats',
  },
  nojs: {
    file: 'virus/regles-de-base.md',
    title: 'Le code de la route de l\'ordinateur',
    firstStep: '/modules/virus/regles-de-base/code-de-la-route',
    anchor: 'Voici le code de la route de l\'ordinateur.',
    stepTitle: 'Le code de la route',
  },
} as const;

async function openEditor(page: Page, title: string) {
  await page.goto('/formateur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les leçons et leur état');
  await page.getByRole('link', { name: `Modifier : ${title}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Modifier :');
}

test('a trainer edits a lesson: an error is shown and blocks publishing; once fixed, learners see the new text', async ({ page, browser, baseURL }) => {
  const lesson = LESSONS[test.info().project.name as 'js' | 'nojs'];
  const jsOn = test.info().project.use.javaScriptEnabled !== false;
  const tag = `${Date.now() % 1_000_000}`;
  const newSentence = `Une phrase toute neuve ${tag}.`;

  await signInStaff(page, 'demo.formateur');
  await openEditor(page, lesson.title);
  await expectAccessible(page);

  // Introduce an error: an image without its description (alt text).
  const area = page.getByLabel('Le texte de la leçon (Markdown)');
  const original = await area.inputValue();
  expect(original).toContain(lesson.anchor);
  const lineOfError = original.split('\n').findIndex((l) => l.includes(lesson.anchor)) + 2;
  const broken = original.replace(lesson.anchor, `${lesson.anchor}\n![](capture-${tag}.png)`);
  await area.fill(broken);

  const problems = page.locator('#problemes-liste');
  if (jsOn) {
    // With JavaScript, the problems follow the text as it is typed.
    await expect(problems).toContainText('image sans texte alternatif');
  } else {
    await page.getByRole('button', { name: "Mettre à jour l'aperçu" }).click();
    await expect(problems).toContainText('image sans texte alternatif');
  }
  await expect(problems).toContainText(`${lesson.file}:${lineOfError}:`);
  await expect(problems).toContainText('Erreur');

  // Publishing is refused; the text typed is kept.
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Pas publié : la leçon a des erreurs');
  await expect(area).toHaveValue(broken);
  await expect(problems).toContainText('image sans texte alternatif');
  await expectAccessible(page);

  // A learner still sees the published version meanwhile.
  const learner = createLearner('Lecture');
  const learnerContext = await browser.newContext({ baseURL, javaScriptEnabled: jsOn });
  const lp = await learnerContext.newPage();
  await signInLearner(lp, learner.code);
  await lp.goto(lesson.firstStep);
  await expect(lp.locator('main')).toContainText(lesson.anchor);
  await expect(lp.locator('main')).not.toContainText(newSentence);

  // Fix it: the image goes, a new sentence comes; publishing works.
  await area.fill(original.replace(lesson.anchor, `${lesson.anchor}\n${newSentence}`));
  await page.getByRole('button', { name: 'Publier', exact: true }).click();
  await expect(page.getByRole('status').first()).toContainText('Publié. Les apprenants voient la nouvelle version.');
  // The preview shows the step the new sentence is in.
  await page.getByRole('navigation', { name: /étapes/i }).getByRole('button', { name: lesson.stepTitle, exact: true }).click();
  await expect(page.locator('#apercu')).toContainText(newSentence);

  // The learner sees the new text.
  await lp.goto(lesson.firstStep);
  await expect(lp.locator('main')).toContainText(newSentence);
  await learnerContext.close();

  // Undo puts the previous version back.
  await page.getByRole('button', { name: 'Annuler la dernière modification' }).click();
  await expect(page.getByRole('status').first()).toContainText('La version précédente est remise.');
  await expect(area).not.toHaveValue(new RegExp(newSentence));
});

test('the trainer area lists every lesson with its state and previews it as learners see it', async ({ page }) => {
  await signInStaff(page, 'demo.formateur');
  await page.goto('/formateur');
  const module = page.getByRole('region', { name: /L'e-mail, c'est comme La Poste/ });
  await expect(module).toContainText('En ligne');
  await expectAccessible(page);
  await module.getByRole('link', { name: "Aperçu : L'adresse, c'est l'enveloppe" }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText("Aperçu : L'adresse, c'est l'enveloppe");
  await expect(page.getByText('Aperçu pour les formateurs')).toBeVisible();
  await expectAccessible(page);
});

test('a volunteer who is not a trainer cannot open the trainer area', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  const response = await page.goto('/formateur');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Les leçons et leur état');
});

test('a problem clicked puts its line in view in the text, even after long lines that wrap', async ({ page }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'without JavaScript the line is quoted above the text');
  await signInStaff(page, 'demo.formateur');
  await openEditor(page, "L'adresse, c'est l'enveloppe");
  const area = page.getByLabel('Le texte de la leçon (Markdown)');
  const original = await area.inputValue();
  // Long lines near the top (each wraps over several rows), an error at the very end.
  const long = 'Une phrase assez longue pour aller à la ligne. '.repeat(40);
  const text = original.replace('\n## ', `\n${long}\n\n${long}\n\n${long}\n\n## `).trimEnd() + '\n\n![](sans-texte.png)\n';
  await area.fill(text);
  const line = text.split('\n').findIndex((l) => l.includes('sans-texte.png')) + 1;
  const problem = page.locator(`#problemes-liste button[value="ligne:${line}"]`).first();
  await expect(problem).toBeVisible();
  await area.evaluate((el: HTMLTextAreaElement) => { el.scrollTop = 0; });
  await problem.click();
  await expect.poll(() => area.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd)))
    .toBe('![](sans-texte.png)');
  const shown = await area.evaluate((el: HTMLTextAreaElement) => el.scrollTop);
  expect(shown).toBeGreaterThan(0);
  // The browser scrolls a text area to its caret when the caret is out of view: moving to
  // the end of the line must not scroll, since the line is already in view.
  await page.keyboard.press('End');
  expect(await area.evaluate((el: HTMLTextAreaElement) => el.scrollTop)).toBe(shown);
});
