/**
 * The astro processes the bench starts (build, preview, dev) and what they share: the temporary
 * work folder, the environment (Node 24 from node_modules/.bin first on PATH, the corpus as the
 * content folder, a fixed "now"), process groups so that a child's own children end with it, and
 * the end of a log to show when a step fails. Progress goes to stderr; stdout carries only the
 * report.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { lastLines } from './figures.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'node_modules', '.bin');
export const ASTRO = join(BIN, 'astro');
/** The corpus's "now" (ALMANAC_NOW), so that every run renders the same pages. */
export const AS_OF = '2026-11-28T12:00:00Z';

export const progress = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** The temporary folder of one run: the corpus, the build outputs, the card cache and the logs. */
export interface Work {
  dir: string;
  content: string;
  dist: string;
  /** The Starlight baseline's outDir. */
  starlightDist: string;
  cache: string;
  logs: string;
}

/** The environment of every astro process: Node 24 from node_modules/.bin first on PATH. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, PATH: `${BIN}${delimiter}${process.env.PATH ?? ''}`, ASTRO_TELEMETRY_DISABLED: '1', ...extra };
}

/** The environment of an astro process on the run's corpus. */
export function siteEnv(work: Work, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return childEnv({ ALMANAC_CONTENT_DIR: work.content, ALMANAC_NOW: AS_OF, ...extra });
}

/** Child processes to end if the bench is interrupted (each leads its own process group). */
export const running = new Set<ChildProcess>();

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise) => child.once('exit', (code, signal) => resolvePromise({ code, signal })));
}

export function logTail(path: string, lines = 40): string {
  if (!existsSync(path)) return '';
  return lastLines(readFileSync(path, 'utf8'), lines);
}

/** A TCP port nobody listens on at the moment, for astro preview or astro dev. */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

/** The last line a command prints, e.g. `node --version`, or 'unknown'. */
export function versionOf(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: childEnv({}) });
  return result.status === 0 ? result.stdout.trim().split('\n').pop()!.trim() : 'unknown';
}
