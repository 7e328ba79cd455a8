/**
 * The sharded search index on a small hand-written site, through Pagefind's real service
 * (src/integration/pagefind.ts `indexSite`): each page in exactly one shard, the manifest, the
 * primary bundle with the runtime and the others without, and the cache: a rebuild copies
 * unchanged shards and re-indexes only the shard whose page changed.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PAGES_RECORD, indexSite, pruneShardCache, shardKey } from '../../src/integration/pagefind.ts';
import { SHARD_MANIFEST_URL, type ShardManifest } from '../../src/core/search-shards.ts';

const work = mkdtempSync(join(tmpdir(), 'almanac-shards-'));
after(() => rmSync(work, { recursive: true, force: true }));
const site = join(work, 'site');
const cacheDir = join(work, 'cache');

/** An entry page as Base.astro and SearchMeta.astro write it: body, filters, meta and date sort key. */
function entryHtml(title: string, date: string | undefined, words: string): string {
  return `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Menu</nav><main><article data-pagefind-body>
<h1>${title}</h1><p>${words}</p>
<div hidden data-pagefind-ignore><span data-pagefind-filter="type:postmortem"></span><span data-pagefind-meta="title:${title}"></span>
<span data-pagefind-sort="date:${date ?? '0000-00-00'}"></span></div></article></main></body></html>`;
}
const PAGES: Record<string, [string, string | undefined]> = {
  'pm/a': ['Alpha outage', '2026-01-10'],
  'pm/b': ['Bravo outage', '2026-02-10'],
  'pm/c': ['Charlie outage', '2026-03-10'],
  'pm/d': ['Delta outage', '2026-04-10'],
  'pm/e': ['Echo outage', '2026-05-10'],
  'teams/x': ['Xray team', undefined],
  'teams/y': ['Yankee team', undefined],
  // Parentheses mean something in Pagefind's globs: this page is sent as a file, not globbed.
  'teams/z(ops)': ['Zulu team', undefined],
};
function writePage(path: string, words: string) {
  const [title, date] = PAGES[path]!;
  mkdirSync(join(site, path), { recursive: true });
  writeFileSync(join(site, path, 'index.html'), entryHtml(title, date, words));
}
for (const path of Object.keys(PAGES)) writePage(path, `The ${path} page talks about replication lag.`);
// A list page: read, not indexed.
writeFileSync(
  join(site, 'index.html'),
  '<!doctype html><html lang="en"><body><main><h1>Home</h1><p>replication lag</p></main></body></html>',
);

const manifest = () => JSON.parse(readFileSync(join(site, SHARD_MANIFEST_URL), 'utf8')) as ShardManifest;
const folder = (path: string) => join(site, path);
/** URLs of the pages in one shard's bundle, read from its fragments. */
function shardUrls(path: string): string[] {
  const fragments = join(folder(path), 'fragment');
  return readdirSync(fragments)
    .map(
      (file) =>
        JSON.parse(
          gunzipSync(readFileSync(join(fragments, file)))
            .toString('utf8')
            .slice(12),
        ) as { url: string },
    )
    .map((fragment) => fragment.url)
    .sort();
}

test('every searchable page is in exactly one shard; shards are date-ordered, newest first; the primary alone has the runtime', async () => {
  const result = await indexSite(site, { shardSize: 2, cacheDir });
  assert.deepEqual(
    { filesRead: result.filesRead, pageCount: result.pageCount, shards: result.shards, indexed: result.indexed },
    { filesRead: 9, pageCount: 8, shards: 5, indexed: 5 },
  );
  const { shards } = manifest();
  assert.deepEqual(
    shards.map((shard) => [shard.pages, shard.from, shard.to]),
    [
      [1, '2026-05-10', '2026-05-10'],
      [2, '2026-03-10', '2026-04-10'],
      [2, '2026-01-10', '2026-02-10'],
      [2, '0000-00-00', '0000-00-00'],
      [1, '0000-00-00', '0000-00-00'],
    ],
  );
  assert.equal(shards[0]!.path, '/pagefind/');
  assert.deepEqual(
    shards.map((shard) => shardUrls(shard.path)),
    [['/pm/e/'], ['/pm/c/', '/pm/d/'], ['/pm/a/', '/pm/b/'], ['/teams/x/', '/teams/y/'], ['/teams/z(ops)/']],
  );
  for (const runtime of ['pagefind.js', 'pagefind-worker.js', 'wasm.en.pagefind'])
    assert.ok(existsSync(join(folder('/pagefind/'), runtime)), `the primary bundle has ${runtime}`);
  for (const shard of shards.slice(1)) {
    assert.match(shard.path, /^\/pagefind\/shards\/[0-9a-f]{16}\/$/);
    assert.deepEqual(
      readdirSync(folder(shard.path)).filter((name) => /\.js$|\.css$|^wasm\./.test(name)),
      [],
      `${shard.path}: no runtime`,
    );
  }
  assert.ok(!existsSync(join(folder('/pagefind/'), 'pagefind-ui.js')), "Pagefind's unused UI is not published");
});

