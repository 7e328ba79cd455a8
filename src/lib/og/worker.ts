/**
 * Child process that draws OG cards into the cache while Astro builds the pages: satori and
 * librsvg then run beside Astro's rendering instead of after it (the build is otherwise mostly one
 * thread, and the machine has a second core). A process rather than a worker thread because its
 * memory (fonts, WebAssembly, libvips buffers: ~400 MB for a thousand cards) goes back to the
 * system when it exits; a worker thread's native memory stayed in Astro's process and added to
 * the build's peak while Pagefind indexed (issue 8).
 *
 * Protocol (IPC, `serialization: 'advanced'`): the parent sends one `CardWorkerRequest`; the child
 * replies with one `CardWorkerReply` and exits. If the parent goes away first, the child stops.
 */
import sharp from 'sharp';
import type { CardJob } from './card.ts';
import { renderCards, type RenderCounts } from './render.ts';

export interface CardWorkerRequest {
  jobs: CardJob[];
  cacheDir: string;
  root: string;
}
export type CardWorkerReply = { ok: true; counts: RenderCounts } | { ok: false; message: string; cause?: string };

// One libvips thread: Astro renders pages on the main thread meanwhile, and on a small machine a
// pool of one thread per core would take that core from it.
sharp.concurrency(1);

if (process.send) {
  // A build that failed or was interrupted takes its card drawing with it.
  process.once('disconnect', () => process.exit(1));
  process.once('message', async ({ jobs, cacheDir, root }: CardWorkerRequest) => {
    let reply: CardWorkerReply;
    try {
      reply = { ok: true, counts: await renderCards(jobs, { cacheDir, root }) };
    } catch (error) {
      reply = {
        ok: false,
        message: error instanceof Error ? error.message : String(error),
        cause: error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined,
      };
    }
    // Exits once the reply is out: nothing else keeps the process alive.
    process.removeAllListeners('disconnect');
    process.send!(reply, () => process.disconnect());
  });
}
