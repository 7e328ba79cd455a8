/**
 * A file's identity: its inode, size and modification time. Writing a file changes its size or
 * modification time, and replacing it (a rename) gives another inode, so a file whose identity is
 * as recorded still holds what was recorded of it, and need not be read again.
 */
import { lstatSync, type Stats } from 'node:fs';

export type FileIdentity = readonly [inode: number, size: number, modifiedMs: number];

export function identityOf(stats: Pick<Stats, 'ino' | 'size' | 'mtimeMs'>): FileIdentity {
  return [stats.ino, stats.size, stats.mtimeMs];
}

/** The identity of a regular file at `path`, or undefined when there is none. */
export function fileIdentity(path: string): FileIdentity | undefined {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? identityOf(stats) : undefined;
  } catch {
    return undefined;
  }
}

export function sameIdentity(a: FileIdentity | null | undefined, b: FileIdentity | null | undefined): boolean {
  return !!a && !!b && a[0] === b[0] && a[1] === b[1] && a[2] === b[2];
}
