/**
 * Each file's own validation results (parsed data, entry data, problems of its syntax, schema,
 * MDX and file-local rules), kept between runs by the file's digest, in a few shard files. An
 * unchanged file is then neither parsed nor checked again; the cross-entry rules always run on
 * every entry. The whole cache is dropped when the configuration, the folders or the checks'
 * source code change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectionName } from '../core/schemas/common.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import type { Problem } from '../core/problems.ts';

/** Bump to drop every cached result (the checks' own source is part of the fingerprint too). */
export const VALIDATION_CACHE_VERSION = 2;

/**
 * The source of the code that produces per-file results (relative to this file; a folder means
 * its `.ts` files): editing a check, a lint rule, a schema or the core code they use invalidates
 * the cache.
 */
const CHECK_SOURCES = ['./', './lint/', '../core/', '../core/schemas/'];

/** The files of `CHECK_SOURCES`, in a fixed order. */
export function checkSourceFiles(): string[] {
  return CHECK_SOURCES.flatMap((relative) => {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    // A folder that moved would silently leave its code out of the fingerprint.
    if (!existsSync(path)) throw new Error(`validation cache: ${path} (a source of the checks) does not exist`);
    return relative.endsWith('/')
      ? readdirSync(path)
          .filter((name) => name.endsWith('.ts'))
          .sort()
          .map((name) => join(path, name))
      : [path];
  });
}

let sourceHash: string | undefined;
function checksSourceHash(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha1');
  for (const file of checkSourceFiles()) hash.update(file).update(readFileSync(file));
  sourceHash = hash.digest('hex');
  return sourceHash;
}

export interface CachedFileResult {
  digest: string;
  raw: unknown;
  body: string;
  yamlLine: number;
  bodyLine: number;
  problems: Problem[];
  /** The validated entry, when the file is one. */
  entry?: {
    collection: CollectionName;
    id: string;
    data: unknown;
    links?: { url: string; line: number; column: number }[];
    code?: { line: number; column: number; message: string }[];
    questions?: string[];
    invalid?: true;
  };
}

interface CacheShard {
  fingerprint: string;
  files: Record<string, CachedFileResult>;
}

/**
 * The results are kept in this many files, each file's by a hash of its path: an edit rewrites
 * one of them, not the results of every file (about 1 s at 10,000 docs for the single file this
 * replaced).
 */
export const VALIDATION_CACHE_SHARDS = 16;

/** The shard of a content file's results: FNV-1a of its path. */
export function validationShardOf(file: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < file.length; index++) hash = Math.imul(hash ^ file.charCodeAt(index), 0x01000193);
  return (hash >>> 0) % VALIDATION_CACHE_SHARDS;
}

/** What every cached result depends on besides the file itself. */
export function cacheFingerprint(config: SiteConfig, contentDir: string, root: string): string {
  return createHash('sha1')
    .update(JSON.stringify({ version: VALIDATION_CACHE_VERSION, code: checksSourceHash(), config, contentDir, root }))
    .digest('hex');
}

export class FileResultCache {
  private readonly dir: string;
  private readonly fingerprint: string;
  private readonly files: Record<string, CachedFileResult>;
  private readonly changed = new Set<number>();

  private constructor(dir: string, fingerprint: string, files: Record<string, CachedFileResult>) {
    this.dir = dir;
    this.fingerprint = fingerprint;
    this.files = files;
  }

  /** Opens the cache in `dir`; an unreadable or foreign shard counts as empty. */
  static open(dir: string, fingerprint: string): FileResultCache {
    const files: Record<string, CachedFileResult> = {};
    for (let shard = 0; shard < VALIDATION_CACHE_SHARDS; shard++) {
      const path = join(dir, `${shard}.json`);
      if (!existsSync(path)) continue;
      try {
        const stored = JSON.parse(readFileSync(path, 'utf8')) as CacheShard;
        if (stored.fingerprint === fingerprint) Object.assign(files, stored.files);
      } catch {
        // unreadable: its files are checked again
      }
    }
    return new FileResultCache(dir, fingerprint, files);
  }

  get(file: string, digest: string): CachedFileResult | undefined {
    const hit = this.files[file];
    return hit?.digest === digest ? hit : undefined;
  }

  set(file: string, result: CachedFileResult): void {
    this.files[file] = result;
    this.changed.add(validationShardOf(file));
  }

  /** Writes the shards whose results changed, keeping only the files that still exist. */
  save(existing: ReadonlySet<string>): void {
    for (const file of Object.keys(this.files)) {
      if (!existing.has(file)) {
        delete this.files[file];
        this.changed.add(validationShardOf(file));
      }
    }
    if (this.changed.size === 0) return;
    const shards = new Map<number, Record<string, CachedFileResult>>([...this.changed].map((shard) => [shard, {}]));
    for (const [file, result] of Object.entries(this.files)) {
      const files = shards.get(validationShardOf(file));
      if (files) files[file] = result;
    }
    mkdirSync(this.dir, { recursive: true });
    for (const [shard, files] of shards) {
      const path = join(this.dir, `${shard}.json`);
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ fingerprint: this.fingerprint, files } satisfies CacheShard));
      renameSync(temporary, path);
    }
    this.changed.clear();
    // The single file of an earlier layout, beside the folder: no longer read.
    rmSync(`${this.dir}.json`, { force: true });
  }
}
