/**
 * Writes every OG card of the build to `<outDir>/og/…png`. The model is the build context's, the
 * one the pages render, so the cards cover exactly what this audience's pages publish. Drawing
 * starts in `astro:config:setup` (of `astro build` only) in a child process, beside content sync
 * and the page build. Once the output folder is ready
 * (`astro:build:start`) the child links the cards into the site as soon as they are all drawn,
 * and exits. The build waits for that only after the search index is built, so the last cards
 * and the index share the two cores. Unchanged cards come from the cache
 * (`.cache/og/`, or `$ALMANAC_CACHE_DIR/og/`).
 *
 * After each run, `.cache/og-last-run.json` records the counts ({ total, rendered, cached, … }) so
 * tests and CI logs can see that a second build drew nothing.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordPhase } from '../build/phases.ts';
import type { BuildContext } from './context.ts';
// Only what lists the cards and runs the child: the drawing code never loads in Astro's process.
import { cardInputs } from '../outputs/og/inputs.ts';
import type { CardProcess, IdleCardProcess } from '../outputs/og/child.ts';
import { cardCacheDir, UNUSED_CACHE_DAYS } from '../build/cache.ts';

export interface OgCardsOptions {
  /** Delete cached cards that no build has used for this many days (default 30; 0 keeps all). */
  pruneAfterDays?: number;
}

/** Where the counts of the last card run are written, relative to the project root. */
export const LAST_RUN_FILE = join('.cache', 'og-last-run.json');

export interface OgLastRun {
  total: number;
  rendered: number;
  cached: number;
  pruned: number;
  milliseconds: number;
  audience: string;
  outDir: string;
  cacheDir: string;
  finishedAt: string;
}

/**
 * `cardProcess` is the card process started for `astro build` (none for other commands: dev
 * serves no cards). `unfinished` receives, at `astro:build:done`, the promise of the cards' last
 * steps (the last drawings, linking them into the site, the record of the run); whoever passes
 * it awaits it.
 */
export function ogCards(
  context: BuildContext,
  cardProcess: IdleCardProcess | undefined,
  unfinished: Promise<void>[],
  options: OgCardsOptions = {},
): AstroIntegration {
  let root = process.cwd();
  let outDir: string | undefined;
  let started = 0;
  let pending: { audience: string; cacheDir: string; cards: CardProcess; published?: Promise<{ pruned: number }> } | undefined;
  const pruneAfterDays = options.pruneAfterDays ?? UNUSED_CACHE_DAYS;
  return {
    name: 'almanac-og-cards',
    hooks: {
      // The cards depend only on the content, known once the almanac integration has validated it
      // (its config:setup runs first): the card process it started is given them now and draws
      // while Astro syncs the content, bundles and renders the pages. Only `astro build` draws;
      // dev serves no cards.
      'astro:config:setup': ({ config, command }) => {
        root = fileURLToPath(config.root);
        if (command !== 'build' || !cardProcess) return;
        started = performance.now();
        const cacheDir = cardCacheDir(context.environment.cacheDir);
        pending = {
          audience: context.environment.audience,
          cacheDir,
          cards: cardProcess.draw(cardInputs(context.model()), cacheDir),
        };
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      // The almanac integration's build:start (it runs first) has emptied the output folder, and
      // nothing else writes to og/: the cards go in as soon as they are drawn, while Astro still
      // renders pages, and the process exits then, freeing its memory.
      'astro:build:start': () => {
        if (!pending || !outDir) return;
        pending.published = pending.cards.publish(outDir, pruneAfterDays);
        // Awaited at build:done; a failure must not go unobserved before then.
        pending.published.catch(() => {});
      },
      // The pages are done. The last cards may still be drawing: they finish while the search
      // index is built (the next integration), on the core the pages no longer need, and the
      // build waits for them in `finishOutputs` (the last integration).
      'astro:build:done': ({ dir, logger }) => {
        const target = fileURLToPath(dir);
        if (!pending) throw new Error('OG cards: drawing did not start in astro:config:setup');
        const { audience, cacheDir, cards, published } = pending;
        pending = undefined;
        const pagesDone = performance.now();
        const finishing = (async () => {
          try {
            const counts = await cards.drawn();
            const { pruned } = await (published ?? cards.publish(target, pruneAfterDays));
            const milliseconds = Math.round(performance.now() - started);
            recordPhase('og cards (after pages)', performance.now() - pagesDone);
            recordPhase('og cards', milliseconds);
            logger.info(
              `${counts.total} cards: ${counts.rendered} rendered, ${counts.cached} from cache (${(milliseconds / 1000).toFixed(1)} s, beside the page build)`,
            );
            const lastRun: OgLastRun = {
              ...counts,
              pruned,
              milliseconds,
              audience,
              outDir: target,
              cacheDir,
              finishedAt: new Date().toISOString(),
            };
            mkdirSync(join(root, '.cache'), { recursive: true });
            writeFileSync(join(root, LAST_RUN_FILE), `${JSON.stringify(lastRun, null, 2)}\n`);
          } catch (error) {
            throw new Error(`OG cards: could not write the cards to ${target}`, { cause: error });
          } finally {
            cards.kill();
          }
        })();
        // Awaited by `finishOutputs`; a failure must not go unobserved before then.
        finishing.catch(() => {});
        unfinished.push(finishing);
      },
    },
  };
}
