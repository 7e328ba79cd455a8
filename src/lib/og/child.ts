/**
 * Runs the OG card drawing in a child process (`worker.ts`), so that its memory is returned to the
 * system when it is done instead of adding to the build's peak (see `worker.ts`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CardJob } from './card.ts';
import type { RenderCounts } from './render.ts';
import type { CardWorkerReply, CardWorkerRequest } from './worker.ts';

/** Draws `jobs` into the cache in a child process (`worker.ts`); resolves with the counts. */
export function drawCardsInChildProcess(jobs: CardJob[], cacheDir: string, root: string): Promise<RenderCounts> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // glibc's per-thread malloc arenas only add fragmentation to a process this short-lived.
      env: { ...process.env, MALLOC_ARENA_MAX: '2' },
    });
    let reply: CardWorkerReply | undefined;
    child.once('message', (message: CardWorkerReply) => {
      reply = message;
    });
    child.once('error', (error) => reject(new Error('The OG card process could not run', { cause: error })));
    // 'close' comes after the IPC channel is drained, so the reply is in by then.
    child.once('close', (code, signal) => {
      if (reply?.ok) resolvePromise(reply.counts);
      else if (reply) reject(new Error(reply.message, { cause: reply.cause }));
      else reject(new Error(`The OG card process exited with ${signal ?? `code ${code}`} before it replied`));
    });
    const request: CardWorkerRequest = { jobs, cacheDir, root };
    child.send(request);
  });
}
