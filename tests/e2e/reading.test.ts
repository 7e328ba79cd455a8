/**
 * Reading on a phone and a desktop, in both themes: the long pages (postmortems, handbook pages,
 * PRDs), their table of contents, team pages and the start-here path.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPage } from '../support/browser.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const { model } = loadHandbook(readEnvironment(process.env, { root: join(import.meta.dirname, '..', '..') }));
const postmortem =
  model.postmortems.find((pm) => pm.id === 'slot-booking-connection-exhaustion') ??
  model.postmortems.find((pm) => pm.data.status === 'published')!;
const pages: [string, string][] = [
  ['postmortem', postmortem.url],
  ['handbook page', model.handbook[0]!.url],
  ['PRD', model.prds.find((prd) => prd.data.risks.length > 0)!.url],
  ['team', model.teams[0]!.url],
  ['service', model.services[0]!.url],
  ['start here', '/start/'],
];
const WIDTHS = [390, 1280] as const;
const THEMES = ['light', 'dark'] as const;

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

const open = (path: string, width: number, colorScheme: 'light' | 'dark' = 'light') =>
  openPage(browser, path, { colorScheme, viewport: { width, height: 800 } });
/** Whether the element's top edge is inside the viewport. */
const inView = (page: Page, selector: string) =>
  page.evaluate((css) => {
    const box = document.querySelector(css)!.getBoundingClientRect();
    return box.top >= -1 && box.top < window.innerHeight;
  }, selector);

for (const width of WIDTHS) {
  for (const colorScheme of THEMES) {
    test(`no reading page is wider than the viewport at ${width} px (${colorScheme}), and axe finds nothing serious`, async () => {
      for (const [name, path] of pages) {
        const { page, errors, status } = await open(path, width, colorScheme);
        assert.equal(status, 200, `${name} ${path}`);
        const { scroll, client } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          client: document.documentElement.clientWidth,
        }));
        assert.ok(scroll <= client, `${name} (${path}) is ${scroll} px wide in a ${client} px viewport`);
        await page.addScriptTag({ content: axeSource });
        const serious = await page.evaluate(async () => {
          const run = await (window as any).axe.run(document, { resultTypes: ['violations'] });
          return run.violations
            .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
            .map(
              (v: any) =>
                `${v.id}: ${v.nodes
                  .slice(0, 3)
                  .map((n: any) => n.target.join(' '))
                  .join(', ')}`,
            );
        });
        assert.deepEqual(serious, [], `${name} (${path})`);
        assert.deepEqual(errors, []);
        await page.context().close();
      }
    });
  }

  test(`the table of contents links to its sections at ${width} px`, async () => {
    for (const path of [postmortem.url, model.handbook[0]!.url]) {
      const { page } = await open(path, width);
      if (width < 1000) await page.locator('details.toc-narrow summary').click();
      const nav = page.locator(width < 1000 ? 'details.toc-narrow nav' : 'nav.toc-wide');
      assert.ok(await nav.isVisible(), `the contents are visible at ${width} px on ${path}`);
      const link = nav.locator('a').nth(1);
      const hash = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForFunction((expected) => location.hash === expected, hash);
      await page.waitForTimeout(100);
      assert.ok(await inView(page, hash), `${hash} is in view after the click on ${path}`);
      await page.context().close();
    }
  });
}

test('the table of contents marks the section being read', async () => {
  const { page, errors } = await open(postmortem.url, 1280);
  const current = () => page.locator('nav.toc-wide a[aria-current="true"]').getAttribute('href');
  const links = await page.locator('nav.toc-wide a').evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')!));
  assert.ok(links.length >= 4, `${links.length} sections listed`);
  assert.equal(await current(), links[0]);
  const target = links[3]!;
  await page.evaluate((id) => document.getElementById(decodeURIComponent(id.slice(1)))!.scrollIntoView({ block: 'start' }), target);
  await page.waitForFunction(
    (href) => document.querySelector('nav.toc-wide a[aria-current="true"]')?.getAttribute('href') === href,
    target,
  );
  assert.equal(await page.locator('nav.toc-wide a[aria-current="true"]').count(), 1);
  // The key facts and the contents stay beside the text while it scrolls.
  assert.ok(await inView(page, 'nav.toc-wide'), 'the contents stay in view');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a postmortem page says each thing once: one timeline drawn to scale, no repeated sections', async () => {
  const { page } = await open(postmortem.url, 1280);
  const headings = await page.locator('main h2').allTextContents();
  const counts = new Map<string, number>();
  for (const heading of headings.map((text) => text.trim().toLowerCase())) counts.set(heading, (counts.get(heading) ?? 0) + 1);
  assert.deepEqual(
    [...counts].filter(([, count]) => count > 1),
    [],
    headings.join(' | '),
  );
  assert.equal(await page.locator('.phase-scale').count(), 1);
  // Bars are proportional: resolution (110 min) is drawn wider than mitigation (32 min), and detection is still visible.
  const widths = await page.locator('.phase-bar').evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
  assert.equal(widths.length, 4);
  assert.ok(widths[3]! > widths[2]! && widths[2]! > widths[0]! && widths[0]! > 10, widths.join(', '));
  assert.ok(await page.locator('.key-facts').getByText('Time to mitigate').isVisible());
  await page.context().close();
});

test('/start/ lists the handbook in reading order, instructive postmortems and tier-1 services; the home page links to it', async () => {
  const { page: home } = await open('/', 1280);
  await home.getByRole('link', { name: 'New here? Start here' }).click();
  await home.waitForURL(/\/start\/$/);
  const hrefs = (selector: string) => home.locator(selector).evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
  assert.deepEqual(
    await hrefs('section[aria-labelledby="start-handbook"] li > a'),
    model.handbook.map((page) => page.url),
  );
  const incidents = await hrefs('section[aria-labelledby="start-incidents"] li > a');
  assert.ok(incidents.length > 0 && incidents.every((href) => href!.startsWith('/postmortems/')), incidents.join(' '));
  const services = await hrefs('section[aria-labelledby="start-services"] h3 > a');
  assert.deepEqual(
    services,
    model.services.filter((service) => service.data.tier === 1).map((service) => service.url),
  );
  await home.context().close();
});

test('a team page lists the incidents on its services and omits empty sections', async () => {
  for (const team of model.teams) {
    const { page } = await open(team.url, 1280);
    const text = await page.locator('main').innerText();
    assert.doesNotMatch(text, /\bNone\.|^—$/m, team.id);
    const owned = new Set(model.services.filter((service) => service.data.team === team.id).map((service) => service.id));
    const incidents = model.postmortems.filter((pm) => pm.data.services.some((id) => owned.has(id)));
    for (const pm of incidents) assert.ok(await page.locator(`main a[href="${pm.url}"]`).count(), `${team.id} lists ${pm.id}`);
    await page.context().close();
  }
});
