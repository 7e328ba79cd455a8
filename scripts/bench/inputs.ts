/**
 * What a run measured: the machine (cores, CPU, RAM), the Node and Astro versions, the commit and
 * whether the site's sources had uncommitted changes, and a fingerprint of those sources taken
 * before and after the run, so that a report says when the code changed while it was measured.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { AS_OF, BIN, ROOT, versionOf } from './processes.ts';

export interface RunInputs {
  docs: number;
  seed: number;
  date: string;
  asOf: string;
  cores: number;
  cpu: string;
  memoryBytes: number;
  node: string;
  astro: string;
  commit: string;
  /** Uncommitted (or untracked) changes to the site's sources (SITE_SOURCES) when measured; the bench's own scripts do not count. */
  uncommittedChanges: boolean;
  /** The commit or working tree changed while the bench ran: the builds may have measured different code. */
  sourceChangedDuringRun: boolean;
  audience: string;
}

function git(args: string[]): string {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return result.status === 0 ? result.stdout.trim() : '';
}

/** What a build is made of (the bench's own scripts are not). */
const SITE_SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

/**
 * What the build is made of: the contents of every tracked or untracked (not ignored) file of the
 * site's sources. Compared before and after a run; committing unchanged files does not change it.
 */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = git(['ls-files', '--cached', '--others', '--exclude-standard', '--', ...SITE_SOURCES]);
  for (const file of [...new Set(files.split('\n').filter(Boolean))].sort()) {
    hash.update(`${file}\0`);
    try {
      hash.update(readFileSync(join(ROOT, file)));
    } catch {
      hash.update('(missing)'); // deleted in the working tree
    }
  }
  return hash.digest('hex');
}

/** The inputs at the start of a run; `sourceChangedDuringRun` is settled at its end. */
export function readInputs(options: { docs: number; seed: number }): RunInputs {
  return {
    docs: options.docs,
    seed: options.seed,
    date: new Date().toISOString(),
    asOf: AS_OF,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: versionOf(join(BIN, 'node'), ['--version']),
    astro: JSON.parse(readFileSync(join(ROOT, 'node_modules', 'astro', 'package.json'), 'utf8')).version,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommittedChanges: git(['status', '--porcelain', '--', ...SITE_SOURCES]) !== '',
    sourceChangedDuringRun: false,
    audience: process.env.ALMANAC_AUDIENCE?.trim() || 'internal',
  };
}
