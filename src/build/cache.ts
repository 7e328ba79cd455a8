/**
 * Almanac's build cache: `$ALMANAC_CACHE_DIR` (relative to the project root) or `<root>/.cache`,
 * read once by `readEnvironment` (`AlmanacEnvironment.cacheDir`); the folders below take it as an
 * argument.
 * It holds what is expensive to redo and keyed by content, so stale entries are never read:
 * OG cards (`og/`) and their fonts (`fonts/`), rendered Markdown bodies (`bodies/`), the search index's shards and a record
 * of the pages it read (`pagefind/`), each file's validation results (`validation/`) and the
 * pages the last build left in its output folder (`output.json`, src/build/outdir.ts). CI may keep
 * it between builds. While a build or dev server runs, its model snapshot is there too (`model/`,
 * src/build/model-snapshot.ts).
 */
import { existsSync, readFileSync, utimesSync, type Dirent } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';

/** The cache folder an environment names; `readEnvironment` calls it, everything else gets its answer. */
export function cacheRoot(root: string, env: Record<string, string | undefined>): string {
  const setting = env.ALMANAC_CACHE_DIR?.trim();
  if (!setting) return join(root, '.cache');
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

/** OG cards by the hash of their inputs. */
export function cardCacheDir(cacheDir: string): string {
  return join(cacheDir, 'og');
}

/** The OG cards' fonts as plain OpenType files for librsvg's text, by the fonts' fingerprint (src/outputs/og/text-fonts.ts). */
export function cardFontCacheDir(cacheDir: string): string {
  return join(cacheDir, 'fonts');
}

/** The search index's shards by the hash of their inputs (see src/integration/pagefind.ts). */
export function searchShardCacheDir(cacheDir: string): string {
  return join(cacheDir, 'pagefind');
}

/** Each content file's own validation results, by digest, in shards (see src/validation/validation-cache.ts). */
export function validationCacheDir(cacheDir: string): string {
  return join(cacheDir, 'validation');
}

/** The pages the last build generated into its output folder (see src/build/outdir.ts). */
export function outputRecordFile(cacheDir: string): string {
  return join(cacheDir, 'output.json');
}

/**
 * Rendered plain-Markdown bodies (HTML and headings), by the digest of their file. Kept out of
 * Astro's data store on purpose: Astro loads that store as one JavaScript module per build, and
 * a thousand bodies in it cost seconds to compile (see docs/performance.md).
 */
export function bodyCachePath(digest: string, cacheDir: string): string {
  // One folder, not one per digest prefix: each folder is an inode and a block more to create,
  // and ext4 keeps thousands of files in one folder indexed.
  return join(cacheDir, 'bodies', `${digest}.json`);
}

export type BodyMode = 'html' | 'mdx' | 'text' | 'none';

/** The file digest and body mode of a stored entry's digest (`<sha1>-<mode>`). */
export function parseStoredDigest(digest: string | number | undefined): { fileDigest: string; mode: BodyMode } | undefined {
  const match = /^([0-9a-f]+)-(html|mdx|text|none)$/.exec(String(digest ?? ''));
  return match ? { fileDigest: match[1], mode: match[2] as BodyMode } : undefined;
}

/** A heading of a rendered body, as Astro's Markdown renderer reports it. */
export interface CachedHeading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * A rendered body and its headings (for its table of contents), taken from the renderer once at
 * content sync, so no page parses HTML for them. One file for both: a cold build writes one per
 * postmortem, and each write is a cost on the content sync's critical path.
 */
export interface CachedBody {
  html: string;
  headings: CachedHeading[];
}

/**
 * Whether a body is cached, marking it as used: its modification time is set to now, so that
 * `tidyBodyCache` keeps what builds still use (one system call, like checking that it exists).
 */
export function useCachedBody(digest: string, cacheDir: string): boolean {
  const now = new Date();
  try {
    utimesSync(bodyCachePath(digest, cacheDir), now, now);
    return true;
  } catch {
    return false;
  }
}

export function readCachedBody(digest: string, cacheDir: string): CachedBody | undefined {
  const path = bodyCachePath(digest, cacheDir);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CachedBody) : undefined;
}

/**
 * Writes without blocking: the content sync renders the next body while this one is written
 * (synchronous writes held the main thread for about 4 s of a cold 1000-postmortem build).
 */
export async function writeCachedBody(digest: string, body: CachedBody, cacheDir: string): Promise<void> {
  const path = bodyCachePath(digest, cacheDir);
  const folder = dirname(path);
  // Written aside and renamed, so a concurrent build never reads half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  const headings = body.headings.map(({ depth, slug, text }) => ({ depth, slug, text }));
  const json = JSON.stringify({ html: body.html, headings });
  // The folder is made once per process, not before every body (a thousand `mkdir` calls held
  // the content sync's thread for about 0.4 s); should it have been deleted since, it is made again.
  let ready = bodyFolders.get(folder);
  if (!ready) bodyFolders.set(folder, (ready = mkdir(folder, { recursive: true }).then(() => {})));
  await ready;
  try {
    await writeFile(temporary, json);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    await mkdir(folder, { recursive: true });
    await writeFile(temporary, json);
  }
  await rename(temporary, path);
}

const bodyFolders = new Map<string, Promise<void>>();

/**
 * How long a cache keeps what no build has used: the caches mark what a build uses (cards, search
 * shards, bodies: their modification time is set to now) and delete what has gone unused longer.
 */
export const UNUSED_CACHE_DAYS = 30;

/**
 * Deletes the entries of a cache folder that `select` picks (files or folders, at any depth with
 * `recursive`) and no build has used for `maxAgeDays`. Returns how many.
 */
export async function pruneUnused(
  folder: string,
  select: (entry: Dirent) => boolean,
  { maxAgeDays = UNUSED_CACHE_DAYS, now = Date.now(), recursive = false } = {},
): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive });
  } catch {
    return 0; // no cache yet
  }
  const cutoff = now - maxAgeDays * 86_400_000;
  let removed = 0;
  for (const entry of entries) {
    if (!select(entry)) continue;
    const path = join(entry.parentPath, entry.name);
    try {
      if ((await stat(path)).mtimeMs < cutoff) {
        await rm(path, { recursive: true, force: true });
        removed++;
      }
    } catch {
      // removed by a concurrent build
    }
  }
  return removed;
}

/**
 * Deletes the bodies no build has used for `maxAgeDays` (every edit of a body leaves its old
 * version behind), and the folders inside the bodies cache: bodies are files directly in it, and
 * folders are left from an earlier layout (one per digest prefix) that no build reads. Returns
 * how many bodies and folders were deleted.
 */
export async function tidyBodyCache(
  cacheDir: string,
  maxAgeDays = UNUSED_CACHE_DAYS,
  now = Date.now(),
): Promise<{ bodies: number; folders: number }> {
  const bodies = join(cacheDir, 'bodies');
  const folders = (await readdir(bodies, { withFileTypes: true }).catch(() => [])).filter((entry) => entry.isDirectory());
  await Promise.all(folders.map((folder) => rm(join(bodies, folder.name), { recursive: true, force: true })));
  const removed = await pruneUnused(bodies, (entry) => entry.isFile() && /\.(json|tmp)$/.test(entry.name), { maxAgeDays, now });
  return { bodies: removed, folders: folders.length };
}
