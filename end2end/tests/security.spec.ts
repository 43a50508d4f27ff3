// Security as a browser sees it (issue 15): texts that would run a script if a page wrote
// them as they are (titles included) run nothing; the Content-Security-Policy blocks
// nothing of ours (islands hydrate, read-aloud, the editor's live preview, the exercises);
// no page has an inline handler; after signing out, Back shows nothing personal; the login
// card's QR code asks before signing in, and its code leaves the address bar.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page, type BrowserContext } from '@playwright/test';
import { createLearner, serverEnv, SERVER_BIN } from './server';
import { signInLearner, signInStaff } from './helpers';

const SCRIPT = '</title><script>alert("titre")</script><img src=x onerror=alert("img")>';
const ATTRIBUTE = '" onmouseover="alert(\'attribut\')" x="';

/** Records every dialog (alert, confirm…) and every CSP violation of the context's pages. */
async function watch(context: BrowserContext) {
  const seen = { dialogs: [] as string[], violations: [] as string[] };
  await context.addInitScript(() => {
    const w = window as any;
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  context.on('page', (p) => follow(p, seen));
  for (const p of context.pages()) follow(p, seen);
  return seen;
}

function follow(page: Page, seen: { dialogs: string[]; violations: string[] }) {
  page.on('dialog', async (d) => {
    seen.dialogs.push(`${page.url()}: ${d.message()}`);
    await d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) {
      seen.violations.push(`${page.url()}: ${m.text()}`);
    }
  });
}

/** The violations the page itself recorded (JavaScript on only). */
async function pageViolations(page: Page): Promise<string[]> {
  if (test.info().project.use.javaScriptEnabled === false) return [];
  return page.evaluate(() => (window as any).__csp ?? []);
}

/** A module and a lesson whose titles would run a script if written as they are (each run
 * its own, with `tag` in its titles: the trainer's overview lists them side by side). */
function writePayloadLesson(tag: string): { module: string; step: string; file: string } {
  const module = `zz-securite-${tag}`;
  const dir = join(serverEnv.PAP_CONTENT_DIR, module);
  mkdirSync(dir, { recursive: true });
  const toml = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  writeFileSync(
    join(dir, '_index.md'),
    `+++
title = "Module ${tag} ${toml(SCRIPT)}"
summary = "Un module de test."
capability = "tester"
level = "debutant"
minutes = 5
objectives = ["Tester."]
competences = ["2.1"]
prerequisites = []
weight = 999
+++
Un module de test.
`,
  );
  writeFileSync(
    join(dir, 'lecon.md'),
    `+++
title = "Leçon ${tag} ${toml(SCRIPT)} ${toml(ATTRIBUTE)}"
summary = "Une leçon de test."
minutes = 5
weight = 10
learned = ["Rien."]
+++
## Premier écran {#premier}

Bonjour.

## Deuxième écran {#deuxieme}

Au revoir.
`,
  );
  return {
    module,
    step: `/modules/${module}/lecon/deuxieme`,
    file: `${module}/lecon.md`,
  };
}

test('texts that would run a script run nothing, titles included, on every page that shows them', async ({ browser, baseURL }) => {
  const tag = `${test.info().project.name}-${Date.now() % 1_000_000}`;
  const lesson = writePayloadLesson(tag);
  const learner = createLearner(`Zoé ${SCRIPT}`);
  execFileSync(
    SERVER_BIN,
    ['add-staff', '--structure', 'Association de démonstration', '--username', `xss.${tag}`,
      '--name', `Alix ${SCRIPT}`, '--role', 'volunteer'],
    { env: { ...process.env, ...serverEnv }, input: 'cheval-orange-velo-lune-42\n' },
  );

  // The learner: the lesson (the content reloads within a second), from memory the
  // second time.
  const lc = await browser.newContext({ baseURL });
  const seen = await watch(lc);
  const lp = await lc.newPage();
  await signInLearner(lp, learner.code);
  await expect(async () => {
    const res = await lp.goto(lesson.step);
    expect(res?.status()).toBe(200);
  }).toPass({ timeout: 10_000 });
  for (let i = 0; i < 2; i++) {
    await lp.goto(lesson.step);
    await expect(lp.locator('main')).toContainText('Au revoir.');
    expect(await lp.title()).toContain(`Leçon ${tag} ${SCRIPT} ${ATTRIBUTE}`);
    await expect(lp.locator('header')).toContainText(`Zoé ${SCRIPT}`);
    await lp.hover('main');
  }
  await lp.goto(`/modules/${lesson.module}`);
  expect(await lp.title()).toContain(`Module ${tag} ${SCRIPT}`);
  await lp.goto('/');
  await lc.close();

  // The volunteer's page of the learner (the title is the first name).
  const vc = await browser.newContext({ baseURL });
  const vSeen = await watch(vc);
  const vp = await vc.newPage();
  await signInStaff(vp, 'demo.benevole');
  await vp.getByRole('link', { name: learner.name, exact: true }).first().click();
  await expect(vp.getByRole('heading', { level: 1 })).toContainText(`Zoé ${SCRIPT}`);
  expect(await vp.title()).toContain(`Zoé ${SCRIPT}`);
  await vc.close();

  // The coordinator's team page: the staff member's name.
  const cc = await browser.newContext({ baseURL });
  const cSeen = await watch(cc);
  const cp = await cc.newPage();
  await signInStaff(cp, 'demo.coordination');
  await cp.goto('/benevole/equipe');
  await expect(cp.locator('main')).toContainText(`Alix ${SCRIPT}`);
  await cc.close();

  // The trainer's preview of the lesson.
  const tc = await browser.newContext({ baseURL });
  const tSeen = await watch(tc);
  const tp = await tc.newPage();
  await signInStaff(tp, 'demo.formateur');
  await tp.goto(`/formateur/apercu?fichier=${encodeURIComponent(lesson.file)}`);
  await expect(tp.getByRole('heading', { level: 1 })).toContainText(`Leçon ${tag} ${SCRIPT}`);
  expect(await tp.title()).toContain(`Leçon ${tag} ${SCRIPT}`);
  await tc.close();

  for (const s of [seen, vSeen, cSeen, tSeen]) {
    expect(s.dialogs, 'a script ran').toEqual([]);
    expect(s.violations, 'the policy blocked something').toEqual([]);
  }
});

test('with JavaScript on, the policy blocks nothing of ours: islands, read-aloud, live preview, exercises', async ({ browser, baseURL }) => {
  test.skip(test.info().project.use.javaScriptEnabled === false, 'what JavaScript adds');
  const context = await browser.newContext({ baseURL });
  const seen = await watch(context);
  const page = await context.newPage();

  // A learner: a step (islands hydrate, "Écouter" appears: it needs a French voice, which
  // headless Chromium lacks, so one is pretended), a mouse exercise.
  await context.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => [{ lang: 'fr-FR', name: 'Amélie' }],
        speak() {}, cancel() {}, pause() {}, resume() {},
        onvoiceschanged: null,
      },
    });
  });
  const learner = createLearner('Politique');
  await signInLearner(page, learner.code);
  await page.goto('/modules/email-la-poste/adresse-enveloppe/adresse');
  await page.waitForFunction(() => (window as any).__hydrateIsland !== undefined);
  await expect(page.getByRole('button', { name: 'Écouter' })).toBeVisible();
  expect(await pageViolations(page)).toEqual([]);
  await page.goto('/modules/souris-clavier/taper-du-texte/revision-gestes');
  const ex = page.locator('#exercice-gestes');
  await expect(ex.locator('.needs-js').first()).toBeHidden();
  await ex.getByRole('button', { name: 'Double-cliquez ici' }).dblclick();
  await expect(page).toHaveURL(/fait=double-clic/);
  expect(await pageViolations(page)).toEqual([]);
  await page.goto('/carnet');
  // The print button: shown by its script, and it prints.
  await page.evaluate(() => { (window as any).__printed = 0; window.print = () => { (window as any).__printed += 1; }; });
  await page.getByRole('link', { name: 'Imprimer mon carnet' }).click();
  expect(await page.evaluate(() => (window as any).__printed)).toBe(1);
  expect(await pageViolations(page)).toEqual([]);
  await context.clearCookies();

  // A volunteer and a coordinator.
  await signInStaff(page, 'demo.coordination');
  for (const path of ['/benevole', '/benevole/apprenants', '/benevole/equipe', '/benevole/atelier']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(await pageViolations(page), path).toEqual([]);
  }
  await context.clearCookies();

  // A trainer: the editor's live preview follows the text as it is typed (not saved).
  await signInStaff(page, 'demo.formateur');
  await page.goto('/formateur/editer?fichier=email-la-poste/boite-de-reception.md');
  const area = page.getByLabel('Le texte de la leçon (Markdown)');
  const original = await area.inputValue();
  const sentence = `Une phrase de la politique ${Date.now() % 100000}.`;
  await area.fill(original.replace(/(\n## [^\n]*\n)/, `$1\n${sentence}\n`));
  await expect(page.locator('#apercu')).toContainText(sentence);
  expect(await pageViolations(page)).toEqual([]);
  await context.close();

  expect(seen.dialogs).toEqual([]);
  expect(seen.violations).toEqual([]);
});

/** Pages of the site reachable by links from `start`, as their HTML. */
async function crawl(page: Page, starts: string[], max = 40): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  const queue = [...starts];
  while (queue.length > 0 && pages.size < max) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const res = await page.request.get(path, { maxRedirects: 0 });
    const type = res.headers()['content-type'] ?? '';
    if (!type.startsWith('text/html')) continue;
    const html = await res.text();
    pages.set(path, html);
    for (const m of html.matchAll(/href="(\/[^"#]*)/g)) {
      const next = m[1].replace(/&amp;/g, '&');
      if (/^\/(pkg|api|medias|carte)\b|\.(json|csv|svg|js|css)$|deconnexion/.test(next)) continue;
      if (!pages.has(next)) queue.push(next);
    }
  }
  return pages;
}

