/**
 * The model crosses from the almanac integration into Astro's module graph as a snapshot file.
 * The integration builds the model once per content version (src/integration/context.ts); the
 * pages cannot receive that JavaScript object (the virtual module that reaches them is code,
 * bundled into the build), so the integration writes it here and the pages read it back
 * (src/data/model.ts), which names the file through `virtual:almanac/context`.
 *
 * Why `node:v8` serialisation and not JSON: the model shares views between its lists (a tag's
 * entries are the same objects as the postmortems), which JSON would copy out (23.7 MB of JSON
 * against 7.0 MB here at 1000 postmortems) and then hand back as separate objects. A structured
 * clone keeps that sharing, `Date`s, `Map`s and `Set`s; at 1000 postmortems it writes in about
 * 20 ms and reads in about 36 ms, where building the model again costs about 280 ms.
 *
 * While the content has errors there is no model: the snapshot then holds the summary of the
 * problems, and reading it throws that summary instead of handing out a stale model.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { withLookups, type Model, type ModelData } from '../core/model.ts';
import { isRunning } from './build-lock.ts';
import { identityOf } from './file-identity.ts';

type Snapshot = { kind: 'model'; data: ModelData } | { kind: 'errors'; summary: string };

export class ModelUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelUnavailableError';
  }
}

/**
 * Where a build or a dev server keeps its snapshot. A build's path is the same every time (one
 * build of a project runs at a time, under the build lock): the path is part of the code the pages
 * are bundled with, and Astro's incremental build reuses a page only when that code is unchanged.
 * Dev servers may run side by side, so each has its own, named by its process id.
 */
export function modelSnapshotFile(cacheDir: string, owner: 'build' | { devServer: number }): string {
  return join(cacheDir, 'model', owner === 'build' ? 'build.bin' : `dev-${owner.devServer}.bin`);
}

/** Writes atomically (a reader never sees half a file) the model, or the problems that stand in for it. */
export function writeModelSnapshot(file: string, content: Model | { errors: string }): void {
  let snapshot: Snapshot;
  if ('errors' in content) snapshot = { kind: 'errors', summary: content.errors };
  else {
    const { get: _get, all: _all, ...data } = content;
    snapshot = { kind: 'model', data };
  }
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, serialize(snapshot));
  renameSync(partial, file);
}

/** What tells one written snapshot from the next without reading it: its file's identity (a rename gives a new inode). */
export function snapshotVersion(file: string): string {
  try {
    return identityOf(statSync(file)).join(':');
  } catch (error) {
    throw new ModelUnavailableError(
      `The model snapshot ${file} is missing: the almanac integration writes it when it validates the content`,
      { cause: error },
    );
  }
}

/** Reads a snapshot back into a model; throws `ModelUnavailableError` when it holds problems instead. */
export function readModelSnapshot(file: string): Model {
  let snapshot: Snapshot;
  try {
    snapshot = deserialize(readFileSync(file)) as Snapshot;
  } catch (error) {
    throw new ModelUnavailableError(`Could not read the model snapshot ${file}; is almanac() in astro.config.mjs's integrations?`, {
      cause: error,
    });
  }
  if (snapshot.kind === 'errors')
    throw new ModelUnavailableError(`The content has errors (${snapshot.summary}); fix them to see the pages`);
  return withLookups(snapshot.data);
}

/** Deletes a process's snapshot (at the end of a build, or when a dev server closes). */
export function removeModelSnapshot(file: string): void {
  rmSync(file, { force: true });
}

/** Deletes the snapshots of dev servers that are gone (one that was killed leaves its file behind). */
export function pruneModelSnapshots(cacheDir: string): void {
  const folder = join(cacheDir, 'model');
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^dev-(\d+)\.bin/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && !isRunning(pid)) rmSync(join(folder, name), { force: true });
  }
}
