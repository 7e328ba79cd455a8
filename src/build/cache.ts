/**
 * Almanac's build cache: `$ALMANAC_CACHE_DIR` (relative to the project root) or `<root>/.cache`.
 * It holds what is expensive to redo and keyed by content, so stale entries are never read:
 * OG cards (`og/`), rendered Markdown bodies (`bodies/`), the search index's shards (`pagefind/`)
 * and each file's validation results (`validation.json`). CI may keep it between builds.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

export function cacheRoot(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  const setting = env.ALMANAC_CACHE_DIR?.trim();
  if (!setting) return join(root, '.cache');
  return isAbsolute(setting) ? setting : resolve(root, setting);
}

/** OG cards by the hash of their inputs: `$ALMANAC_CACHE_DIR/og` when set, else `<root>/.cache/og`. */
export function cardCacheDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return join(cacheRoot(root, env), 'og');
}

/** The search index's shards by the hash of their inputs (see src/integration/pagefind.ts). */
export function searchShardCacheDir(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return join(cacheRoot(root, env), 'pagefind');
}

/** Each content file's own validation results, by digest (see src/validation/validation-cache.ts). */
export function validationCacheFile(root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return join(cacheRoot(root, env), 'validation.json');
}

/**
 * Rendered HTML of plain-Markdown bodies, by the digest of their file. Kept out of Astro's data
 * store on purpose: Astro loads that store as one JavaScript module per build, and a thousand
 * bodies in it cost seconds to compile (see the README's performance notes).
 */
export function bodyCachePath(digest: string, root = process.cwd(), env: Record<string, string | undefined> = process.env): string {
  return join(cacheRoot(root, env), 'bodies', digest.slice(0, 2), `${digest}.html`);
}

/** How a stored entry's body is rendered; the loader appends it to the entry's digest. */
export type BodyMode = 'html' | 'mdx' | 'text' | 'none';

/** The file digest and body mode of a stored entry's digest (`<sha1>-<mode>`). */
export function parseStoredDigest(digest: string | number | undefined): { fileDigest: string; mode: BodyMode } | undefined {
  const match = /^([0-9a-f]+)-(html|mdx|text|none)$/.exec(String(digest ?? ''));
  return match ? { fileDigest: match[1], mode: match[2] as BodyMode } : undefined;
}

export function readCachedBody(digest: string, root?: string, env?: Record<string, string | undefined>): string | undefined {
  const path = bodyCachePath(digest, root, env);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

export function writeCachedBody(digest: string, html: string, root?: string, env?: Record<string, string | undefined>): void {
  const path = bodyCachePath(digest, root, env);
  mkdirSync(join(path, '..'), { recursive: true });
  // Written aside and renamed, so a concurrent build never reads half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, html);
  renameSync(temporary, path);
}

/** A heading of a rendered body, as Astro's Markdown renderer reports it. */
export interface CachedHeading {
  depth: number;
  slug: string;
  text: string;
}

/**
 * The headings of a cached plain-Markdown body (for its table of contents), beside its HTML:
 * taken from the renderer once at content sync, so no page parses HTML for them.
 */
export function headingsCachePath(digest: string, root?: string, env?: Record<string, string | undefined>): string {
  return bodyCachePath(digest, root, env).replace(/\.html$/, '.headings.json');
}

export function readCachedHeadings(digest: string, root?: string, env?: Record<string, string | undefined>): CachedHeading[] | undefined {
  const path = headingsCachePath(digest, root, env);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as CachedHeading[]) : undefined;
}

export function writeCachedHeadings(
  digest: string,
  headings: readonly CachedHeading[],
  root?: string,
  env?: Record<string, string | undefined>,
): void {
  const path = headingsCachePath(digest, root, env);
  mkdirSync(join(path, '..'), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(headings.map(({ depth, slug, text }) => ({ depth, slug, text }))));
  renameSync(temporary, path);
}
