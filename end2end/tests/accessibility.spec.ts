import { test, expect, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { createLearner } from './server';
import { expectAccessible, signInLearner, signInStaff } from './helpers';

// Each test scans many pages and states (an axe scan takes about a second on 2 cores).
test.describe.configure({ timeout: 180_000 });

const PUBLIC_PAGES = [
  '/',
  '/modules',
  '/modules/email-la-poste',
  '/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier',
  '/modules/email-la-poste/adresse-enveloppe/arobase',
  '/modules/email-la-poste/adresse-enveloppe/fin',
  // An answered question, as a learner lands on it: the answer's redirect ends with the
  // feedback's fragment, so the browser shows the feedback (above the sticky "Suivant" bar,
  // thanks to scroll-padding). Without the fragment the page opens at its top with an answer
  // half under that bar, a place no answer leads to.
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:a#retour-adresse-bien-ecrite',
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:b#retour-adresse-bien-ecrite',
  '/modules/email-la-poste/adresse-enveloppe/lire?reponse=adresse-bien-ecrite:#retour-adresse-bien-ecrite',
  '/connexion',
  '/connexion?erreur=inconnu',
  '/connexion?deconnecte=1',
  '/benevole/connexion',
  '/benevole/connexion?erreur=identifiants',
  '/page-inconnue',
  // An error of a plain handler (a download asked for by nobody), rendered as a page.
  '/mes-donnees.json',
  '/confort',
  '/confort?retour=/modules',
  '/?confort=ok',
];

for (const path of PUBLIC_PAGES) {
  test(`axe finds no violation on ${path}`, async ({ page }) => {
    await page.goto(path);
    await expectAccessible(page);
  });
}

test('axe finds no violation on the pages of a signed-in learner', async ({ page }) => {
  const learner = createLearner('Axe');
  await signInLearner(page, learner.code);
  await expectAccessible(page);
  await page.goto('/modules/email-la-poste/adresse-enveloppe/une-lettre-mais-sans-papier');
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.goto('/');
  await expectAccessible(page);
  await page.goto('/modules/email-la-poste');
  await expectAccessible(page);
});

test("axe finds no violation on the volunteer's dashboard", async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await expectAccessible(page);
});

test('axe finds no violation on printed views', async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: 'Jeanne' }).first().click();
  await page.getByRole('link', { name: 'Imprimer la carte de connexion' }).click();
  await page.emulateMedia({ media: 'print' });
  await expectAccessible(page, { print: true });
  await page.emulateMedia({ media: 'screen' });
});

test('axe finds no violation on the booklet, printed', async ({ page }) => {
  const learner = createLearner('Carnet');
  await signInLearner(page, learner.code);
  await page.goto('/carnet');
  await expectAccessible(page);
  await expectAccessible(page, { print: true });
});

// Every state below is scanned with JavaScript on and off (the two projects).

const PHOTO = resolve(__dirname, 'fixtures', 'photo-du-chat.png');
const MAILBOX = '/modules/piece-jointe/joindre-un-fichier/a-vous-envoyer-une-photo';
const REFUND = '/modules/services-publics/demander-un-remboursement/a-vous-demande-en-ligne';
const REFUND_EX = `${REFUND}?ex=demande-de-remboursement`;
const REVIEW = `${REFUND_EX}&v.motif=M%C3%A9dicaments+%C3%A0+la+pharmacie&v.montant=25%2C00&v.date=12%2F03%2F2025&v.facture=photo-du-chat.png&ecran=confirmer`;

/** Opens each path in turn and scans it. */
async function scanAll(page: Page, paths: string[]) {
  for (const path of paths) {
    await page.goto(path);
    await expectAccessible(page);
  }
}

test("axe finds no violation on a signed-in learner's states: help sent, confidence, data, exercises", async ({ page }) => {
  const learner = createLearner('Axe états');
  await signInLearner(page, learner.code);
  const step = '/modules/email-la-poste/adresse-enveloppe/arobase';
  await scanAll(page, [
    `${step}?aide=envoyee`,
    `${step}?confiance=vide`,
    '/modules/email-la-poste/adresse-enveloppe/fin?confiance=vide',
    '/mes-donnees',
    '/mes-donnees?erreur=confirmer',
    '/carnet',
    // The mouse practice; the pretend mailbox: a message, the form, its advice.
    '/modules/souris-clavier/taper-du-texte/revision-gestes',
    '/modules/souris-clavier/taper-du-texte/revision-gestes?ex=gestes&fait=clic&essai=taper&reussi=0',
    `${MAILBOX}?ex=envoyer-une-photo&vue=message-1`,
    `${MAILBOX}?ex=envoyer-une-photo&vue=ecrire&a=marie.dupont%40&objet=&texte=&conseil=adresse-mal-ecrite%2Csans-objet%2Csans-piece-jointe`,
    // The pretend public-service site: bad sign-in, a field error, the review, the end.
    `${REFUND_EX}&identifiant=x&erreur=connexion`,
    `${REFUND_EX}&ecran=1&erreur=motif%3Avide`,
    REVIEW,
    `${REFUND_EX}&ecran=fini`,
  ]);
  // The mailbox's "sent" view, after a real send.
  await page.goto(`${MAILBOX}?ex=envoyer-une-photo&vue=ecrire`);
  const exercise = page.locator('#exercice-envoyer-une-photo');
  await exercise.getByLabel('À', { exact: true }).fill('marie.dupont@exemple.fr');
  await exercise.getByLabel('Objet').fill('Ma photo');
  await exercise.getByLabel('Joindre un fichier').setInputFiles(PHOTO);
  await exercise.getByRole('button', { name: 'Envoyer' }).click();
  await expect(exercise).toContainText('Bravo ! Le message est parti.');
  await expectAccessible(page);
  // A step served from memory: the second visit.
  await page.goto(step);
  await page.goto(step);
  await expectAccessible(page);
});

