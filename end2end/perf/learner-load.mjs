// Learners going through lessons (a step page, then "Suivant", as a browser without
// JavaScript does), counting every answer and every acknowledged save, for the
// rolling-restart benchmark and the cluster test.
import { request, sessionCookie, sleep } from './cluster.mjs';

/** The hidden fields of the "Suivant" form of a step page, or null. */
export function nextForm(html) {
  const form = html.match(/<form[^>]*action="\/api\/suivant"[^>]*>([\s\S]*?)<\/form>/);
  if (!form) return null;
  const fields = {};
  for (const m of form[1].matchAll(/<input[^>]*>/g)) {
    const name = m[0].match(/name="([^"]*)"/)?.[1];
    const value = m[0].match(/value="([^"]*)"/)?.[1];
    if (name && value !== undefined && /type="hidden"/.test(m[0])) {
      fields[name] = value.replace(/&amp;/g, '&').replace(/&quot;/g, '"');
    }
  }
  return fields.module && fields.step ? fields : null;
}

/** Signs in learner `code` through `base`; the session cookie. */
export async function signIn(base, code, origin = base) {
  const r = await request(`${base}/api/connexion`, { form: { code }, origin });
  const cookie = sessionCookie(r);
  if (r.status !== 302 || !cookie) {
    throw new Error(`sign-in of ${code} through ${base}: ${r.status} ${r.body.slice(0, 300)}`);
  }
  return cookie;
}

/**
 * The first step of each published lesson, as the demo learner sees them: from the
 * catalogue, each module, and each lesson's address (which leads to its first step or
 * to where the learner stopped).
 */
export async function lessonStarts(base, cookie) {
  const links = (html, re) => [...new Set([...html.matchAll(re)].map((m) => m[1]))];
  const catalogue = await request(`${base}/modules`, { cookie });
  const starts = [];
  for (const m of links(catalogue.body, /href="(\/modules\/[a-z0-9-]+)"/g)) {
    const page = await request(`${base}${m}`, { cookie });
    for (const step of links(page.body, /href="(\/modules\/[a-z0-9-]+\/[a-z0-9-]+\/[a-z0-9-]+)"/g)) {
      if (!step.endsWith('/fin')) starts.push(step);
    }
    for (const lesson of links(page.body, /href="(\/modules\/[a-z0-9-]+\/[a-z0-9-]+)"/g)) {
      starts.push(lesson);
    }
  }
  return [...new Set(starts)];
}

/**
 * Runs `learners` (cookies) through the lessons starting at `starts` until `shouldStop()`
 * is true, through `base`. Returns the counts, the errors (any answer that is not 2xx or
 * 3xx, or no answer) and the acknowledged saves as `code|module|lesson|step` keys.
 */
export async function runLearners({ base, learners, starts, shouldStop, onError }) {
  const stats = {
    pages: 0, saves: 0, acknowledged: 0, notSaved: 0, errors: 0, errorList: [],
  };
  const acknowledged = new Set();
  // A learner who gets an error waits a little and tries again (as a person would), so
  // that errors count presses, not the turns of a tight loop.
  const error = async (what) => {
    stats.errors += 1;
    if (stats.errorList.length < 50) stats.errorList.push(`${new Date().toISOString()} ${what}`);
    onError?.(what);
    await sleep(250);
  };
  const one = async ({ code, cookie }, index) => {
    let lesson = index % starts.length;
    let path = starts[lesson];
    while (!shouldStop()) {
      let page;
      try {
        page = await request(`${base}${path}`, { cookie });
      } catch (e) {
        await error(`GET ${path}: ${e.message}`);
        continue;
      }
      stats.pages += 1;
      if (page.status >= 300 && page.status < 400 && page.location) {
        path = page.location.split('#')[0];
        continue;
      }
      if (page.status >= 400) {
        await error(`GET ${path}: ${page.status}`);
        continue;
      }
      const fields = nextForm(page.body);
      if (!fields) {
        // The end of a lesson (or a page without a step): on to the next lesson.
        lesson = (lesson + 1) % starts.length;
        path = starts[lesson];
        continue;
      }
      let saved;
      try {
        saved = await request(`${base}/api/suivant`, { form: fields, cookie });
      } catch (e) {
        await error(`POST /api/suivant ${fields.step}: ${e.message}`);
        continue;
      }
      stats.saves += 1;
      if (saved.status !== 302 && saved.status !== 303) {
        await error(`POST /api/suivant ${fields.step}: ${saved.status} ${saved.body.slice(0, 120)}`);
        continue;
      }
      const to = saved.location ?? '';
      if (to.endsWith('#enregistre')) {
        stats.acknowledged += 1;
        acknowledged.add(`${code}|${fields.module}|${fields.lesson}|${fields.step}`);
        path = to.split('#')[0];
      } else if (to.includes('enregistrement=echec')) {
        stats.notSaved += 1;
      } else {
        // The last step leads to the lesson's end (also acknowledged there).
        stats.acknowledged += 1;
        acknowledged.add(`${code}|${fields.module}|${fields.lesson}|${fields.step}`);
        path = to.split('#')[0] || starts[lesson];
      }
    }
  };
  await Promise.all(learners.map(one));
  return { stats, acknowledged };
}
