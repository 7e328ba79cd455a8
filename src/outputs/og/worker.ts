/**
 * Child process that draws the build's OG cards and publishes them into the site. satori and
 * librsvg then run beside Astro's rendering instead of after it (the build is otherwise mostly one
 * thread, and the machine has a second core), and none of the drawing code (satori, fonts, sharp:
 * ~75 MB) is ever loaded into Astro's process. A process rather than a worker thread because its
 * memory (~400 MB for a thousand cards) goes back to the system when it exits; a worker thread's
 * native memory stayed in Astro's process and added to the build's peak while Pagefind indexed.
 *
 * Protocol (IPC, `serialization: 'advanced'`), driven by `child.ts`:
 *   parent → { step: 'prepare', root, fontDir }         (no reply: loads the fonts, draws one card and drops it)
 *   parent → { step: 'draw', jobs, cacheDir }           child → { ok: true, step: 'drawn', counts }
 *   parent → { step: 'publish', outDir, pruneAfterDays } child → { ok: true, step: 'published', pruned }, then exits
 * Any failure replies `{ ok: false, message, cause }` and exits. If the parent goes away, the child stops.
 */
import sharp from 'sharp';
import type { CardJob } from './inputs.ts';
import { loadCardFonts, type CardFonts } from './card.ts';
import { pruneCardCache, renderCardPng, renderCards, type RenderCounts } from './render.ts';
import { useTextFonts } from './text-fonts.ts';
import { pruneUnused } from '../../build/cache.ts';

export type CardWorkerRequest =
  | { step: 'prepare'; root: string; fontDir?: string }
  | { step: 'draw'; jobs: CardJob[]; cacheDir: string }
  | { step: 'publish'; outDir: string; pruneAfterDays: number };
export type CardWorkerReply =
  | { ok: true; step: 'drawn'; counts: RenderCounts }
  | { ok: true; step: 'published'; pruned: number }
  | { ok: false; message: string; cause?: string };

// One libvips thread: Astro renders pages on the main thread meanwhile, and on a small machine a
// pool of one thread per core would take that core from it.
sharp.concurrency(1);

function failure(error: unknown): CardWorkerReply {
  return {
    ok: false,
    message: error instanceof Error ? error.message : String(error),
    cause: error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined,
  };
}

/**
 * Loads the fonts (and writes them out for librsvg's text the first time, see text-fonts.ts) and
 * draws one card, dropping it: satori's font parsing, its layout engine, fontconfig and librsvg get
 * going while the parent still validates the content, so the first real card costs no more than
 * the others. Nothing of the content is involved.
 */
async function prepare(root: string, fontDir: string | undefined): Promise<{ root: string; fonts: CardFonts; fontDir?: string }> {
  const fonts = loadCardFonts(root);
  useTextFonts(fonts, fontDir);
  await renderCardPng(
    {
      type: 'Postmortem',
      title: 'Getting ready',
      badge: { text: 'SEV2 · Major', tone: 'warn' },
      services: ['Checkout'],
      date: 'Incident',
      siteName: 'Almanac',
    },
    fonts,
  );
  return { root, fonts, fontDir };
}

/** Sends the last reply; the process exits once it is out (nothing else keeps it alive). */
function finish(reply: CardWorkerReply): void {
  process.removeAllListeners('disconnect');
  process.removeAllListeners('message');
  process.send!(reply, () => process.disconnect());
}

if (process.send) {
  // A build that failed or was interrupted takes its card drawing with it.
  process.once('disconnect', () => process.exit(1));
  let ready: Promise<{ root: string; fonts: CardFonts; fontDir?: string }> | undefined;
  let drawn: { jobs: CardJob[]; cacheDir: string; root: string; fonts: CardFonts; fontDir?: string } | undefined;
  process.on('message', async (request: CardWorkerRequest) => {
    try {
      if (request.step === 'prepare') {
        ready = prepare(request.root, request.fontDir);
        // Reported by the draw step that awaits it.
        ready.catch(() => {});
      } else if (request.step === 'draw') {
        if (!ready) throw new Error('OG cards: asked to draw before preparing');
        const { root, fonts, fontDir } = await ready;
        const { jobs, cacheDir } = request;
        const counts = await renderCards(jobs, { cacheDir, root, fonts, fontDir });
        drawn = { jobs, cacheDir, root, fonts, fontDir };
        process.send!({ ok: true, step: 'drawn', counts } satisfies CardWorkerReply);
      } else if (request.step === 'publish') {
        if (!drawn) throw new Error('OG cards: asked to publish before drawing');
        // Every card is in the cache now: this links them into the site.
        await renderCards(drawn.jobs, { outDir: request.outDir, cacheDir: drawn.cacheDir, root: drawn.root, fonts: drawn.fonts });
        const pruned = request.pruneAfterDays === 0 ? 0 : await pruneCardCache(drawn.cacheDir, request.pruneAfterDays);
        // Fonts of earlier font versions (the folder in use was marked when it was read).
        if (drawn.fontDir && request.pruneAfterDays !== 0)
          await pruneUnused(drawn.fontDir, (entry) => entry.isDirectory(), { maxAgeDays: request.pruneAfterDays });
        finish({ ok: true, step: 'published', pruned });
      }
    } catch (error) {
      finish(failure(error));
    }
  });
}
