/**
 * The search index of the built example handbook, read as files: Pagefind's bundles exist, their
 * shards together hold exactly the entry pages this build publishes (no list page, no draft), each
 * page in one shard only, with its facets and card meta, and the quick search costs content pages
 * only a small inline loader. The test build uses tiny shards (scripts/test.ts), so there are several.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DIST, distFiles, readDist, readDistJson } from '../support/dist.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { FACETS, searchFacets, searchMeta, searchSort } from '../../src/core/search.ts';
import { SHARD_MANIFEST_URL, UNDATED, type ShardManifest } from '../../src/core/search-shards.ts';

const root = join(import.meta.dirname, '..', '..');
const environment = readEnvironment(process.env, { root });
const { model } = loadHandbook(environment);
const files = distFiles();
const entries = model.all();

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/** Pagefind files are gzip streams whose text starts with the 12-byte "pagefind_dcd" signature. */
function decode(file: string): string {
  const text = gunzipSync(readFileSync(join(DIST, file))).toString('utf8');
  assert.ok(text.startsWith('pagefind_dcd'), `${file} is a Pagefind file`);
  return text.slice('pagefind_dcd'.length);
}

const manifest = readDistJson<ShardManifest>(SHARD_MANIFEST_URL.slice(1));
/** A shard's folder in the output: `pagefind/` or `pagefind/shards/<id>/`. */
const folderOf = (path: string) => path.slice(1);
const shardFragments = manifest.shards.map((shard) =>
  files
    .filter((file) => file.startsWith(`${folderOf(shard.path)}fragment/`) && !file.slice(folderOf(shard.path).length).includes('shards/'))
    .map((file) => JSON.parse(decode(file)) as Fragment),
);
const fragments: Fragment[] = shardFragments.flat();
const byUrl = new Map(fragments.map((fragment) => [fragment.url, fragment]));

test('the build writes a Pagefind bundle with a non-empty index', () => {
  for (const file of ['pagefind/pagefind.js', 'pagefind/pagefind-entry.json']) assert.ok(existsSync(join(DIST, file)), `${file} exists`);
  const entry = readDistJson<{ version: string; languages: Record<string, { page_count: number }> }>('pagefind/pagefind-entry.json');
  assert.deepEqual(Object.keys(entry.languages), ['en'], 'one language, English');
  assert.ok(entry.languages.en!.page_count > 0);
  for (const folder of ['index', 'fragment', 'filter']) {
    const inFolder = files.filter((file) => file.startsWith(`pagefind/${folder}/`));
    assert.ok(
      inFolder.length > 0 && inFolder.every((file) => statSync(join(DIST, file)).size > 0),
      `pagefind/${folder}/ has non-empty files`,
    );
  }
  assert.ok(
    files.some((file) => /^pagefind\/pagefind\.en_[0-9a-f]+\.pf_meta$/.test(file)),
    'the English meta index exists',
  );
});

test('the shards together hold exactly the entry pages of this build, each page once: no list page, no draft', () => {
  const pageCounts = manifest.shards.map((shard) => {
    const entry = readDistJson<{ languages: Record<string, { page_count: number }> }>(`${folderOf(shard.path)}pagefind-entry.json`);
    return entry.languages.en!.page_count;
  });
  assert.deepEqual(
    pageCounts,
    manifest.shards.map((shard) => shard.pages),
    'the manifest counts what each bundle holds',
  );
  assert.equal(
    pageCounts.reduce((sum, count) => sum + count, 0),
    entries.length,
    'page counts add up to the number of searchable entry pages in the model',
  );
  assert.equal(fragments.length, entries.length, 'no page is in two shards');
  assert.deepEqual([...byUrl.keys()].sort(), entries.map((view) => view.url).sort());
  for (const listPage of [
    '/',
    '/postmortems/',
    '/slos/',
    '/releases/',
    '/prds/',
    '/handbook/',
    '/action-items/',
    '/insights/',
    '/search/',
    '/tags/',
  ]) {
    assert.ok(!byUrl.has(listPage), `${listPage} is not indexed`);
  }
  // Only entry pages opt in; list pages carry no data-pagefind-body.
  assert.doesNotMatch(readDist('postmortems/index.html'), /data-pagefind-body/);
  assert.match(readDist(`${model.postmortems[0]!.url.slice(1)}index.html`), /data-pagefind-body/);
});

