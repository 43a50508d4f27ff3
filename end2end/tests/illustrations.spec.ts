import { test, expect } from '@playwright/test';
import { expectAccessible } from './helpers';

// Issue 19, item 2: the lessons' drawings render (JavaScript on and off: both projects),
// are described, sized, lazy and compact, and the pages stay accessible.

const STEPS = [
  '/modules/souris-clavier/cliquer/les-boutons',
  '/modules/email-la-poste/boite-de-reception/non-lu',
  '/modules/piece-jointe/joindre-un-fichier/bouton-trombone',
  '/modules/piece-jointe/joindre-un-fichier/choisir-et-ouvrir',
  '/modules/arnaques/adresse-du-site/cadenas',
  '/modules/recherche/le-moteur-de-recherche/la-case',
  '/modules/services-publics/franceconnect/le-bouton',
  '/modules/appel-video/recevoir-un-appel/boutons',
  '/modules/virus/que-faire-si/fermer-la-fenetre',
];

for (const path of STEPS) {
  test(`the drawing of ${path} renders, described and compact`, async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    const img = page.locator('.step img[src^="/medias/"]').first();
    await expect(img).toHaveAttribute('loading', 'lazy');
    await expect(img).toHaveAttribute('width', /^\d+$/);
    await expect(img).toHaveAttribute('height', /^\d+$/);
    expect(((await img.getAttribute('alt')) ?? '').split(' ').length).toBeGreaterThan(4);
    await img.scrollIntoViewIfNeeded();
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), {
        timeout: 5_000,
      })
      .toBeGreaterThan(0);
    const box = await img.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(50);
    expect(box?.height ?? 999).toBeLessThanOrEqual(200);
    const src = await img.getAttribute('src');
    const svg = await page.request.get(src!);
    expect(svg.headers()['content-type']).toBe('image/svg+xml');
    expect(svg.headers()['content-security-policy']).toContain("default-src 'none'");
    await expectAccessible(page);
  });
}

test('the module page names its Pix competences in words', async ({ page }) => {
  await page.goto('/modules/email-la-poste');
  await expect(page.getByRole('heading', { name: 'Les compétences Pix de ce thème' })).toBeVisible();
  await expect(page.getByText('Compétence Pix 2.1 — Interagir')).toBeVisible();
  await expectAccessible(page);
});
