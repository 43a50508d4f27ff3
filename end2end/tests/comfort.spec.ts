// Comfort settings: text size, high contrast, reduced motion; reachable from every page,
// remembered in the browser (or the learner's account), working without JavaScript.
// Reflow at 200 % and 400 % zoom: no horizontal scrolling.
import { test, expect, type Page } from '@playwright/test';
import { createLearner } from './server';
import { expectAccessible, expectNoHorizontalScroll, signInLearner, signInStaff } from './helpers';

const STEP = '/modules/email-la-poste/adresse-enveloppe/lire';

async function fontSize(page: Page) {
  // Read the computed size through Playwright's own evaluation world.
  return page.locator('html').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)).catch(async () => {
    // JavaScript off: compare the height of the first paragraph instead.
    return (await page.locator('main p').first().boundingBox())!.height;
  });
}

async function choose(page: Page, label: string | RegExp, checked = true) {
  await page.getByRole('link', { name: 'Taille du texte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Affichage : taille du texte et couleurs');
  const box = page.getByLabel(label, { exact: typeof label === 'string' });
  if (checked) await box.check(); else await box.uncheck();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText("L'affichage est enregistré.")).toBeVisible();
}

for (const [label, cls] of [['Grande', 'texte-grand'], ['Très grande', 'texte-tres-grand']] as const) {
  test(`text size "${label}" makes the text bigger, on every page, and is remembered`, async ({ page }) => {
    await page.goto(STEP);
    const before = await fontSize(page);
    await choose(page, label);
    // Back on the same step.
    await expect(page).toHaveURL(new RegExp(`${STEP}\\?confort=ok`));
    await expect(page.locator('html')).toHaveClass(new RegExp(cls));
    expect(await fontSize(page)).toBeGreaterThan(before);
    await page.goto('/modules');
    await expect(page.locator('html')).toHaveClass(new RegExp(cls));
    await expectAccessible(page);
  });
}

test('high contrast and reduced motion are remembered and accessible', async ({ page }) => {
  await page.goto('/');
  await choose(page, /Contraste renforcé/);
  await expect(page.locator('html')).toHaveClass(/contraste/);
  await choose(page, /Pas d'animation/);
  await expect(page.locator('html')).toHaveClass(/sans-animation/);
  await expect(page.locator('html')).toHaveClass(/contraste/);
  await page.goto(STEP);
  await expect(page.locator('html')).toHaveClass(/contraste/);
  await expectAccessible(page);
  await choose(page, /Contraste renforcé/, false);
  await expect(page.locator('html')).not.toHaveClass(/contraste/);
});

test("a learner's settings follow them to another computer", async ({ browser, baseURL }) => {
  const learner = createLearner('Confort');
  const first = await browser.newContext({ baseURL });
  const page = await first.newPage();
  await signInLearner(page, learner.code);
  await choose(page, 'Très grande');
  await first.close();
  const other = await browser.newContext({ baseURL });
  const page2 = await other.newPage();
  await signInLearner(page2, learner.code);
  await expect(page2.locator('html')).toHaveClass(/texte-tres-grand/);
  await other.close();
});

const REFLOW_PAGES = ['/', '/modules', '/modules/email-la-poste', STEP, `${STEP}?reponse=adresse-bien-ecrite:a`, '/connexion?erreur=inconnu', '/benevole/connexion', '/confort'];
// Pages a signed-in learner sees: the exercises (file chooser, mouse practice) and their data.
const LEARNER_REFLOW_PAGES = [
  '/modules/piece-jointe/joindre-un-fichier/a-vous-envoyer-une-photo?ex=envoyer-une-photo&vue=ecrire',
  '/modules/services-publics/demander-un-remboursement/a-vous-demande-en-ligne',
  '/modules/souris-clavier/taper-du-texte/revision-gestes',
  '/carnet',
  '/mes-donnees',
];
const STAFF_REFLOW_PAGES: [string, string[]][] = [
  ['demo.benevole', ['/benevole', '/benevole/atelier', '/benevole/apprenants', '/benevole/apprenants/nouveau', '/benevole/apprenants/nouveau?erreur=prenom']],
  ['demo.coordination', ['/benevole/equipe', '/benevole/equipe?erreur=prenom']],
  ['demo.formateur', ['/formateur', '/formateur?erreur=titre', '/formateur/apercu?fichier=souris-clavier/taper-du-texte.md&etape=revision-gestes']],
];

// At 400 % zoom on a 1280 px screen the window is 320 px wide; checked at each text size,
// for learners, volunteers, coordinators and trainers.
for (const size of ['Normale', 'Grande', 'Très grande'] as const) {
  test(`at 400 % zoom (320 px wide) with text size "${size}" nothing scrolls sideways`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    const learner = createLearner(`Zoom ${size}`);
    await signInLearner(page, learner.code);
    if (size !== 'Normale') await choose(page, size);
    for (const path of [...REFLOW_PAGES, ...LEARNER_REFLOW_PAGES]) {
      await page.goto(path);
      await expectNoHorizontalScroll(page);
    }
    // Staff: the same text size, kept in the browser.
    for (const [username, paths] of STAFF_REFLOW_PAGES) {
      await context.clearCookies();
      await page.goto('/');
      if (size !== 'Normale') await choose(page, size);
      await signInStaff(page, username);
      for (const path of paths) {
        await page.goto(path);
        await expectNoHorizontalScroll(page);
      }
    }
    await context.close();
  });
}

