/**
 * Each file's own validation results (parsed data, entry data, problems of its syntax, schema,
 * MDX and file-local rules), kept between runs by the file's digest. An unchanged file is then
 * neither parsed nor checked again; the cross-entry rules always run on every entry. The whole
 * cache is dropped when the configuration, the folders or the checks' source code change.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectionName } from '../core/schemas/common.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import type { Problem } from '../core/problems.ts';

/** Bump to drop every cached result (the checks' own source is part of the fingerprint too). */
export const VALIDATION_CACHE_VERSION = 2;

/** The source of the code that produces per-file results: editing a rule invalidates the cache. */
const CHECK_SOURCES = ['../validate.ts', '../problems.ts', '../time.ts', '../ids.ts', './', '../lint/', '../../schemas/'];

let sourceHash: string | undefined;
function checksSourceHash(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha1');
  for (const relative of CHECK_SOURCES) {
    const url = new URL(relative, import.meta.url);
    const path = fileURLToPath(url);
    if (!existsSync(path)) continue;
    const files = relative.endsWith('/')
      ? readdirSync(path)
          .filter((name) => name.endsWith('.ts'))
          .sort()
          .map((name) => join(path, name))
      : [path];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
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

interface CacheFile {
  fingerprint: string;
  files: Record<string, CachedFileResult>;
}

/** What every cached result depends on besides the file itself. */
export function cacheFingerprint(config: SiteConfig, contentDir: string, root: string): string {
  return createHash('sha1')
    .update(JSON.stringify({ version: VALIDATION_CACHE_VERSION, code: checksSourceHash(), config, contentDir, root }))
    .digest('hex');
}

export class FileResultCache {
  private readonly path: string;
  private readonly fingerprint: string;
  private readonly files: Record<string, CachedFileResult>;
  private changed = false;

  private constructor(path: string, fingerprint: string, files: Record<string, CachedFileResult>) {
    this.path = path;
    this.fingerprint = fingerprint;
    this.files = files;
  }

  /** Opens the cache; an unreadable or foreign file counts as empty. */
  static open(path: string, fingerprint: string): FileResultCache {
    let files: Record<string, CachedFileResult> = {};
    if (existsSync(path)) {
      try {
        const stored = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
        if (stored.fingerprint === fingerprint) files = stored.files;
      } catch {
        files = {};
      }
    }
    return new FileResultCache(path, fingerprint, files);
  }

  get(file: string, digest: string): CachedFileResult | undefined {
    const hit = this.files[file];
    return hit?.digest === digest ? hit : undefined;
  }

  set(file: string, result: CachedFileResult): void {
    this.files[file] = result;
    this.changed = true;
  }

  /** Writes the results of the files that still exist, if anything changed. */
  save(existing: ReadonlySet<string>): void {
    for (const file of Object.keys(this.files)) {
      if (!existing.has(file)) {
        delete this.files[file];
        this.changed = true;
      }
    }
    if (!this.changed) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ fingerprint: this.fingerprint, files: this.files } satisfies CacheFile));
    renameSync(temporary, this.path);
    this.changed = false;
  }
}