test('no page has an inline handler or style, and every one sends the policy and no-store', async ({ page }) => {
  const learner = createLearner('Sans gestionnaire');
  await signInLearner(page, learner.code);
  const learnerPages = await crawl(page, ['/', '/modules/email-la-poste/adresse-enveloppe/adresse', '/carnet', '/mes-donnees', '/confort', '/aide']);
  await page.context().clearCookies();
  await signInStaff(page, 'demo.coordination');
  const staffPages = await crawl(page, ['/benevole', '/benevole/equipe', '/benevole/apprenants']);
  await page.context().clearCookies();
  await signInStaff(page, 'demo.formateur');
  const trainerPages = await crawl(page, ['/formateur'], 15);
  const all = new Map([...learnerPages, ...staffPages, ...trainerPages]);
  expect(all.size).toBeGreaterThan(20);
  for (const [path, html] of all) {
    expect(html.match(/<[^>]*\son[a-z]+\s*=/gi), path).toBeNull();
    expect(html.match(/<[^>]*\sstyle\s*=/gi), path).toBeNull();
  }
  const res = await page.request.get('/formateur');
  expect(res.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]+'/);
  expect(res.headers()['cache-control']).toBe('no-store');
});

test('after signing out, Back shows nothing of the person who was signed in', async ({ page }) => {
  const learner = createLearner('Retour');
  await signInLearner(page, learner.code);
  await page.goto('/modules/email-la-poste/adresse-enveloppe/adresse');
  await page.goto('/mes-donnees');
  await expect(page.locator('header')).toContainText(learner.name);
  await page.getByRole('button', { name: 'Terminer et me déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté')).toBeVisible();
  for (let i = 0; i < 2; i++) {
    await page.goBack();
    await page.waitForLoadState('domcontentloaded');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(learner.name);
    expect(text).not.toContain(learner.code);
    expect(text.replace(/[\s-]/g, '')).not.toContain(learner.code.replace(/[\s-]/g, ''));
  }

  // A volunteer, then "Back" on a learner's page with their code.
  await page.goto('/');
  await signInStaff(page, 'demo.benevole');
  await page.getByRole('link', { name: learner.name, exact: true }).first().click();
  await expect(page.locator('main')).toContainText(learner.name);
  await page.getByRole('button', { name: 'Me déconnecter' }).click();
  await expect(page.getByText('Vous êtes déconnecté')).toBeVisible();
  await page.goBack();
  await page.waitForLoadState('domcontentloaded');
  expect(await page.locator('body').innerText()).not.toContain(learner.name);
});

