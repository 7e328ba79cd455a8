/**
 * The environment, read in one place: where the content and the cache are, the as-of instant, the
 * audience, whether drafts may be shown and the search index's shard size. Everything else receives these
 * values as arguments.
 */
import { resolve } from 'node:path';
import { explainDateTime } from '../core/time.ts';
import { cacheRoot } from './cache.ts';

import type { Audience } from '../core/audience.ts';

export interface AlmanacEnvironment {
  /** Absolute path of the content folder (`ALMANAC_CONTENT_DIR`, default `content/`). */
  contentDir: string;
  /** The project root, against which file paths in messages are relative. */
  root: string;
  /** Absolute path of the build cache (`ALMANAC_CACHE_DIR`, default `.cache/`; see cache.ts). */
  cacheDir: string;
  /** The as-of instant in epoch ms (`ALMANAC_NOW`, default: now). */
  now: number;
  /** Who the build is for (`ALMANAC_AUDIENCE`, default internal). */
  audience: Audience;
  /** Whether draft entries are shown (only in `astro dev`). */
  includeDrafts: boolean;
  /**
   * Pages per search index shard (`ALMANAC_SEARCH_SHARD_SIZE`); undefined: `shardSizeFor` the
   * number of pages (src/core/search-shards.ts).
   * The tests build the small example handbook in tiny shards so that it has several.
   */
  searchShardSize?: number;
}

export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }
}

export function readEnvironment(
  env: Record<string, string | undefined> = process.env,
  options: { root?: string; includeDrafts?: boolean; clock?: () => number } = {},
): AlmanacEnvironment {
  // Normalised (Astro's root ends in a slash, the scripts' does not): the folders are part of the
  // validation cache's key, so `npm run check` and `astro build` must name them alike to share it.
  const root = resolve(options.root ?? process.cwd());
  const contentSetting = env.ALMANAC_CONTENT_DIR?.trim();
  const contentDir = contentSetting ? resolve(root, contentSetting) : resolve(root, 'content');

  const audienceSetting = env.ALMANAC_AUDIENCE?.trim() || 'internal';
  if (audienceSetting !== 'internal' && audienceSetting !== 'public') {
    throw new EnvironmentError(`ALMANAC_AUDIENCE is "${audienceSetting}"; it must be "internal" (the default) or "public"`);
  }

  let now = (options.clock ?? Date.now)();
  const nowSetting = env.ALMANAC_NOW?.trim();
  if (nowSetting) {
    const problem = explainDateTime(nowSetting);
    if (problem) throw new EnvironmentError(`ALMANAC_NOW: ${problem}`);
    now = Date.parse(nowSetting);
  }
  const shardSetting = env.ALMANAC_SEARCH_SHARD_SIZE?.trim();
  let searchShardSize: number | undefined;
  if (shardSetting) {
    searchShardSize = Number(shardSetting);
    if (!Number.isInteger(searchShardSize) || searchShardSize < 1)
      throw new EnvironmentError(`ALMANAC_SEARCH_SHARD_SIZE is "${shardSetting}"; it must be a whole number of pages, 1 or more`);
  }
  return {
    contentDir,
    root,
    cacheDir: cacheRoot(root, env),
    now,
    audience: audienceSetting,
    includeDrafts: options.includeDrafts ?? false,
    searchShardSize,
  };
}