test('a rebuild copies unchanged shards from the cache and re-indexes only the shard whose page changed', async () => {
  const before = manifest().shards;
  const unchanged = await indexSite(site, { shardSize: 2, cacheDir });
  assert.equal(unchanged.indexed, 0, 'nothing changed: every shard from the cache');
  assert.deepEqual(manifest().shards, before);

  writePage('pm/a', 'The Alpha page now mentions a thundering herd.');
  const changed = await indexSite(site, { shardSize: 2, cacheDir });
  assert.equal(changed.indexed, 1, 'one page changed: its shard alone is indexed');
  const after = manifest().shards;
  assert.deepEqual(
    after.map((shard, index) => shard.id === before[index]!.id),
    [true, true, false, true, true],
    'the oldest dated shard (pm/a, pm/b) has a new key, the others keep theirs',
  );
  const fragments = join(folder(after[2]!.path), 'fragment');
  const text = readdirSync(fragments)
    .map((file) => gunzipSync(readFileSync(join(fragments, file))).toString('utf8'))
    .join(' ');
  assert.match(text, /thundering herd/, 'the re-indexed shard holds the new text');
  assert.equal(changed.pageCount, 8);
});

test('cached shards that no build used for a while are pruned', async () => {
  const shardFolders = () =>
    readdirSync(cacheDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  const folders = shardFolders();
  assert.equal(folders.length, 6, 'five shards and the replaced one');
  const old = new Date(Date.now() - 40 * 86_400_000);
  utimesSync(join(cacheDir, folders[0]!), old, old);
  utimesSync(join(cacheDir, PAGES_RECORD), old, old);
  assert.equal(await pruneShardCache(cacheDir, 30), 1);
  assert.equal(shardFolders().length, 5);
  assert.ok(existsSync(join(cacheDir, PAGES_RECORD)), 'the pages record is not a shard');
  assert.equal(await pruneShardCache(cacheDir, 30), 0);
});

test('a shard key changes with any page, its HTML, their order, the Pagefind version or the options', () => {
  const pages = [
    { url: '/pm/a/', digest: 'a1' },
    { url: '/pm/b/', digest: 'b1' },
  ];
  const key = shardKey(pages, '1.6.0');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(
    shardKey(
      pages.map((page) => ({ ...page })),
      '1.6.0',
    ),
    key,
    'the same inputs, the same key',
  );
  const variants = [
    shardKey([pages[0]!, { url: '/pm/b/', digest: 'b2' }], '1.6.0'),
    shardKey([pages[0]!, { url: '/pm/c/', digest: 'b1' }], '1.6.0'),
    shardKey([pages[1]!, pages[0]!], '1.6.0'),
    shardKey([pages[0]!], '1.6.0'),
    shardKey(pages, '1.6.1'),
    shardKey(pages, '1.6.0', { config: { excludeSelectors: ['table'] }, chunkSize: 5000 }),
  ];
  assert.equal(new Set([key, ...variants]).size, variants.length + 1, 'every variant has its own key');
});

test('a site without a searchable page gets an empty primary bundle and a warning', async () => {
  const empty = join(work, 'empty');
  mkdirSync(empty, { recursive: true });
  writeFileSync(join(empty, 'index.html'), '<!doctype html><html lang="en"><body><main><h1>Home</h1></main></body></html>');
  const warnings: string[] = [];
  const result = await indexSite(empty, { cacheDir, logger: { info: () => {}, warn: (message) => warnings.push(message) } });
  assert.equal(result.pageCount, 0);
  assert.equal(result.shards, 1);
  assert.ok(existsSync(join(empty, 'pagefind', 'pagefind.js')), 'the runtime is there, so the search page can load and say so');
  const { shards } = JSON.parse(readFileSync(join(empty, SHARD_MANIFEST_URL), 'utf8')) as ShardManifest;
  assert.deepEqual(
    shards.map((shard) => [shard.path, shard.pages]),
    [['/pagefind/', 0]],
  );
  assert.match(warnings.join('\n'), /no page of .* has data-pagefind-body/);
});

test('a page whose file is as the last run recorded it is not read again; a rewritten one is', async () => {
  const own = join(work, 'record');
  const ownSite = join(own, 'site');
  const ownCache = join(own, 'cache');
  for (const path of ['pm/a', 'pm/b']) {
    mkdirSync(join(ownSite, path), { recursive: true });
    writeFileSync(join(ownSite, path, 'index.html'), entryHtml(PAGES[path]![0], PAGES[path]![1], 'Words.'));
  }
  const oldest = () => (JSON.parse(readFileSync(join(ownSite, SHARD_MANIFEST_URL), 'utf8')) as ShardManifest).shards[0]!.from;
  await indexSite(ownSite, { shardSize: 10, cacheDir: ownCache });
  assert.equal(oldest(), '2026-01-10');
  // What the record says of an unchanged file is believed (so it says something else here).
  const recordFile = join(ownCache, PAGES_RECORD);
  const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { files: Record<string, [unknown, { date: string }]> };
  record.files[join('pm', 'a', 'index.html')]![1].date = '2020-01-01';
  writeFileSync(recordFile, JSON.stringify(record));
  await indexSite(ownSite, { shardSize: 10, cacheDir: ownCache });
  assert.equal(oldest(), '2020-01-01', 'the unchanged file was not read');
  writeFileSync(join(ownSite, 'pm', 'a', 'index.html'), entryHtml('Alpha outage', '2026-01-10', 'Words, rewritten.'));
  await indexSite(ownSite, { shardSize: 10, cacheDir: ownCache });
  assert.equal(oldest(), '2026-01-10', 'the rewritten file was read');
});
