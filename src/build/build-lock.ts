/**
 * One `astro build` at a time per project root. Two builds of one root share `.astro/` and
 * `node_modules/.astro/` (the content store, Vite's chunks); run together, one deletes chunks the
 * other is still reading and fails with "missing chunk" errors that never mention the other
 * build. The second build therefore waits for the first, says so once, and gives up with a
 * clear message after a timeout. A lock left by a build that died (its pid no longer runs on
 * this machine) is taken over.
 *
 * The lock is a file created atomically (written to a private temporary file, then hard-linked
 * into place, which fails when the lock exists), so a reader never sees a half-written holder.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Who holds the lock, as written in the lock file. */
export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO datetime at which the holder took the lock. */
  startedAt: string;
  /** Distinguishes two holders with one pid (two lock objects in one process, a reused pid). */
  token: string;
}

export interface BuildLockOptions {
  /** How long to wait for another build before giving up (default 30 minutes). */
  timeoutMs?: number;
  /** How often to look whether the other build has finished (default 500 ms). */
  pollMs?: number;
  /** Called once, when the lock is held by another build and this one starts waiting. */
  onWait?: (holder: LockHolder, lockFile: string) => void;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 30 * 60_000;

/** The lock file of a project root: beside the `node_modules/.astro` it protects. */
export function buildLockFile(root: string): string {
  return join(root, 'node_modules', '.almanac-build.lock');
}

/** `another build (pid 123, started 2026-11-30T13:00:00.000Z)`. */
export function describeHolder(holder: LockHolder): string {
  const where = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  return `another Almanac build (pid ${holder.pid}${where}, started ${holder.startedAt})`;
}

export class BuildLockTimeoutError extends Error {
  readonly holder: LockHolder;
  constructor(holder: LockHolder, lockFile: string, waitedMs: number) {
    super(
      `${describeHolder(holder)} is still running in this project after ${formatWait(waitedMs)} of waiting, so this build stops. ` +
        `Two builds of one project share .astro/ and node_modules/.astro/ and break each other. ` +
        `Wait for the other build, or stop it; if no build is running, delete ${lockFile}.`,
    );
    this.name = 'BuildLockTimeoutError';
    this.holder = holder;
  }
}

function formatWait(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`;
}

/** Whether a process of this machine runs (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | undefined {
  let holder: Partial<LockHolder> | undefined;
  try {
    holder = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockHolder>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
  }
  if (typeof holder?.pid === 'number' && typeof holder.token === 'string' && typeof holder.hostname === 'string')
    return holder as LockHolder;
  // Not a lock this module wrote (edited, truncated): nobody will release it, so it is stale.
  return { pid: 0, hostname: hostname(), startedAt: 'unknown', token: 'unreadable' };
}

/** A holder that can no longer release: a pid of this machine that no longer runs. */
function isStale(holder: LockHolder): boolean {
  if (holder.token === 'unreadable') return true;
  // A pid of another machine (a shared network folder) cannot be checked: it is waited for.
  return holder.hostname === hostname() && !isRunning(holder.pid);
}

export class BuildLock {
  readonly file: string;
  private holder: LockHolder | undefined;

  constructor(file: string) {
    this.file = file;
  }

  /** Whether this object holds the lock now. */
  get held(): boolean {
    return this.holder !== undefined;
  }

  /**
   * Takes the lock, waiting while another live build holds it. Rejects with
   * `BuildLockTimeoutError` when the other build still runs after the timeout.
   */
  async acquire(options: BuildLockOptions = {}): Promise<void> {
    if (this.holder) return;
    const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
    const pollMs = options.pollMs ?? 500;
    const started = Date.now();
    let announced = false;
    for (;;) {
      const other = this.tryAcquire();
      if (!other) return;
      if (!announced) {
        announced = true;
        options.onWait?.(other, this.file);
      }
      const waited = Date.now() - started;
      if (waited >= timeoutMs) throw new BuildLockTimeoutError(other, this.file, waited);
      await sleep(Math.min(pollMs, timeoutMs - waited));
    }
  }

  /** Removes the lock file if this object still holds it (never another build's lock). */
  release(): void {
    const mine = this.holder;
    if (!mine) return;
    this.holder = undefined;
    if (readHolder(this.file)?.token !== mine.token) return;
    try {
      unlinkSync(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  /** One attempt: `undefined` when the lock is now ours, else the live holder. */
  private tryAcquire(): LockHolder | undefined {
    const holder: LockHolder = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${holder.token}`;
    writeFileSync(temporary, `${JSON.stringify(holder)}\n`);
    try {
      linkSync(temporary, this.file);
      this.holder = holder;
      return undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
    const current = readHolder(this.file);
    // Released between our attempt and the read: try again at once.
    if (!current) return this.tryAcquire();
    if (!isStale(current)) return current;
    this.removeStale(current);
    return this.tryAcquire();
  }

  /**
   * Removes a dead build's lock. The file is first moved aside (atomic), then checked: if a live
   * build took the lock between our read and the move, its file is put back.
   */
  private removeStale(stale: LockHolder): void {
    const aside = `${this.file}.stale-${randomUUID()}`;
    try {
      renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = readHolder(aside);
    if (moved && moved.token !== stale.token && !isStale(moved)) {
      try {
        linkSync(aside, this.file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    unlinkSync(aside);
  }
}

let processLock: BuildLock | undefined;

/**
 * Takes this process's build lock for a project root, released by `releaseBuildLock` or when the
 * process exits (a failed build included). `log` receives the one waiting message.
 */
export async function acquireBuildLock(
  root: string,
  log: (message: string) => void,
  options: Omit<BuildLockOptions, 'onWait'> = {},
): Promise<void> {
  if (processLock?.held) return;
  const lock = new BuildLock(buildLockFile(root));
  await lock.acquire({
    ...options,
    onWait: (holder, file) =>
      log(
        `${describeHolder(holder)} is running in this project; waiting for it to finish (lock file ${file}, at most ${formatWait(options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)})`,
      ),
  });
  processLock = lock;
  process.once('exit', releaseBuildLock);
}

/** Releases the lock taken by `acquireBuildLock`, if any. */
export function releaseBuildLock(): void {
  processLock?.release();
  processLock = undefined;
}
