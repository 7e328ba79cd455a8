/** One section table (src/core/routes.ts) feeds the header, the sitemap and the section cards. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { currentSection, navSections, SECTIONS } from '../../src/core/routes.ts';
import { SECTION_ROUTES } from '../../src/outputs/sitemap.ts';

test('the navigation lists Services, Teams and Tags, in table order, without Home or Search', () => {
  assert.deepEqual(
    navSections().map((section) => section.label),
    ['Postmortems', 'SLOs', 'Releases', 'PRDs', 'Handbook', 'Services', 'Teams', 'Tags', 'Action items', 'Insights'],
  );
});

test('the sitemap lists every section of the table, home and search included', () => {
  assert.deepEqual(
    [...SECTION_ROUTES],
    SECTIONS.map((section) => section.path),
  );
  assert.ok(SECTION_ROUTES.includes('/search/') && SECTION_ROUTES.includes('/tags/'));
});

test('the current section is the one whose path the page is under', () => {
  assert.equal(currentSection('/services/catalog-api/')?.key, 'services');
  assert.equal(currentSection('/postmortems/by/severity/')?.key, 'postmortems');
  assert.equal(currentSection('/'), undefined, 'home marks no section');
  assert.equal(currentSection('/no-such-page/'), undefined);
});
