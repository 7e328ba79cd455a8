/**
 * Astro's incremental build reuses an entry page only when everything it shows is unchanged:
 * an edited postmortem is rendered again, and so is every page that shows it (the other incidents
 * of its service list it as related), while a page that shows nothing of it is copied from the
 * previous build; the pages of the postmortem list are rendered again only when a row they show
 * changed. `--force` renders every page. An unchanged page stays in the output folder where
 * the last build wrote it; a page that is no longer generated, or a file changed by hand, does not.
 * A rendered body no build has used for 30 days is deleted from the cache.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { contentFolder, mdx, postmortemYaml } from '../unit/support/content.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = join(ROOT, 'node_modules', '.bin', 'astro');

const postmortem = (title: string, service: string, started: string, body = 'What happened.') =>
  mdx(
    postmortemYaml({
      title: `title: ${title}`,
      services: `services:\n  - ${service}`,
      timeline: [
        'timeline:',
        `  started: ${started}T10:00:00Z`,
        `  detected: ${started}T10:05:00Z`,
        `  mitigated: ${started}T10:30:00Z`,
        `  resolved: ${started}T11:00:00Z`,
      ].join('\n'),
    }),
    body,
  );

test('a rebuild renders the edited page and the pages that show it, and reuses the others', () => {
  const folder = contentFolder({
    'postmortems/first.mdx': postmortem('First checkout outage', 'checkout-api', '2026-10-01'),
    'postmortems/second.mdx': postmortem('Second checkout outage', 'checkout-api', '2026-10-08'),
    'postmortems/payments.mdx': postmortem('Payments outage', 'payments', '2026-10-15'),
  });
  const outDir = join(folder.root, 'dist');
  const build = (...flags: string[]) => {
    const result = spawnSync(ASTRO, ['build', '--outDir', outDir, ...flags], {
      cwd: ROOT,
      env: {
        ...process.env,
        ALMANAC_CONTENT_DIR: folder.contentDir,
        ALMANAC_NOW: '2026-11-28T12:00:00Z',
        ALMANAC_CACHE_DIR: join(folder.root, 'cache'),
      },
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stdout + result.stderr);
    // Astro colours its log when it thinks it runs in CI (CI=true), even into a pipe.
    const log = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const ids = ['first', 'second', 'payments'];
    const reusedAs = (how: string) => ids.filter((id) => new RegExp(`/postmortems/${id}/index\\.html \\(${how}\\)`).test(log));
    // "cached": the page was left in the output folder; "restored": copied back from Astro's cache.
    const lists = ['', 'by/severity/', 'by/status/', 'by/time-to-mitigate/', 'by/title/'];
    const listsReused = lists.filter((list) => new RegExp(`/postmortems/${list}index\\.html \\((?:cached|restored)\\)`).test(log));
    return { reused: reusedAs('(?:cached|restored)'), kept: reusedAs('cached'), listsReused: listsReused.length, log };
  };
  const page = (id: string) => readFileSync(join(outDir, 'postmortems', id, 'index.html'), 'utf8');

  assert.deepEqual(build('--force').reused, [], '--force renders every page');
  const unchanged = build();
  assert.deepEqual(unchanged.reused, ['first', 'second', 'payments'], 'nothing changed: every entry page is reused');
  assert.equal(unchanged.listsReused, 5, 'and the five orders of the postmortem list');
  assert.deepEqual(unchanged.kept, ['first', 'second', 'payments'], 'in place, not copied back');

  // Every rendered body as if no build had used it for 60 days: the next build marks the ones it
  // reuses, and deletes the rest (here the renamed incident's old body).
  const bodies = join(folder.root, 'cache', 'bodies');
  const bodyFiles = () => readdirSync(bodies).sort();
  const before = bodyFiles();
  const longAgo = new Date(Date.now() - 60 * 86_400_000);
  for (const name of before) utimesSync(join(bodies, name), longAgo, longAgo);

  folder.write('postmortems/first.mdx', postmortem('First checkout outage, renamed', 'checkout-api', '2026-10-01'));
  const afterRename = build();
  assert.deepEqual(afterRename.reused, ['payments'], 'the renamed incident and the one listing it as related are rendered again');
  assert.equal(afterRename.listsReused, 0, 'the lists show the title: rendered again');
  const list = readFileSync(join(outDir, 'postmortems', 'by', 'title', 'index.html'), 'utf8');
  assert.match(list, /First checkout outage, renamed/);
  assert.match(list, /<caption class="visually-hidden">Postmortems, sorted by title<\/caption>/);
  assert.match(list, /Sort by: <a /, 'a space after "Sort by:"');
  const after = bodyFiles();
  assert.equal(after.length, before.length, "the renamed incident's old body is deleted and its new one written");
  assert.notDeepEqual(after, before);
  for (const name of after) assert.ok(statSync(join(bodies, name)).mtimeMs > Date.now() - 3_600_000, `${name} is marked as used`);
  assert.match(page('first'), /<h1[^>]*>First checkout outage, renamed</);
  assert.match(page('second'), /First checkout outage, renamed/, 'the related list shows the new title');
  assert.match(page('payments'), /Payments outage/);

  folder.write('postmortems/payments.mdx', postmortem('Payments outage', 'payments', '2026-10-15', 'What happened, retold.'));
  const afterBodyEdit = build();
  assert.deepEqual(afterBodyEdit.reused, ['first', 'second'], 'an edited body renders its own page only');
  assert.equal(afterBodyEdit.listsReused, 5, 'no list shows the body: every order of the list is reused');
  assert.match(page('payments'), /What happened, retold\./);

  writeFileSync(join(outDir, 'postmortems', 'second', 'index.html'), 'edited by hand');
  const afterTampering = build();
  assert.deepEqual(afterTampering.kept, ['first', 'payments'], 'a page changed since the last build is not trusted');
  assert.deepEqual(afterTampering.reused, ['first', 'second', 'payments'], "but copied back from Astro's cache");
  assert.match(page('second'), /<h1[^>]*>Second checkout outage</);

  rmSync(join(folder.contentDir, 'postmortems', 'payments.mdx'));
  const afterRemoval = build();
  assert.equal(existsSync(join(outDir, 'postmortems', 'payments')), false, "a removed entry's page is gone from the output");
  assert.match(afterRemoval.log, /1 pages of the previous build removed/);
  assert.doesNotMatch(readFileSync(join(outDir, 'index.html'), 'utf8'), /Payments outage/);
});