test("axe finds no violation on the volunteer's pages and their states", async ({ page }) => {
  await signInStaff(page, 'demo.benevole');
  await scanAll(page, [
    '/benevole?aide=traitee',
    '/benevole?aide=deja&par=Camille',
    '/benevole/apprenants',
    '/benevole/apprenants/nouveau',
    '/benevole/apprenants/nouveau?erreur=prenom',
    '/benevole/atelier',
  ]);
  await page.goto('/benevole/apprenants');
  await page.getByRole('link', { name: 'Jeanne' }).first().click();
  const learner = new URL(page.url()).pathname;
  await scanAll(page, [learner, `${learner}?erreur=confirmer`, `${learner}/carte?nouveau-code=1`, `${learner}/seance`]);
  // A session logged, then the hand-off sheet and the card, printed.
  await page.goto(`${learner}/seance`);
  await page.getByLabel('À domicile', { exact: true }).check();
  // La Coop's report (issue 21): the commune of a home session, and a theme.
  await page.getByLabel('Commune', { exact: true }).fill('Pau');
  await page.getByLabel('E-mail', { exact: true }).check();
  await page.getByLabel('Durée, en minutes').fill('30');
  await page.getByLabel('Ce que nous avons travaillé').fill('Les e-mails.');
  await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('La séance est enregistrée.');
  await page.getByRole('link', { name: /Imprimer la fiche de/ }).first().click();
  await expect(page.locator('.hand-off')).toBeVisible();
  await expectAccessible(page);
  await expectAccessible(page, { print: true });
  await page.goto(`${learner}/carte`);
  await expectAccessible(page, { print: true });
  // Not a trainer: the 403 page.
  const response = await page.goto('/formateur');
  expect(response?.status()).toBe(403);
  await expectAccessible(page);
});

test("axe finds no violation on the team page's states and the invitation form's errors", async ({ page }) => {
  await signInStaff(page, 'demo.coordination');
  await scanAll(page, ['/benevole/equipe', '/benevole/equipe?erreur=prenom', '/benevole/equipe?erreur=role']);
  await page.goto('/benevole/equipe');
  await page.getByLabel('Prénom', { exact: true }).fill('Axel');
  await page.getByRole('button', { name: "Créer le lien d'invitation" }).click();
  const link = (await page.locator('.invitation-url').textContent())!.trim();
  await expectAccessible(page);
  await page.context().clearCookies();
  await page.goto(new URL(link).pathname);
  // An identifier already taken: the errors are shown on the form.
  await page.getByLabel('Identifiant').fill('demo.benevole');
  await page.getByLabel('Mot de passe').fill('demo.benevole');
  await page.getByRole('button', { name: 'Enregistrer et entrer' }).click();
  await expect(page.locator('.error-message').first()).toBeVisible();
  await expectAccessible(page);
});

test("axe finds no violation on the trainer's pages, errors, editor states and previews", async ({ page }) => {
  await signInStaff(page, 'demo.formateur');
  const file = 'email-la-poste/adresse-enveloppe.md';
  const editor = `/formateur/editer?fichier=${file}`;
  await scanAll(page, [
    '/formateur',
    '/formateur?erreur=titre',
    editor,
    `${editor}&enregistre=1`,
    `${editor}&refus=1`,
    `${editor}&annule=1`,
    `${editor}&erreur-image=taille`,
    '/formateur/editer?fichier=glossaire.md',
    '/formateur/editer?fichier=email-la-poste/_index.md',
    `/formateur/apercu?fichier=${file}&etape=lire`,
    '/formateur/apercu?fichier=souris-clavier/taper-du-texte.md&etape=revision-gestes',
    '/formateur/apercu?fichier=piece-jointe/joindre-un-fichier.md&etape=a-vous-envoyer-une-photo',
    '/formateur/apercu?fichier=services-publics/demander-un-remboursement.md&etape=a-vous-demande-en-ligne',
  ]);
});
