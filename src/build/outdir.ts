/**
 * Emptying the output folder of the previous build (thousands of pages, cards and index files)
 * costs Astro seconds at the start of every rebuild. The old folder is renamed aside instead —
 * instant — and deleted by a detached process on the other core while this build runs.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Returns the folder being deleted in the background, or undefined when there was nothing to do. */
export function clearOutputInBackground(outDir: string): string | undefined {
  if (!existsSync(outDir)) return undefined;
  const entries = readdirSync(outDir);
  // Astro keeps a `.git` inside the output (deploy branches); leave such a folder to Astro.
  if (entries.length === 0 || entries.includes('.git')) return undefined;
  const aside = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}-${Date.now()}`);
  renameSync(outDir, aside);
  mkdirSync(outDir, { recursive: true });
  const remover = spawn(process.execPath, ['-e', `require('node:fs').rmSync(${JSON.stringify(aside)}, { recursive: true, force: true })`], {
    detached: true,
    stdio: 'ignore',
  });
  remover.unref();
  return aside;
}
