/**
 * The output folder from one build to the next.
 *
 * A rebuild renders only the pages whose inputs changed; Astro takes every other page from its
 * incremental cache, and a page already present in the output folder is not even copied. Emptying
 * the folder first makes Astro copy every unchanged page back (about 18 s at 10,000 docs); keeping
 * it as it is would keep pages this build no longer publishes (a deleted or unpublished entry
 * staying online), and files no build can vouch for.
 *
 * So a build starts by moving the previous output aside (renames, instant; a detached process
 * deletes it on the other core) and links back only the pages the last build generated, each only
 * when its file is still exactly what that build recorded (inode, size, modification time) and
 * Astro's incremental manifest is still the one that build left, so the page matches what Astro's
 * cache says it is. Everything else (assets, cards, the search index, public files, pages that
 * changed) is written anew. Once Astro has generated the pages, `sweepOutput` removes the
 * linked-back pages this build did not generate, before anything else reads the folder (the search
 * index), and `recordOutput` records the pages it did generate for the next build.
 */
import { spawn } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileIdentity, sameIdentity, type FileIdentity } from './file-identity.ts';

/** What a build leaves for the next one, in `outputRecordFile(cacheDir)`. */
interface OutputRecord {
  format: typeof RECORD_FORMAT;
  outDir: string;
  /** Astro's incremental manifest as the build left it; null when there was none. */
  astroManifest: FileIdentity | null;
  /** Every page the build generated, relative to `outDir` (with `/`), and its file. */
  pages: Record<string, FileIdentity>;
}

const RECORD_FORMAT = 1;

/**
 * Astro's incremental manifest, in its cache folder (an internal name of Astro's: should it
 * change, no manifest is found, nothing is linked back and the build copies every page, as
 * Astro does on its own).
 */
export function astroManifestFile(astroCacheDir: string): string {
  return join(astroCacheDir, 'incremental-build.json');
}

function readRecord(recordFile: string): OutputRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as OutputRecord;
    return record.format === RECORD_FORMAT ? record : undefined;
  } catch {
    return undefined;
  }
}

export interface PreparedOutput {
  /** The folder the previous output was moved to, being deleted in the background. */
  aside?: string;
  /** Pages of the last build linked back into the output, and their files' identity. */
  kept: Map<string, FileIdentity>;
}

export interface OutputFiles {
  /** Where `recordOutput` keeps its record (in the build's cache folder). */
  recordFile: string;
  /** Astro's incremental manifest (`astroManifestFile`). */
  astroManifest: string;
}

/**
 * Empties `outDir` at once (its entries, except a `.git` that deploy tools keep there, move to a
 * sibling folder deleted in the background) and links back the last build's pages that can be
 * trusted (see the top of this file).
 */
export function prepareOutput(outDirSetting: string, files: OutputFiles): PreparedOutput {
  const outDir = resolve(outDirSetting);
  const kept = new Map<string, FileIdentity>();
  if (!existsSync(outDir)) return { kept };
  const entries = readdirSync(outDir).filter((name) => name !== '.git');
  if (entries.length === 0) return { kept };
  const aside = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}-${Date.now()}`);
  mkdirSync(aside);
  for (const name of entries) renameSync(join(outDir, name), join(aside, name));

  const record = readRecord(files.recordFile);
  if (record && record.outDir === outDir && sameIdentity(record.astroManifest, fileIdentity(files.astroManifest))) {
    const folders = new Set<string>();
    for (const [page, recorded] of Object.entries(record.pages)) {
      const from = join(aside, page);
      if (!sameIdentity(fileIdentity(from), recorded)) continue;
      const to = join(outDir, page);
      const folder = dirname(to);
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      // A link shares the file with the aside copy only, which is about to be deleted: a page
      // this build renders again is written in place, and nothing else reads the old one.
      linkSync(from, to);
      kept.set(page, recorded);
    }
  }

  const remover = spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(aside)}, { recursive: true, force: true })`], {
    detached: true,
    stdio: 'ignore',
  });
  remover.unref();
  return { aside, kept };
}

/** A generated file's path relative to `outDir`, with `/`. */
export function outputPath(outDir: string, file: string): string {
  return relative(outDir, file).split(sep).join('/');
}

/**
 * Removes the pages linked back by `prepareOutput` that this build did not generate (a deleted,
 * renamed or unpublished entry), and the folders left empty. A file written since (by anything)
 * is left alone. Returns the pages removed.
 */
export function sweepOutput(outDirSetting: string, prepared: PreparedOutput, generated: ReadonlySet<string>): string[] {
  const outDir = resolve(outDirSetting);
  const removed: string[] = [];
  for (const [page, linked] of prepared.kept) {
    if (generated.has(page)) continue;
    const path = join(outDir, page);
    if (!sameIdentity(fileIdentity(path), linked)) continue;
    unlinkSync(path);
    removed.push(page);
    for (let folder = dirname(path); folder.startsWith(outDir + sep); folder = dirname(folder)) {
      try {
        rmdirSync(folder);
      } catch {
        break; // not empty
      }
    }
  }
  return removed;
}

/** Records the pages this build generated, and Astro's manifest, for the next build's `prepareOutput`. */
export function recordOutput(outDirSetting: string, files: OutputFiles, generated: Iterable<string>): void {
  const outDir = resolve(outDirSetting);
  const pages: Record<string, FileIdentity> = {};
  for (const page of generated) {
    const file = fileIdentity(join(outDir, page));
    if (file) pages[page] = file;
  }
  const record: OutputRecord = { format: RECORD_FORMAT, outDir, astroManifest: fileIdentity(files.astroManifest) ?? null, pages };
  mkdirSync(dirname(files.recordFile), { recursive: true });
  writeFileSync(files.recordFile, JSON.stringify(record));
}
