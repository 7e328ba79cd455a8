/**
 * The bytes of a first search: the build is served with `astro preview`, and Chromium opens
 * /search/?q=<a title word> with an empty cache through a counting proxy in front of the preview
 * server; the transferred bytes of every request under /pagefind/ made until the results show
 * are summed. The search page then loads Pagefind's filter files to count the facet values within
 * the results: those requests (made after the `SEARCH_RESULTS_MARK` user-timing mark) are counted
 * apart, until the counts show.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse as parseYaml } from 'yaml';
import { BenchError } from './errors.ts';
import { SEARCH_RESULTS_MARK } from '../../src/scripts/search-core.ts';
import { searchWord } from './figures.ts';
import { ASTRO, ROOT, exited, freePort, killGroup, logTail, progress, running, siteEnv, type Work } from './processes.ts';

export interface FirstSearch {
  query: string;
  /** Transferred (encoded) response body bytes of requests under /pagefind/ made before the results showed. */
  bytes: number;
  /** The same for the requests made after, until the facet counts within the results showed. */
  countsBytes: number;
  countsRequests: number;
  /** From navigation to the facet counts on screen, ms. */
  msToCounts: number;
  /** Their response header bytes. */
  headerBytes: number;
  requests: number;
  files: { path: string; bytes: number }[];
  /** From navigation to results on screen, ms (local preview server; indicative only). */
  msToResults: number;
  resultsShown: number;
  status: string;
}

interface ProxyRecord {
  path: string;
  /** When the proxy received the request (epoch ms). */
  startedAt: number;
  status: number;
  /** Response body bytes as sent (after content-encoding, without chunked framing). */
  bytes: number;
  /** Status line and headers, as Node would write them. */
  headerBytes: number;
  done: boolean;
}

