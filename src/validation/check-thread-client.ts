/**
 * A second thread for validation's per-file checks (parse, schema, MDX, the file-local lints). A
 * first run checks every file; those checks take most of a cold validation (about 1.5 of 2.4 s
 * at 1000 docs) and depend on nothing but the file and the configuration, so a worker thread
 * checks some of the files while this one checks the rest, on a core that is otherwise idle at that
 * point of a build. The results come back in the form the validation cache keeps. `validateContent`
 * stays synchronous: it waits for the thread with `Atomics.wait`, and checks the thread's files
 * itself if the thread fails.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Problem } from '../core/problems.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import type { SourceFile } from './files.ts';
import { blamelessRule } from './lint/blameless.ts';
import { secretsRule } from './lint/secrets.ts';
import type { CachedFileResult } from './validation-cache.ts';
import type { EntryRule } from './validate.ts';

/** The rules whose findings depend on one file only: they run where the file is checked. */
export const FILE_LOCAL_RULES: readonly EntryRule[] = [blamelessRule, secretsRule];

/** Files to check from which a second thread pays for its start (about 0.2 s of module loading). */
export const THREAD_FROM_FILES = 200;
/**
 * Files to check above which a second thread is not used: the thread's results arrive as one
 * message, and the memory of receiving it stays with the process for the rest of a build (measured:
 * about 150 MB more at 11,000 files, where a build's peak is close to its 4 GiB target; about
 * 15 MB at 1,000). A handbook that large validates on one thread; later runs read the cache anyway.
 */
export const THREAD_UP_TO_FILES = 5000;

/** Longest wait for the thread; past it, this thread checks the files itself. */
const THREAD_TIMEOUT_MS = 120_000;

export interface ThreadResults {
  results: Map<string, CachedFileResult>;
  /** Findings of the file-local rules about no file of the thread's. */
  problems: Problem[];
}

/** What the thread answers. */
export type CheckThreadReply = ThreadResults | { error: string };

/**
 * Starts checking `files` on a worker thread, with the file-local `rules` (each one of
 * `FILE_LOCAL_RULES`: functions cannot be sent to a thread, so it is told which). `results()`
 * waits for them; it returns none (so the caller checks every file itself) when a rule is not one
 * the thread knows, or the thread could not start, failed or took too long.
 */
export function checkOnThread(
  files: readonly { source: SourceFile; text: string }[],
  config: SiteConfig,
  rules: readonly EntryRule[],
): { files: Set<string>; results(): ThreadResults } {
  const none = (): ThreadResults => ({ results: new Map(), problems: [] });
  const ruleIndexes = rules.map((rule) => FILE_LOCAL_RULES.indexOf(rule));
  if (ruleIndexes.includes(-1)) return { files: new Set(), results: none };
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./check-thread.mjs', import.meta.url), {
      workerData: { files, config, ruleIndexes, port: port2, signal },
      transferList: [port2],
      // Not this process's flags (see og/child.ts): the thread runs its own script.
      execArgv: [],
    });
  } catch {
    port1.close();
    return { files: new Set(), results: none };
  }
  worker.unref();
  return {
    files: new Set(files.map(({ source }) => source.file)),
    results() {
      const started = Date.now();
      try {
        for (;;) {
          const received = receiveMessageOnPort(port1)?.message as CheckThreadReply | undefined;
          if (received) return 'error' in received ? none() : received;
          if (Date.now() - started > THREAD_TIMEOUT_MS) return none();
          // Woken when the thread has posted its answer (or after a second, to look again).
          Atomics.wait(signal, 0, 0, 1000);
        }
      } finally {
        port1.close();
        void worker.terminate();
      }
    },
  };
}