test('the controls a learner uses are at least 44 × 44 px', async ({ page }) => {
  const learner = createLearner('Cibles');
  await signInLearner(page, learner.code);
  const small = async () =>
    page.locator('main a:visible, main button:visible, main summary:visible, main input:visible').evaluateAll((els) =>
      els
        // A radio button or a box to tick is clicked through its whole row (its label).
        .map((e) => ({ e, target: e.matches('input[type=radio], input[type=checkbox]') ? e.closest('.choice') ?? e : e }))
        .map(({ e, target }) => ({ what: `${e.tagName} ${(e.textContent || (e as HTMLInputElement).type).trim().slice(0, 30)}`, box: target.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ what, box }) => `${what} ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
  // The catalogue: a module's link is the only way in.
  await page.goto('/modules');
  expect(await small()).toEqual([]);
  // A step with a glossary word, its link and its explanation.
  await page.goto('/modules/piece-jointe/joindre-un-fichier/dans-l-enveloppe');
  await expect(page.locator('a.mot').first()).toBeVisible();
  await page.locator('.glossaire summary').first().click();
  expect(await small()).toEqual([]);
  // The pretend mailbox: the file chooser.
  await page.goto('/modules/piece-jointe/joindre-un-fichier/a-vous-envoyer-une-photo?ex=envoyer-une-photo&vue=ecrire');
  await expect(page.locator('input[type="file"]')).toBeVisible();
  expect(await small()).toEqual([]);
});

test('at 400 % zoom (320 px wide) nothing scrolls sideways', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const path of REFLOW_PAGES) {
    await page.goto(path);
    await expectNoHorizontalScroll(page);
  }
  await signInStaff(page, 'demo.benevole');
  for (const path of ['/benevole', '/benevole/atelier', '/benevole/apprenants']) {
    await page.goto(path);
    await expectNoHorizontalScroll(page);
  }
  await context.close();
});

test('at 200 % zoom with very large text nothing scrolls sideways', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, viewport: { width: 640, height: 800 } });
  const page = await context.newPage();
  await page.goto('/');
  await choose(page, 'Très grande');
  for (const path of REFLOW_PAGES) {
    await page.goto(path);
    await expectNoHorizontalScroll(page);
  }
  await context.close();
});

test('the login card prints the same at every text size: the code on one line, all inside the cut line', async ({ browser, baseURL }) => {
  const sizes: Record<string, number> = {};
  for (const size of ['Normale', 'Très grande'] as const) {
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    await page.goto('/');
    if (size !== 'Normale') await choose(page, size);
    await signInStaff(page, 'demo.benevole');
    await page.goto('/benevole/apprenants');
    await page.getByRole('link', { name: 'Jeanne' }).first().click();
    await page.getByRole('link', { name: 'Imprimer la carte de connexion' }).click();
    await page.emulateMedia({ media: 'print' });
    const card = page.locator('.login-card');
    const code = page.locator('.card-code');
    const cardBox = (await card.boundingBox())!;
    const codeBox = (await code.boundingBox())!;
    const howBox = (await page.locator('.card-how').boundingBox())!;
    // One line: less than twice the code's own line height.
    const lineHeight = await code.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4).catch(() => 40);
    expect(codeBox.height).toBeLessThan(lineHeight * 1.9);
    expect(howBox.y + howBox.height).toBeLessThanOrEqual(cardBox.y + cardBox.height);
    sizes[size] = codeBox.height;
    // Screen-only controls are not printed: "Écouter" on a step.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(STEP);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Écouter' })).toBeHidden();
    await context.close();
  }
  expect(sizes['Très grande']).toBe(sizes['Normale']);
});
