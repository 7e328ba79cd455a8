/**
 * The search index: after `astro build` writes the site, Pagefind indexes it through its Node API
 * and writes `<outDir>/pagefind/`. No separate CLI step. Only pages with `data-pagefind-body`
 * (entry pages; see Base.astro `searchable`) are indexed, so list pages stay out, and since it
 * reads the built HTML the index holds exactly what this build publishes (audience, drafts).
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { recordPhase } from '../lib/phases.ts';

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
  const entry = JSON.parse(readFileSync(join(outputPath, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
}

/**
 * Pages handed to Pagefind while Astro renders them. Pagefind parses each page in its own
 * process, so this work runs on the second core beside the page build instead of after it;
 * `astro:build:done` then only waits for the last pages and writes the bundle. The collector
 * lives on `globalThis` because the middleware runs in Astro's page bundle, another module graph.
 */
export interface PageCollector {
  add(url: string, html: string): void;
}

const COLLECTOR = Symbol.for('almanac.pagefind.collector');

export function activeCollector(): PageCollector | undefined {
  return (globalThis as Record<symbol, unknown>)[COLLECTOR] as PageCollector | undefined;
}

interface StreamingIndex extends PageCollector {
  /** Waits for every page added, checks each response, writes the bundle and closes Pagefind. */
  finish(siteDir: string, logger?: Pick<AstroIntegrationLogger, 'info' | 'warn'>): Promise<IndexResult>;
}

async function startStreamingIndex(): Promise<StreamingIndex> {
  const { index } = check('createIndex', await pagefind.createIndex({}));
  if (!index) throw new PagefindError('Pagefind createIndex returned no index');
  const added: Promise<{ url: string; errors: string[] }>[] = [];
  return {
    add(url, html) {
      // Not awaited: the page build goes on while Pagefind parses this page.
      added.push(index.addHTMLFile({ url, content: html }).then((response) => ({ url, errors: response.errors })));
    },
    async finish(siteDir, logger) {
      try {
        const responses = await Promise.all(added);
        const failed = responses.filter((response) => response.errors.length > 0);
        if (failed.length) throw new PagefindError(`Pagefind could not index ${failed.length} page(s):\n  ${failed.map((f) => `${f.url}: ${f.errors.join('; ')}`).join('\n  ')}`);
        const { outputPath } = check('writeFiles', await index.writeFiles({ outputPath: join(siteDir, 'pagefind') }));
        const pageCount = indexedPageCount(outputPath);
        if (pageCount === 0) logger?.warn(`no page of ${siteDir} has data-pagefind-body; the search index is empty`);
        return { filesRead: responses.length, pageCount, outputPath };
      } catch (error) {
        if (error instanceof PagefindError) throw error;
        throw new PagefindError(`Pagefind could not index ${siteDir}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      } finally {
        await pagefind.close();
      }
    },
  };
}

export function pagefindSearch(): AstroIntegration {
  let streaming: StreamingIndex | undefined;
  return {
    name: 'almanac-pagefind',
    hooks: {
      'astro:config:setup': ({ command, addMiddleware }) => {
        if (command === 'build') addMiddleware({ entrypoint: new URL('./pagefind-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': async () => {
        streaming = await startStreamingIndex();
        (globalThis as Record<symbol, unknown>)[COLLECTOR] = streaming;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = performance.now();
        delete (globalThis as Record<symbol, unknown>)[COLLECTOR];
        if (!streaming) throw new PagefindError('astro:build:start did not start the search index');
        const { filesRead, pageCount, outputPath } = await streaming.finish(fileURLToPath(dir), logger);
        streaming = undefined;
        const milliseconds = performance.now() - started;
        recordPhase('pagefind (after pages)', milliseconds);
        logger.info(`search index: ${pageCount} pages indexed (of ${filesRead} HTML pages) into ${outputPath}; ${Math.round(milliseconds)} ms after the pages were built`);
      },
    },
  };
}
