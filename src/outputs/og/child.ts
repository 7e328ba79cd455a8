/**
 * Runs the OG cards in a child process (`worker.ts`). The process is started before the content
 * is validated (`forkCardProcess`) and gets ready to draw (modules, fonts, a first card) on the
 * core validation leaves idle; it is given its cards once validation has passed (`draw`), draws
 * them beside the page build at a lower priority (it fills the CPU the rest leaves), and `publish`
 * later links them into the site and ends the process.
 * It never sees content that failed validation.
 */
import { fork } from 'node:child_process';
import { setPriority } from 'node:os';
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

/** A card process that is getting ready and has no cards yet. */
export interface IdleCardProcess {
  /** Sends the build's cards (once): drawing starts, into `cacheDir`. */
  draw(jobs: CardJob[], cacheDir: string): CardProcess;
  /** Stops the process (validation failed, or the build needs no cards). */
  kill(): void;
}

/** The card process's niceness (0 is the build's, 19 the lowest priority). */
export const CARD_PROCESS_NICENESS = 10;

/**
 * Starts the card process for a project root (its fonts); it waits for `draw`. `fontDir` keeps the
 * fonts written out for librsvg's text between builds (`cardFontCacheDir`); default a temporary folder.
 */
export function forkCardProcess(root: string, fontDir?: string): IdleCardProcess {
  const child = fork(fileURLToPath(new URL('./worker.ts', import.meta.url)), [], {
    serialization: 'advanced',
    // Not the parent's flags: `node -e …` or `--input-type` there would make the child run the
    // parent's script instead of worker.ts.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // glibc's per-thread malloc arenas only add fragmentation to a process this short-lived.
    env: { ...process.env, MALLOC_ARENA_MAX: '2' },
  });
  // The cards fill whatever CPU the rest of the build leaves: they are the one task that keeps
  // both cores busy on its own, and nothing waits for them until the end, where the pages, and
  // the search index that needs every page, would otherwise wait for the cards' share of the
  // CPU. Measured at 1000 docs in six alternating pairs of cold builds: the pages were done
  // 2–4 s sooner and the build 0.3 s sooner on average (in four of the six).
  try {
    if (child.pid !== undefined) setPriority(child.pid, CARD_PROCESS_NICENESS);
  } catch {
    // Where lowering a process's priority is not allowed, the cards draw at the build's own.
  }
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
  send({ step: 'prepare', root, fontDir });
  const cards: CardProcess = {
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
  let given = false;
  return {
    draw(jobs, cacheDir) {
      if (given) throw new Error('OG cards: the card process was given its cards twice');
      given = true;
      send({ step: 'draw', jobs, cacheDir });
      return cards;
    },
    kill() {
      child.kill();
    },
  };
}

/** Starts a card process and gives it its cards at once (tests, and callers with nothing to wait for). */
export function startCardProcess(jobs: CardJob[], cacheDir: string, root: string): CardProcess {
  return forkCardProcess(root).draw(jobs, cacheDir);
}
