/**
 * Writes every OG card of the build to `<outDir>/og/…png` once the pages are built. The model comes
 * from `loadHandbook` with the build's environment, so the cards cover exactly what this audience's
 * pages publish. Unchanged cards come from the cache (`.cache/og/`, or `$ALMANAC_CACHE_DIR/og/`).
 *
 * After each run, `.cache/og-last-run.json` records the counts ({ total, rendered, cached, … }) so
 * tests and CI logs can see that a second build drew nothing.
 */
import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../lib/env.ts';
import { recordPhase } from '../lib/phases.ts';
import { loadHandbook } from '../lib/load.ts';
import { cardInputs } from '../lib/og/card.ts';
import { cardCacheDir, pruneCardCache, renderCards } from '../lib/og/render.ts';

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

export function ogCards(options: OgCardsOptions = {}): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'almanac-og-cards',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const outDir = fileURLToPath(dir);
        try {
          const environment = readEnvironment(process.env, { root });
          const { model } = loadHandbook(environment);
          const jobs = cardInputs(model);
          const cacheDir = cardCacheDir(root);
          const counts = await renderCards(jobs, { outDir, cacheDir, root });
          const pruned = options.pruneAfterDays === 0 ? 0 : await pruneCardCache(cacheDir, options.pruneAfterDays ?? 30);
          const milliseconds = Math.round(performance.now() - started);
          recordPhase('og cards', milliseconds);
          logger.info(`${counts.total} cards: ${counts.rendered} rendered, ${counts.cached} from cache (${(milliseconds / 1000).toFixed(1)} s)`);
          const lastRun: OgLastRun = {
            ...counts,
            pruned,
            milliseconds,
            audience: environment.audience,
            outDir,
            cacheDir,
            finishedAt: new Date().toISOString(),
          };
          mkdirSync(join(root, '.cache'), { recursive: true });
          writeFileSync(join(root, LAST_RUN_FILE), `${JSON.stringify(lastRun, null, 2)}\n`);
        } catch (error) {
          throw new Error(`OG cards: could not write the cards to ${outDir}`, { cause: error });
        }
      },
    },
  };
}