/** An HTTP proxy on a free port to 127.0.0.1:`targetPort` that records every response's size. */
async function countingProxy(targetPort: number) {
  const records: ProxyRecord[] = [];
  const server = createHttpServer((request, response) => {
    const record: ProxyRecord = {
      path: new URL(request.url ?? '/', 'http://x').pathname,
      startedAt: Date.now(),
      status: 0,
      bytes: 0,
      headerBytes: 0,
      done: false,
    };
    records.push(record);
    const upstream = httpRequest(
      { host: '127.0.0.1', port: targetPort, path: request.url, method: request.method, headers: request.headers },
      (reply) => {
        record.status = reply.statusCode ?? 0;
        const headers = reply.rawHeaders;
        record.headerBytes =
          Buffer.byteLength(`HTTP/1.1 ${reply.statusCode} ${reply.statusMessage}\r\n`) +
          headers.reduce((sum, value) => sum + Buffer.byteLength(value) + 2, 0) +
          2; // "name: value\r\n" per pair, blank line
        response.writeHead(reply.statusCode ?? 502, reply.statusMessage, reply.headers);
        reply.on('data', (chunk: Buffer) => (record.bytes += chunk.length));
        reply.on('end', () => (record.done = true));
        reply.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      record.status = 502;
      record.done = true;
      response.destroy(error);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    records,
    close: () =>
      new Promise<void>((resolvePromise) => {
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

/** The word searched for: the rarest title word of the first postmortem (by file name) among all the titles. */
export function firstSearchQuery(work: Work, postmortemFiles: readonly string[]): string {
  const titleOf = (name: string) => {
    const text = readFileSync(join(work.content, 'postmortems', name), 'utf8');
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    return String((parseYaml(front) as { title?: unknown })?.title ?? '');
  };
  const titles = postmortemFiles.map(titleOf);
  return searchWord(titles[0]!, titles);
}

export async function firstSearch(work: Work, query: string): Promise<FirstSearch> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const logPath = join(work.logs, 'preview.log');
  const log = createWriteStream(logPath);
  await new Promise((resolvePromise) => log.once('open', resolvePromise));
  progress(`first search: astro preview on ${base}, Chromium on /search/?q=${query}`);
  const preview = spawn(ASTRO, ['preview', '--outDir', work.dist, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: siteEnv(work),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(preview);
  preview.stdout!.pipe(log, { end: false });
  preview.stderr!.pipe(log, { end: false });
  let previewError: unknown;
  preview.once('error', (error) => (previewError = error));
  let browser: import('playwright-core').Browser | undefined;
  let proxy: Awaited<ReturnType<typeof countingProxy>> | undefined;
  try {
    for (let attempt = 0; ; attempt++) {
      if (previewError) throw new BenchError('could not start astro preview', { cause: previewError });
      if (preview.exitCode !== null || preview.signalCode !== null)
        throw new BenchError(`astro preview exited (${preview.exitCode ?? preview.signalCode}) before answering; log: ${logPath}`, {
          logTail: logTail(logPath),
        });
      try {
        const response = await fetch(`${base}/search/`);
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 300)
        throw new BenchError(`astro preview did not answer on ${base} within 60 s; log: ${logPath}`, { logTail: logTail(logPath) });
      await sleep(200);
    }
    // The browser talks to a counting proxy in front of the preview server, so every request is
    // counted as sent on the wire (compressed bodies stay compressed), whether the page or
    // Pagefind's web worker made it.
    proxy = await countingProxy(port);
    const { launchBrowser } = await import('../../tests/support/browser.ts');
    browser = await launchBrowser();
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${proxy.base}/search/?q=${encodeURIComponent(query)}`);
    try {
      await page.waitForFunction(
        () => {
          const status = document.getElementById('search-status')?.textContent?.trim() ?? '';
          const list = document.getElementById('search-results');
          return status !== '' && list !== null && list.getAttribute('aria-busy') !== 'true';
        },
        undefined,
        { timeout: 60_000, polling: 25 },
      );
    } catch (error) {
      throw new BenchError(
        `the search page showed no finished search for "${query}" within 60 s (#search-status and #search-results expected)`,
        { cause: error },
      );
    }
    const msToResults = Math.round(performance.now() - started);
    const shown = await page.evaluate(() => ({
      results: document.querySelectorAll('#search-results > li').length,
      status: document.getElementById('search-status')?.textContent?.trim() ?? '',
    }));
    if (shown.results === 0) throw new BenchError(`the first search for "${query}" showed no results: "${shown.status}"`);
    const resultsAt = await page.evaluate((name) => {
      const mark = performance.getEntriesByName(name)[0];
      return mark ? performance.timeOrigin + mark.startTime : undefined;
    }, SEARCH_RESULTS_MARK);
    if (resultsAt === undefined)
      throw new BenchError(`the search page set no "${SEARCH_RESULTS_MARK}" performance mark when it showed results`);
    try {
      await page.waitForFunction(() => document.getElementById('search-facets')?.dataset.counts === 'ready', undefined, {
        timeout: 60_000,
        polling: 25,
      });
    } catch (error) {
      throw new BenchError(`the search page showed no facet counts for "${query}" within 60 s`, { cause: error });
    }
    const msToCounts = Math.round(performance.now() - started);
    const isPagefind = (record: ProxyRecord) => record.path.startsWith('/pagefind/');
    for (let waited = 0; proxy.records.some((record) => isPagefind(record) && !record.done) && waited < 10_000; waited += 50)
      await sleep(50);
    const records = proxy.records.filter(isPagefind);
    const failures = records
      .filter((record) => !record.done || record.status >= 400)
      .map((record) => `${record.path}: ${record.done ? `HTTP ${record.status}` : 'unfinished'}`);
    if (failures.length) throw new BenchError(`Pagefind requests failed during the first search:\n  ${failures.join('\n  ')}`);
    if (records.length === 0) throw new BenchError('the first search made no request under /pagefind/');
    await context.close();
    const summed = (list: ProxyRecord[]) => list.reduce((sum, record) => sum + record.bytes, 0);
    const beforeResults = records.filter((record) => record.startedAt <= resultsAt);
    const forCounts = records.filter((record) => record.startedAt > resultsAt);
    const finished = beforeResults
      .map((record) => ({ path: record.path, bytes: record.bytes, headerBytes: record.headerBytes }))
      .sort((a, b) => a.path.localeCompare(b.path));
    return {
      query,
      bytes: finished.reduce((sum, file) => sum + file.bytes, 0),
      countsBytes: summed(forCounts),
      countsRequests: forCounts.length,
      msToCounts,
      headerBytes: finished.reduce((sum, file) => sum + file.headerBytes, 0),
      requests: finished.length,
      files: finished.map(({ path, bytes }) => ({ path, bytes })),
      msToResults,
      resultsShown: shown.results,
      status: shown.status,
    };
  } finally {
    await browser?.close().catch(() => {});
    await proxy?.close();
    killGroup(preview);
    const stop = exited(preview);
    if ((await Promise.race([stop.then(() => true), sleep(5000).then(() => false)])) === false) {
      killGroup(preview, 'SIGKILL');
      await stop;
    }
    running.delete(preview);
    await new Promise((resolvePromise) => log.end(resolvePromise));
  }
}