test('the index is in date-ordered shards of the configured size, newest first, the primary bundle first', () => {
  const size = environment.searchShardSize;
  assert.ok(size !== undefined && size < entries.length / 3, 'the test build uses shards small enough to have several');
  assert.ok(manifest.shards.length >= 3, `${manifest.shards.length} shards`);
  assert.equal(manifest.shards[0]!.path, '/pagefind/');
  for (const [index, shard] of manifest.shards.entries()) {
    assert.ok(shard.pages >= 1 && shard.pages <= size, `${shard.path}: ${shard.pages} pages`);
    if (index > 0) assert.equal(shard.path, `/pagefind/shards/${shard.id}/`);
    // Each shard's pages lie within its date range; ranges do not overlap and go newest first.
    for (const fragment of shardFragments[index]!) {
      const key = entries.find((view) => view.url === fragment.url)?.date ?? UNDATED;
      assert.ok(shard.from <= key && key <= shard.to, `${fragment.url} (${key}) in ${shard.from}…${shard.to}`);
    }
    const next = manifest.shards[index + 1];
    if (next) assert.ok(next.to <= shard.from, `${next.path} is older than ${shard.path}`);
  }
  // Merged shards use the primary's runtime: none of them ships its own.
  const runtimes = files.filter((file) => /(^|\/)(pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$/.test(file));
  assert.ok(
    runtimes.every((file) => !file.startsWith('pagefind/shards/')),
    runtimes.join(', '),
  );
});

test("the manifest counts each shard's facet values as its indexed pages carry them", () => {
  for (const [index, shard] of manifest.shards.entries()) {
    const counted: Record<string, Record<string, number>> = {};
    for (const fragment of shardFragments[index]!)
      for (const [facet, values] of Object.entries(fragment.filters))
        for (const value of values) (counted[facet] ??= {})[value] = (counted[facet]![value] ?? 0) + 1;
    assert.deepEqual(shard.filters, counted, `shard ${shard.id}`);
  }
  const severities = manifest.shards.reduce(
    (sum, shard) => sum + Object.values(shard.filters.severity ?? {}).reduce((a, b) => a + b, 0),
    0,
  );
  assert.equal(severities, model.postmortems.length, 'every postmortem has one severity');
});

test('every indexed page carries its facets, card meta and sort key', () => {
  for (const view of entries) {
    const fragment = byUrl.get(view.url)!;
    assert.deepEqual(
      Object.fromEntries(Object.entries(fragment.filters).map(([key, values]) => [key, [...values].sort()])),
      Object.fromEntries(Object.entries(searchFacets(view, model)).map(([key, values]) => [key, [...values!].sort()])),
      `${view.url} filters`,
    );
    const { title, ...meta } = fragment.meta;
    assert.deepEqual(meta, searchMeta(view), `${view.url} meta`);
    assert.ok(title, `${view.url} has a title`);
    assert.match(searchSort(view).date, /^\d{4}-\d{2}-\d{2}$/);
  }
  const facetsInIndex = new Set(fragments.flatMap((fragment) => Object.keys(fragment.filters)));
  assert.deepEqual([...facetsInIndex].sort(), [...FACETS].sort(), 'every facet of the content model is in the index');
  const pm = model.postmortems[0]!;
  assert.equal(byUrl.get(pm.url)!.meta.title, pm.title, 'the h1 (the entry title) is the result title');
});

test('navigation, footer and badges stay out of the indexed text', () => {
  const pm = model.postmortems.find((view) => view.data.status === 'published')!;
  const content = byUrl.get(pm.url)!.content;
  assert.ok(content.startsWith(pm.title), 'the indexed text starts at the entry title');
  for (const boilerplate of ['Skip to content', 'Action items Insights', 'Postmortem feed', 'Edit this page', 'Dark theme']) {
    assert.ok(!content.includes(boilerplate), `"${boilerplate}" is not indexed`);
  }
});

/** Static imports (`import{a}from"./x.js"`, `import"./x.js"`) of a built module: loaded with it, so part of its cost. */
function staticImports(code: string, from: string): string[] {
  return [...code.matchAll(/import\s*(?:[\w{},\s*$]+from\s*)?["']([^"']+)["']/g)].map(
    (match) => new URL(match[1]!, `https://x${from}`).pathname,
  );
}

/** Bytes of JavaScript a page runs on load: inline scripts, script files and what they import statically. */
function upFrontBytes(html: string): { bytes: number; code: string } {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].filter(
    ([, attributes]) => !/type="application\/(?:ld\+)?json"/.test(attributes!),
  );
  let bytes = 0;
  let code = '';
  const seen = new Set<string>();
  const queue: string[] = [];
  for (const [, attributes, body] of scripts) {
    bytes += Buffer.byteLength(body!);
    code += body;
    const src = /src="([^"]+)"/.exec(attributes!)?.[1];
    queue.push(...(src ? [src] : []), ...staticImports(body!, '/'));
  }
  while (queue.length) {
    const src = queue.shift()!;
    if (seen.has(src)) continue;
    seen.add(src);
    const text = readFileSync(join(DIST, src), 'utf8');
    bytes += Buffer.byteLength(text);
    code += text;
    queue.push(...staticImports(text, src));
  }
  return { bytes, code };
}

