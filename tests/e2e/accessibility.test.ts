/**
 * An axe-core scan of every page type, in both themes, on a phone (390 px) and a desktop (1280 px):
 * no serious or critical violation, and no page wider than the viewport.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { model } = loadHandbook(readEnvironment(process.env, { root: join(import.meta.dirname, '..', '..') }));

const pageTypes: [string, string][] = [
  ['home', '/'],
  ['postmortem list', '/postmortems/'],
  ['postmortem list, sorted', '/postmortems/by/severity/'],
  ['postmortem', model.postmortems.find((pm) => pm.data.status === 'published')!.url],
  ['SLO list', '/slos/'],
  ['SLO', model.slos.find((slo) => slo.budget.status !== 'healthy')!.url],
  ['release list', '/releases/'],
  ['release', model.releases.find((release) => release.data.gates.some((gate) => gate.waiver))!.url],
  ['PRD list', '/prds/'],
  ['PRD', model.prds.find((prd) => prd.data.status === 'superseded')!.url],
  ['handbook index', '/handbook/'],
  ['handbook page', model.handbook.find((page) => page.stale)!.url],
  ['service', model.services[0].url],
  ['team', model.teams[0].url],
  ['tag', `/tags/${model.tags[0].slug}/`],
  ['action items', '/action-items/'],
  ['insights', '/insights/'],
  ['review sessions', '/reviews/'],
  ['review pack', model.reviews.find((session) => session.kind === 'postmortem')!.url],
  ['release during a freeze', model.releases.find((release) => release.freeze?.outcome === 'exception')!.url],
  ['search', '/search/'],
  ['start here', '/start/'],
  ['not found', '/no-such-page/'],
];

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const WIDTHS = [390, 1280] as const;

for (const width of WIDTHS) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [name, path] of pageTypes) {
      test(`${name} (${path}) at ${width} px, ${colorScheme} theme: no serious or critical axe violation, nothing wider than the viewport`, async () => {
        const { page, errors, status } = await openPage(browser, path, { colorScheme, viewport: { width, height: 900 } });
        assert.equal(status, name === 'not found' ? 404 : 200, `${path} answers ${status}`);
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          viewport: document.documentElement.clientWidth,
        }));
        assert.ok(overflow.page <= overflow.viewport, `${path} is ${overflow.page} px wide in a ${overflow.viewport} px viewport`);
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate(async () => {
          const axe = (window as any).axe;
          const run = await axe.run(document, { resultTypes: ['violations'] });
          return run.violations.map((v: any) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')),
          }));
        });
        const serious = results.filter(
          (violation: { impact: string }) => violation.impact === 'serious' || violation.impact === 'critical',
        );
        assert.deepEqual(serious, [], JSON.stringify(serious, null, 2));
        assert.deepEqual(
          errors.filter((error) => !error.includes('404')),
          [],
        );
        await page.context().close();
      });
    }
  }
}
