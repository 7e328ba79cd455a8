/**
 * The model snapshot: the model the integration builds reaches the pages whole (every value, the
 * views shared between lists, the lookups), a snapshot of errors is never read as a model, and
 * the snapshots of processes that are gone are deleted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import {
  ModelUnavailableError,
  modelSnapshotFile,
  pruneModelSnapshots,
  readModelSnapshot,
  removeModelSnapshot,
  snapshotVersion,
  writeModelSnapshot,
} from '../../src/build/model-snapshot.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const { model } = loadHandbook(readEnvironment({ ALMANAC_NOW: '2026-11-28T12:00:00Z' }, { root: ROOT }), { gitDates: false });

function withFolder(run: (folder: string) => void): void {
  const folder = mkdtempSync(join(tmpdir(), 'almanac-snapshot-'));
  try {
    run(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

test('a snapshot gives back the model the integration built: every value, and the same lookups', () => {
  withFolder((folder) => {
    const file = modelSnapshotFile(folder, 'build');
    writeModelSnapshot(file, model);
    const read = readModelSnapshot(file);
    const { get: _get, all: _all, ...expected } = model;
    const { get: _readGet, all: _readAll, ...actual } = read;
    assert.deepStrictEqual(actual, expected);
    assert.deepStrictEqual(
      read.all().map((view) => `${view.collection}/${view.id}`),
      model.all().map((view) => `${view.collection}/${view.id}`),
    );
    const first = model.postmortems[0];
    assert.equal(read.get('postmortems', first.id)?.title, first.title);
    assert.equal(read.get('postmortems', 'no-such-postmortem'), undefined);
  });
});

test('views shared between lists stay one object (a tag lists the postmortem itself, not a copy)', () => {
  withFolder((folder) => {
    const file = modelSnapshotFile(folder, 'build');
    writeModelSnapshot(file, model);
    const read = readModelSnapshot(file);
    const tag = read.tags.find((candidate) => candidate.entries.some((view) => view.collection === 'postmortems'));
    assert.ok(tag, 'the example handbook has a tag on a postmortem');
    const listed = tag.entries.find((view) => view.collection === 'postmortems')!;
    assert.equal(read.get('postmortems', listed.id), listed);
  });
});

test('while the content has errors, reading the snapshot throws their summary instead of a stale model', () => {
  withFolder((folder) => {
    const file = modelSnapshotFile(folder, 'build');
    writeModelSnapshot(file, model);
    const before = snapshotVersion(file);
    writeModelSnapshot(file, { errors: '2 errors in 1 file' });
    assert.notEqual(snapshotVersion(file), before, 'a new snapshot has a new version');
    assert.throws(
      () => readModelSnapshot(file),
      (error: Error) => error instanceof ModelUnavailableError && error.message.includes('2 errors in 1 file'),
    );
  });
});

test('a missing snapshot is named, with the integration that writes it', () => {
  withFolder((folder) => {
    const file = modelSnapshotFile(folder, 'build');
    assert.throws(
      () => snapshotVersion(file),
      (error: Error) => error instanceof ModelUnavailableError && error.message.includes(file),
    );
    assert.throws(() => readModelSnapshot(file), /almanac\(\)/);
    writeModelSnapshot(file, model);
    removeModelSnapshot(file);
    assert.equal(existsSync(file), false);
  });
});

test("pruning deletes the snapshots of dev servers that are gone and keeps a running one's and the build's", () => {
  withFolder((folder) => {
    // A process that has exited: its pid is free (and not reused within this test).
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const goneFile = modelSnapshotFile(folder, { devServer: Number(gone.stdout.trim()) });
    const mine = modelSnapshotFile(folder, { devServer: process.pid });
    const build = modelSnapshotFile(folder, 'build');
    mkdirSync(join(folder, 'model'), { recursive: true });
    writeFileSync(goneFile, 'x');
    writeFileSync(`${goneFile}.123.partial`, 'x');
    writeModelSnapshot(mine, { errors: '1 error' });
    writeModelSnapshot(build, { errors: '1 error' });
    pruneModelSnapshots(folder);
    assert.deepStrictEqual(readdirSync(join(folder, 'model')).sort(), ['build.bin', `dev-${process.pid}.bin`]);
  });
});