test("the login card's QR code asks \"C'est bien vous ?\" and signs in with one button, the code gone from the address bar", async ({ page }) => {
  const learner = createLearner('Carte');
  const first = learner.name.split(' ')[0];
  await page.goto(`/carte/${learner.code}`);
  await expect(page).toHaveURL(/\/carte$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`C'est bien vous, ${learner.name} ?`);
  // Nobody is signed in yet.
  await expect(page.locator('header')).not.toContainText(first);
  await page.getByRole('button', { name: "Oui, c'est moi : entrer" }).click();
  await expect(page).toHaveURL(/\/bienvenue$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(learner.name);
  expect(page.url()).not.toContain(learner.code);
  // The history holds no address with the code.
  await page.goBack();
  expect(page.url()).not.toContain(learner.code);
});

test('a link to someone else\'s card neither signs in nor ends the session on this computer', async ({ page }) => {
  const me = createLearner('Moi');
  const other = createLearner('Autre');
  await signInLearner(page, me.code);
  await page.goto(`/carte/${other.code}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`C'est bien vous, ${other.name} ?`);
  await expect(page.locator('main')).toContainText(`${me.name} est connecté sur cet ordinateur`);
  // "Ce n'est pas ma carte": still signed in as before.
  await page.getByRole('link', { name: "Ce n'est pas ma carte" }).click();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
  await expect(page.locator('header')).toContainText(me.name);
});

test('"Imprimer mon carnet" works with JavaScript (the print window) and without (the keys, at the top)', async ({ page }) => {
  const jsOn = test.info().project.use.javaScriptEnabled !== false;
  const learner = createLearner('Imprime');
  await signInLearner(page, learner.code);
  await page.goto('/carnet');
  await expect(page.getByText('Ctrl').first()).toBeVisible();
  const link = page.getByRole('link', { name: 'Imprimer mon carnet' });
  await expect(link).toBeVisible();
  if (jsOn) {
    await page.evaluate(() => { (window as any).__printed = 0; window.print = () => { (window as any).__printed += 1; }; });
    await link.click();
    expect(await page.evaluate(() => (window as any).__printed)).toBe(1);
    await expect(page).toHaveURL(/\/carnet$/);
  } else {
    await link.click();
    await expect(page).toHaveURL(/\/carnet\?imprimer=1#imprimer$/);
    const keys = page.locator('#imprimer');
    await expect(keys).toContainText('Appuyez en même temps sur la touche Ctrl et sur la touche P');
    // Shown at the top of the window, where the eye is.
    await expect(keys).toBeInViewport();
  }
});
