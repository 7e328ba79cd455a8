/**
 * Runs the OG cards in a child process (`worker.ts`): drawing starts at once, beside the page
 * build; `publish` later links the cards into the site and ends the process, so its memory is
 * back with the system before Pagefind starts (see `worker.ts`).
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CardJob } from './inputs.ts';
import type { RenderCounts } from './render.ts';
import type { CardWorkerReply, CardWorkerRequest } from './worker.ts';

export interface CardProcess {
  /** The child's process id. */
  readonly pid: number | undefined;
  /** Resolves with the counts once every card is in the cache. */
  drawn(): Promise<RenderCounts>;
  /** Copies the cards into `outDir`, prunes the cache, and waits for the process to exit. */
  publish(outDir: string, pruneAfterDays: number): Promise<{ pruned: number }>;
  /** Stops the process (a build that failed before publishing). */
  kill(): void;
}

export function startCardProcess(jobs: CardJob[], cacheDir: string, root: string): CardProcess {
  const child = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
    serialization: 'advanced',
    // Not the parent's flags: `node -e …` or `--input-type` there would make the child run the
    // parent's script instead of worker.ts.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // glibc's per-thread malloc arenas only add fragmentation to a process this short-lived.
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  let failed: Error | undefined;
  let onDrawn: { resolve: (counts: RenderCounts) => void; reject: (error: Error) => void } | undefined;
  let published: { pruned: number } | undefined;
  const drawn = new Promise<RenderCounts>((resolve, reject) => (onDrawn = { resolve, reject }));
  // 'close' comes after the IPC channel is drained, so every reply is in by then.
  const closed = new Promise<void>((resolve) => {
    child.once('close', (code, signal) => {
      failed ??= published ? undefined : new Error(`The OG card process exited with ${signal ?? `code ${code}`} before it finished`);
      if (failed) onDrawn!.reject(failed);
      resolve();
    });
  });
  child.once('error', (error) => {
    failed ??= new Error('The OG card process could not run', { cause: error });
  });
  child.on('message', (reply: CardWorkerReply) => {
    if (!reply.ok) failed ??= new Error(reply.message, { cause: reply.cause });
    else if (reply.step === 'drawn') onDrawn!.resolve(reply.counts);
    else if (reply.step === 'published') published = { pruned: reply.pruned };
  });
  // Handled by whoever awaits it; a failure must not go unobserved before then.
  drawn.catch(() => {});
  // The child must not keep Astro's process alive on its own: if the build fails before it asks
  // for the cards, Astro exits and the child follows (it stops when the channel closes). While
  // the build waits for it, it is held.
  const hold = () => {
    child.ref();
    child.channel?.ref();
  };
  child.unref();
  child.channel?.unref();
  const send = (request: CardWorkerRequest) => child.send(request);
  send({ step: 'draw', jobs, cacheDir, root });
  return {
    pid: child.pid,
    drawn() {
      hold();
      return drawn;
    },
    async publish(outDir, pruneAfterDays) {
      hold();
      await drawn;
      send({ step: 'publish', outDir, pruneAfterDays });
      await closed;
      if (failed) throw failed;
      return published!;
    },
    kill() {
      child.kill();
    },
  };
}
