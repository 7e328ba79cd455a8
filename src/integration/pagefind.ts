/**
 * The search index: after `astro build` writes the site, Pagefind indexes it through its Node API
 * and writes `<outDir>/pagefind/`. No separate CLI step. Only pages with `data-pagefind-body`
 * (entry pages; see Base.astro `searchable`) are indexed, so list pages stay out, and since it
 * reads the built HTML the index holds exactly what this build publishes (audience, drafts).
 * Tables, key facts and other page chrome are left out of the indexed text
 * (`SEARCH_EXCLUDED_SELECTORS`), so excerpts quote the narrative.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { recordPhase } from '../build/phases.ts';
import { SEARCH_EXCLUDED_SELECTORS } from '../core/search.ts';

export class PagefindError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PagefindError';
  }
}

/** Throws when a Pagefind response carries errors, naming the step and every message. */
function check<T extends { errors: string[] }>(step: string, response: T): T {
  if (response.errors.length > 0) throw new PagefindError(`Pagefind ${step} failed:\n  ${response.errors.join('\n  ')}`);
  return response;
}

export interface IndexResult {
  /** HTML files Pagefind read (every page of the site). */
  filesRead: number;
  /** Pages in the index (those with `data-pagefind-body`), from `pagefind-entry.json`. */
  pageCount: number;
  outputPath: string;
}

/** Pages in a written bundle, summed over its languages. */
export function indexedPageCount(outputPath: string): number {
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { page_count: number }>;
  };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/** Indexes every HTML file under `siteDir` and writes the bundle to `<siteDir>/pagefind`. */
export async function indexSite(siteDir: string, logger?: Pick<AstroIntegrationLogger, 'info' | 'warn'>): Promise<IndexResult> {
  try {
    const { index } = check('createIndex', await pagefind.createIndex({ excludeSelectors: [...SEARCH_EXCLUDED_SELECTORS] }));
    if (!index) throw new PagefindError('Pagefind createIndex returned no index');
    // `page_count` here counts the HTML files read, list pages included; Pagefind drops the pages
    // without `data-pagefind-body` when it writes the bundle.
    const { page_count: filesRead } = check('addDirectory', await index.addDirectory({ path: siteDir }));
    const { outputPath } = check('writeFiles', await index.writeFiles({ outputPath: join(siteDir, 'pagefind') }));
    const pageCount = indexedPageCount(outputPath);
    if (pageCount === 0) logger?.warn(`no page of ${siteDir} has data-pagefind-body; the search index is empty`);
    return { filesRead, pageCount, outputPath };
  } catch (error) {
    if (error instanceof PagefindError) throw error;
    throw new PagefindError(`Pagefind could not index ${siteDir}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await pagefind.close();
  }
}

export function pagefindSearch(): AstroIntegration {
  return {
    name: 'almanac-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        const { filesRead, pageCount, outputPath } = await indexSite(fileURLToPath(dir), logger);
        const milliseconds = performance.now() - started;
        recordPhase('pagefind', milliseconds);
        logger.info(
          `search index: ${pageCount} pages indexed (of ${filesRead} HTML files) into ${outputPath} in ${Math.round(milliseconds)} ms`,
        );
      },
    },
  };
}
