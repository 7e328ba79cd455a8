/**
 * The search index: after `astro build` writes the site, Pagefind indexes it through its Node API.
 * No separate CLI step. Only pages with `data-pagefind-body` (entry pages; see Base.astro
 * `searchable`) are indexed, so list pages stay out, and since it reads the built HTML the index
 * holds exactly what this build publishes (audience, drafts). Tables, key facts and other page
 * chrome are left out of the indexed text (`SEARCH_EXCLUDED_SELECTORS`), so excerpts quote the
 * narrative.
 *
 * The index is written in shards (src/core/search-shards.ts), one after another, each its own
 * Pagefind bundle: Pagefind holds about 0.5 MB per page while indexing, so a shard at a time bounds
 * its memory, and `deleteIndex` frees each before the next. A shard whose inputs (its pages' URLs
 * and HTML, Pagefind's version and the indexing options) did not change is copied from the cache
 * (`$ALMANAC_CACHE_DIR/pagefind/<key>/`) instead of being indexed again. The newest shard is the
 * primary bundle, `<outDir>/pagefind/`, with Pagefind's runtime; the others go to
 * `<outDir>/pagefind/shards/<id>/`, and `<outDir>/pagefind/shards.json` lists them all for the
 * browser, which merges them (src/scripts/search-core.ts).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { copyFile, link, mkdir, readFile, readdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { pruneUnused, searchShardCacheDir, UNUSED_CACHE_DAYS } from '../build/cache.ts';
import { identityOf, sameIdentity, type FileIdentity } from '../build/file-identity.ts';
import { recordPhase } from '../build/phases.ts';
import { SEARCH_EXCLUDED_SELECTORS, UNDATED } from '../core/search.ts';
import {
  SHARD_MANIFEST_URL,
  SHARD_URL_PREFIX,
  facetCounts,
  pageUrl,
  planShards,
  searchablePage,
  type ShardManifest,
  type ShardPage,
} from '../core/search-shards.ts';

export class PagefindError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PagefindError';
  }
}

/** Throws when a Pagefind response carries errors, naming the step and every message. */
function check<T extends { errors: string[] }>(step: string, response: T): T {
  if (response.errors.length > 0) throw new PagefindError(`Pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  return response;
}

export interface IndexResult {
  /** HTML files read (every page of the site). */
  filesRead: number;
  /** Pages in the index (those with `data-pagefind-body`), summed from the shards' `pagefind-entry.json`. */
  pageCount: number;
  /** The primary bundle's folder. */
  outputPath: string;
  /** Shards written, and how many of them were indexed (the rest came from the cache). */
  shards: number;
  indexed: number;
  /** Milliseconds spent reading the site's pages, indexing shards, and putting bundles into the site. */
  timings: { read: number; index: number; publish: number };
}

/** What `IndexProcess.index` asks of its child, and what the child answers (IPC). */
export type PagefindWorkerRequest = { siteDir: string } & Omit<IndexOptions, 'logger'>;
export type PagefindWorkerReply =
  { kind: 'warning'; message: string } | { kind: 'done'; result: IndexResult } | { kind: 'failed'; message: string; cause?: string };

export interface IndexOptions {
  /** Pages per shard; by default `shardSizeFor` the number of dated pages. */
  shardSize?: number;
  /** The shard cache folder (`searchShardCacheDir` of the build's cache). */
  cacheDir: string;
  /** Delete cached shards that no build has used for this many days (default 30; 0 keeps all). */
  pruneAfterDays?: number;
  logger?: Pick<AstroIntegrationLogger, 'info' | 'warn'>;
}

/** Pages in a written bundle, summed over its languages. */
export function indexedPageCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** What Pagefind is asked to do; part of every shard's cache key. */
const INDEX_CONFIG = { excludeSelectors: [...SEARCH_EXCLUDED_SELECTORS] };
/**
 * Word locations per index chunk (Pagefind's default is 20,000, about 24 KB gzipped). A search
 * downloads, in every shard, the chunk that holds each word searched, so shards multiply that
 * cost: at 1000 docs, 2 shards and the default size made a first search 205 KB; 5,000 made it
 * 188 KB (the meta index, which lists the chunks, grew by 2 KB). Pagefind reads it only from
 * `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE` in its service's environment, which it inherits from the
 * process that starts it: a build indexes in a child process started with that variable
 * (`forkIndexProcess`), so the build's own environment is never written. Should a Pagefind release
 * drop the variable, the index stays correct, with bigger chunks.
 */
export const INDEX_CHUNK_SIZE = 5000;
export const CHUNK_SIZE_VARIABLE = 'PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE';
/** Bumped when the cached folder's layout or the key's recipe changes, so old entries are never read. */
const CACHE_FORMAT = 1;
/** The chunk size the service will use: this process's setting, or Pagefind's default. */
function serviceChunkSize(): string {
  return process.env[CHUNK_SIZE_VARIABLE] ?? 'default';
}

/** Pagefind's runtime: only the primary bundle needs it (merged shards use the primary's WebAssembly). */
const RUNTIME = /^(?:pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$/;
/** Pagefind's own UI bundles, which Almanac does not use: not kept, not published. */
const UNUSED = /^pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)$/;
/** Files read at once; enough to keep the disk and Pagefind busy without holding many pages. */
const READ_CONCURRENCY = 16;
/** Files linked at once into the site. */
const LINK_CONCURRENCY = 32;

/**
 * The installed Pagefind's version, from its package.json: its `exports` do not expose that file,
 * so it is looked for where Node looks for the package.
 */
function pagefindVersion(): string {
  const folders = createRequire(import.meta.url).resolve.paths('pagefind') ?? [];
  for (const folder of folders) {
    const manifest = join(folder, 'pagefind', 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
    if (parsed.version) return parsed.version;
  }
  throw new PagefindError(`could not find Pagefind's package.json in ${folders.join(', ')}; is the pagefind package installed?`);
}

/** A searchable page of the built site. */
interface SitePage extends ShardPage {
  file: string;
  /** SHA-256 of its HTML. */
  digest: string;
}

/**
 * A shard's cache key: the recipe, Pagefind's version, the indexing options and each page's URL
 * and HTML digest, in shard order. Any change to one of them gives another key.
 */
export function shardKey(
  pages: readonly { url: string; digest: string }[],
  version: string,
  settings: object = { config: INDEX_CONFIG, chunkSize: serviceChunkSize() },
): string {
  const hash = createHash('sha256').update(JSON.stringify({ format: CACHE_FORMAT, version, settings }));
  for (const page of pages) hash.update(`\n${page.url}\0${page.digest}`);
  return hash.digest('hex');
}

async function mapPool<T, R>(items: readonly T[], concurrency: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

/**
 * What reading a page file gave, by the file's identity (inode, size, modification time): a
 * rebuild leaves unchanged pages in place (src/build/outdir.ts), and at 10,000 docs reading and
 * hashing all of them again took 3 s. A file with the same identity has the same content.
 */
type PageRecord = [file: FileIdentity, page: Omit<SitePage, 'file' | 'url'> | null];
interface PagesRecord {
  format: typeof PAGES_RECORD_FORMAT;
  siteDir: string;
  files: Record<string, PageRecord>;
}
const PAGES_RECORD_FORMAT = 2;
/** In the shard cache folder (which `pruneShardCache` prunes of folders only). */
export const PAGES_RECORD = 'pages.json';

async function readPagesRecord(file: string, siteDir: string): Promise<PagesRecord['files']> {
  try {
    const record = JSON.parse(await readFile(file, 'utf8')) as PagesRecord;
    return record.format === PAGES_RECORD_FORMAT && record.siteDir === siteDir ? record.files : {};
  } catch {
    return {};
  }
}

/**
 * Every HTML file of the site (the previous bundle excluded): the searchable ones with their date,
 * filters and digest. A file is read only when `previous` does not know it as it is now.
 *
 * Synchronous: this runs in the search index's own process, which has nothing else to do
 * meanwhile, and with nothing to overlap, each asynchronous call only adds a hop through libuv's
 * thread pool (at 1000 docs, listing the site took 150–200 ms that way and 60 ms this way).
 */
function readSite(siteDir: string, previous: PagesRecord['files']): { filesRead: number; pages: SitePage[]; record: PagesRecord['files'] } {
  const files = readdirSync(siteDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html') && !file.startsWith(`pagefind${sep}`))
    .sort();
  const record: PagesRecord['files'] = {};
  const pages: SitePage[] = [];
  for (const file of files) {
    const path = join(siteDir, file);
    const identity = identityOf(statSync(path));
    const known = previous[file];
    let page: PageRecord[1];
    if (known && sameIdentity(known[0], identity)) page = known[1];
    else {
      const bytes = readFileSync(path);
      const searchable = searchablePage(bytes.toString('utf8'));
      // The file's bytes, not its text: hashing a string encodes it to UTF-8 again.
      page = searchable ? { ...searchable, digest: createHash('sha256').update(bytes).digest('hex') } : null;
    }
    record[file] = [identity, page];
    if (page) pages.push({ ...page, file, url: pageUrl(file) });
  }
  return { filesRead: files.length, pages, record };
}

/** Characters with a meaning in Pagefind's globs (wax): a path with one is added as a file instead. */
const GLOB_SYNTAX = /[\\*?[\]{}(),<>!:$]/;

/**
 * Indexes one shard's pages into `outputPath` and frees the index in Pagefind's service. The pages
 * are read by Pagefind itself, through one glob that lists them (`{a/index.html,b/index.html}`):
 * that is as fast as indexing the whole folder and gives the same URLs, where sending each page's
 * HTML through `addHTMLFile` took half as long again. A path the glob syntax could misread is sent
 * as a file.
 */
async function indexShard(siteDir: string, pages: readonly SitePage[], outputPath: string): Promise<void> {
  const { index } = check('createIndex', await pagefind.createIndex(INDEX_CONFIG));
  if (!index) throw new PagefindError('Pagefind createIndex returned no index');
  try {
    const globbed = pages.filter((page) => !GLOB_SYNTAX.test(page.file)).map((page) => page.file.split(sep).join('/'));
    if (globbed.length) check('addDirectory', await index.addDirectory({ path: siteDir, glob: `{${globbed.join(',')}}` }));
    await mapPool(
      pages.filter((page) => GLOB_SYNTAX.test(page.file)),
      READ_CONCURRENCY,
      async (page) => {
        const content = await readFile(join(siteDir, page.file), 'utf8');
        check(`addHTMLFile (${page.url})`, await index.addHTMLFile({ url: page.url, content }));
      },
    );
    check('writeFiles', await index.writeFiles({ outputPath }));
  } finally {
    // Frees the shard's index in the service before the next one is built.
    await index.deleteIndex();
  }
}

/**
 * Puts a cached bundle into the site, as hard links: a folder holds a file per indexed page, and
 * linking is some twenty times faster than copying them (where the cache and the site are on
 * different file systems, the files are copied). Nothing edits a published bundle in place, so
 * the cache cannot be changed through the site. A merged shard leaves out Pagefind's runtime.
 */
async function publishBundle(from: string, to: string, withRuntime: boolean): Promise<void> {
  const files = (await readdir(from, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => relative(from, join(entry.parentPath, entry.name)))
    .filter((file) => withRuntime || !RUNTIME.test(file));
  for (const folder of new Set(files.map((file) => dirname(join(to, file))))) await mkdir(folder, { recursive: true });
  await mapPool(files, LINK_CONCURRENCY, async (file) => {
    await link(join(from, file), join(to, file)).catch(() => copyFile(join(from, file), join(to, file)));
  });
}

/** Removes Pagefind's own UI bundles from a freshly written bundle: Almanac does not use them. */
async function dropUnused(bundle: string): Promise<void> {
  for (const name of await readdir(bundle)) if (UNUSED.test(name)) await rm(join(bundle, name), { force: true });
}

/** Deletes cached shards that no build has used for `maxAgeDays`. Returns how many. */
export function pruneShardCache(cacheDir: string, maxAgeDays = UNUSED_CACHE_DAYS, now = Date.now()): Promise<number> {
  return pruneUnused(cacheDir, (entry) => entry.isDirectory(), { maxAgeDays, now });
}

/**
 * Indexes the searchable pages of `siteDir` in shards, one after another, and writes the bundles
 * and their manifest under `<siteDir>/pagefind`.
 */
export async function indexSite(siteDir: string, options: IndexOptions): Promise<IndexResult> {
  const { shardSize, cacheDir, pruneAfterDays = UNUSED_CACHE_DAYS, logger } = options;
  const outputPath = join(siteDir, 'pagefind');
  try {
    const version = pagefindVersion();
    const timings = { read: 0, index: 0, publish: 0 };
    let mark = performance.now();
    const lap = (phase: keyof typeof timings) => {
      const now = performance.now();
      timings[phase] += Math.round(now - mark);
      mark = now;
    };
    const recordFile = join(cacheDir, PAGES_RECORD);
    const { filesRead, pages, record } = readSite(siteDir, await readPagesRecord(recordFile, siteDir));
    lap('read');
    const plans = planShards(pages, shardSize);
    // An empty site still gets an (empty) primary bundle, so the search page can say "no results".
    if (plans.length === 0) plans.push({ pages: [], from: UNDATED, to: UNDATED });
    await rm(outputPath, { recursive: true, force: true });
    await mkdir(cacheDir, { recursive: true });
    const manifest: ShardManifest = { shards: [] };
    let indexed = 0;
    let pageCount = 0;
    for (const [position, plan] of plans.entries()) {
      const key = shardKey(plan.pages, version);
      const cached = join(cacheDir, key);
      if (existsSync(cached)) {
        // Touched on use, so `pruneShardCache` keeps what builds still use.
        const now = new Date();
        await utimes(cached, now, now).catch(() => {});
      } else {
        // Written aside and renamed, so a cache folder is always a whole bundle.
        const temporary = `${cached}.${process.pid}.tmp`;
        lap('publish');
        await rm(temporary, { recursive: true, force: true });
        await indexShard(siteDir, plan.pages, temporary);
        await dropUnused(temporary);
        await rename(temporary, cached).catch(async (error: unknown) => {
          if (!existsSync(cached)) throw error;
          await rm(temporary, { recursive: true, force: true }); // another build stored the same shard
        });
        indexed++;
        lap('index');
      }
      const id = key.slice(0, 16);
      const primary = position === 0;
      const target = primary ? outputPath : join(outputPath, 'shards', id);
      await publishBundle(cached, target, primary);
      const count = indexedPageCount(target);
      pageCount += count;
      const path = primary ? `${dirname(SHARD_MANIFEST_URL)}/` : `${SHARD_URL_PREFIX}${id}/`;
      manifest.shards.push({ id, path, pages: count, from: plan.from, to: plan.to, filters: facetCounts(plan.pages) });
    }
    await writeFile(join(siteDir, relative('/', SHARD_MANIFEST_URL)), `${JSON.stringify(manifest)}\n`);
    if (pageCount === 0) logger?.warn(`no page of ${siteDir} has data-pagefind-body; the search index is empty`);
    if (pruneAfterDays > 0) await pruneShardCache(cacheDir, pruneAfterDays);
    // Written last, so a record never describes a build whose index was not written.
    await writeFile(recordFile, JSON.stringify({ format: PAGES_RECORD_FORMAT, siteDir, files: record } satisfies PagesRecord));
    lap('publish');
    return { filesRead, pageCount, outputPath, shards: plans.length, indexed, timings };
  } catch (error) {
    if (error instanceof PagefindError) throw error;
    throw new PagefindError(`Pagefind could not index ${siteDir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await pagefind.close();
  }
}

/** The search index's process, started ahead of the pages it will index (`forkIndexProcess`). */
export interface IndexProcess {
  /** Runs `indexSite` in the process (once); it exits when it is done. */
  index(siteDir: string, options: IndexOptions): Promise<IndexResult>;
}

/**
 * Starts the process that will run `indexSite` (`pagefind-worker.ts`), with the index chunk size
 * in its environment; it loads its modules and then waits for `index`. Started while the pages
 * render, so that starting Node and loading the modules is not left for the end of the build,
 * when the index is all that remains to do and one core would wait for it.
 */
export function forkIndexProcess(): IndexProcess {
  const child = fork(fileURLToPath(new URL('./pagefind-worker.ts', import.meta.url)), [], {
    serialization: 'advanced',
    // Not the parent's flags (see og/child.ts): the child runs its own script.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [CHUNK_SIZE_VARIABLE]: String(INDEX_CHUNK_SIZE) },
  });
  let logger: IndexOptions['logger'];
  let reply: PagefindWorkerReply | undefined;
  child.on('message', (message: PagefindWorkerReply) => {
    if (message.kind === 'warning') logger?.warn(message.message);
    else reply = message;
  });
  // 'close' comes after the IPC channel is drained, so the reply is in by then; a process that
  // could not start may never close.
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null } | { error: Error }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => resolve({ error }));
  });
  // Until it is asked to index, the process must not keep Astro's alive: if the build fails
  // first, Astro exits and the child follows (it stops when the channel closes).
  child.unref();
  child.channel?.unref();
  let asked = false;
  return {
    async index(siteDir, options) {
      if (asked) throw new Error('The search index process was asked to index twice');
      asked = true;
      const { logger: optionsLogger, ...request } = options;
      logger = optionsLogger;
      child.ref();
      child.channel?.ref();
      if (child.connected) child.send({ siteDir, ...request } satisfies PagefindWorkerRequest);
      const end = await ended;
      if ('error' in end) throw new PagefindError(`the search index process could not run: ${end.error.message}`, { cause: end.error });
      if (reply?.kind === 'done') return reply.result;
      if (reply?.kind === 'failed') throw new PagefindError(reply.message, { cause: reply.cause });
      throw new PagefindError(`the search index process exited with ${end.signal ?? `code ${end.code}`} before it finished`);
    },
  };
}

export interface PagefindSearchOptions {
  /** Pages per shard (default: `shardSizeFor` the handbook); the tests build the example in small shards. */
  shardSize?: number;
  /** The build's cache folder (`AlmanacEnvironment.cacheDir`); the shards are kept in its `pagefind/`. */
  cacheDir: string;
}

export function pagefindSearch(options: PagefindSearchOptions): AstroIntegration {
  let indexProcess: IndexProcess | undefined;
  return {
    name: 'almanac-pagefind',
    hooks: {
      'astro:build:start': () => {
        indexProcess = forkIndexProcess();
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { filesRead, pageCount, outputPath, shards, indexed, timings } = await (indexProcess ?? forkIndexProcess()).index(
          fileURLToPath(dir),
          {
            shardSize: options.shardSize,
            cacheDir: searchShardCacheDir(options.cacheDir),
            logger,
          },
        );
        const milliseconds = performance.now() - started;
        recordPhase('pagefind', milliseconds);
        logger.info(
          `search index: ${pageCount} pages indexed (of ${filesRead} HTML files) into ${outputPath} in ${Math.round(milliseconds)} ms; ` +
            `${shards} ${shards === 1 ? 'shard' : 'shards'}, ${indexed} indexed, ${shards - indexed} from the cache ` +
            `(reading the pages ${timings.read} ms, indexing ${timings.index} ms, linking ${timings.publish} ms)`,
        );
      },
    },
  };
}
