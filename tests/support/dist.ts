/** Reading a finished build (`ALMANAC_DIST`) in tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const DIST = process.env.ALMANAC_DIST ?? join(import.meta.dirname, '..', '..', '.cache', 'dist-example');

export function distFiles(directory = DIST): string[] {
  if (!existsSync(directory)) throw new Error(`No build at ${directory}; run npm test (it builds first) or set ALMANAC_DIST`);
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((dirent) => dirent.isFile())
    .map((dirent) => relative(directory, join(dirent.parentPath, dirent.name)))
    .sort();
}

export function readDist(path: string): string {
  return readFileSync(join(DIST, path), 'utf8');
}

export function readDistJson<T = unknown>(path: string): T {
  return JSON.parse(readDist(path)) as T;
}