test('quick search costs content pages a small loader: at most 3 KB of JavaScript up front, the dialog on first use', () => {
  assert.ok(!existsSync(join(DIST, 'quick-search.js')), 'no hand-written search code is served from public/');
  const dialogChunks = files.filter((file) => /^_astro\/quick-search\.[\w-]+\.js$/.test(file));
  assert.equal(dialogChunks.length, 1, `the dialog is one bundled, hashed chunk: ${dialogChunks.join(', ')}`);
  assert.match(readDist(dialogChunks[0]!), /quick-search-input/, 'the chunk holds the dialog');
  for (const view of entries) {
    const html = readDist(`${view.url.slice(1)}index.html`);
    const { bytes, code } = upFrontBytes(html);
    assert.ok(bytes <= 3 * 1024, `${view.url} loads ${bytes} bytes of JavaScript up front`);
    assert.ok(code.includes(`/${dialogChunks[0]}`), `${view.url} has the quick-search loader, pointing at the hashed dialog chunk`);
    assert.ok(
      !code.includes('quick-search-input') && !code.includes('/pagefind/pagefind.js'),
      `${view.url} does not load search code up front`,
    );
  }
});

test('excerpts come from the narrative: no table, key-facts panel or web address in the indexed text', () => {
  for (const fragment of fragments) {
    assert.ok(!/https?:\/\//.test(fragment.content), `${fragment.url} indexes a URL: ${/https?:\/\/\S+/.exec(fragment.content)?.[0]}`);
    assert.ok(!/Gate\s*Status\s*Evidence|Incident\s*Started\s*Bad minutes/.test(fragment.content), `${fragment.url} indexes table headers`);
  }
  const release = model.releases.find((view) => view.data.gates.some((gate) => gate.waiver))!;
  const content = byUrl.get(release.url)!.content;
  for (const gate of release.data.gates)
    if (gate.waiver?.reason)
      assert.ok(!content.includes(gate.waiver.reason), `${release.url}: the gates table (waiver of ${gate.gate}) is not indexed`);
});
