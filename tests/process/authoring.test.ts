/**
 * The authoring loop as a person meets it, against real `astro build` and `astro dev` processes
 * on temporary content folders (ALMANAC_CONTENT_DIR):
 * - a build with content errors prints every problem and a one-line summary, exits 1, prints no
 *   stack trace, and never evaluates body code;
 * - `astro dev` follows edits: a changed title shows, added, renamed and deleted files are followed, errors replace every page with the list of
 *   problems (file and fields named), fixing the file brings the page back, and a server started
 *   on broken content serves that list at once.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { contentFolder, mdx, postmortemYaml } from '../unit/support/content.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ASTRO = join(ROOT, 'node_modules', '.bin', 'astro');
const AS_OF = '2026-11-28T12:00:00Z';
/** A value only the build's environment holds: it must never reach any output. */
const SECRET = 'zzsecret-4f1c9a';

function environment(contentDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ALMANAC_CONTENT_DIR: contentDir,
    ALMANAC_NOW: AS_OF,
    ALMANAC_TEST_SECRET: SECRET,
    NO_COLOR: '1',
  };
  delete env.FORCE_COLOR;
  return env;
}

describe('astro build on content with errors', () => {
  test('prints every problem and a summary, exits 1, no stack trace, runs no body code', () => {
    const body = ['{process.env.ALMANAC_TEST_SECRET}', '', '<Callout type="note" title={process.env.ALMANAC_TEST_SECRET}>x</Callout>'].join(
      '\n',
    );
    const folder = contentFolder({
      'postmortems/leaky.mdx': mdx(postmortemYaml({ services: 'services:\n  - checkout-apii', rootCause: 'rootCause: x' }), body),
    });
    const outDir = join(folder.root, 'dist');
    const cacheDir = join(folder.root, 'cache');
    const result = spawnSync(ASTRO, ['build', '--outDir', outDir], {
      cwd: ROOT,
      env: { ...environment(folder.contentDir), ALMANAC_CACHE_DIR: cacheDir },
      encoding: 'utf8',
    });
    const output = result.stdout + result.stderr;
    assert.equal(result.status, 1, output);
    for (const expected of [
      'rootCause: is not a field',
      'services[0]: "checkout-apii" is not an entry of services',
      'is an expression run at build time',
      'title={…}> is an expression prop',
    ]) {
      assert.ok(output.includes(expected), `${expected}\n${output}`);
    }
    assert.match(output, /build stopped: 4 errors and 0 warnings in 1 file\. `npm run check` prints the same list\./);
    assert.ok(!/Stack trace|^\s+at /m.test(output), output);
    assert.ok(!output.includes('unhandled error'), output);
    assert.ok(!output.includes(SECRET), 'the secret is never printed');
    assert.equal(existsSync(join(outDir, 'index.html')), false, 'nothing is published');
    // The card process starts before validation; content that failed it never reaches a card.
    const cards = existsSync(join(cacheDir, 'og')) ? readdirSync(join(cacheDir, 'og'), { recursive: true }).map(String) : [];
    assert.deepEqual(
      cards.filter((file) => file.endsWith('.png')),
      [],
      'no card is drawn',
    );
  });
});

/** A running `astro dev` on a content folder, with a way to wait for what a page shows. */
async function startDev(contentDir: string): Promise<{ url: string; server: ChildProcess; log: () => string }> {
  const port = 4900 + Math.floor(Math.random() * 400);
  let log = '';
  const server = spawn(ASTRO, ['dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: environment(contentDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (chunk) => (log += chunk));
  server.stderr!.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(url, { headers: { accept: 'text/plain' } });
      break;
    } catch {
      if (attempt > 150) throw new Error(`astro dev did not answer on ${url}:\n${log}`);
      await sleep(200);
    }
  }
  return { url, server, log: () => log };
}

/** Requests `path` until `check` holds for its status and HTML, for at most 20 s. */
async function waitForPage(base: string, path: string, check: (status: number, html: string) => boolean, what: string): Promise<string> {
  let last = '';
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(base + path, { headers: { accept: 'text/html' } });
    last = await response.text();
    if (check(response.status, last)) return last;
    await sleep(200);
  }
  throw new Error(`${what}: not seen on ${path}; last answer:\n${last.slice(0, 2000)}`);
}

/** Runs `work` against a dev server on `contentDir`, and stops the server (and its children) after. */
async function withDev(contentDir: string, work: (dev: Awaited<ReturnType<typeof startDev>>) => Promise<void>): Promise<void> {
  const dev = await startDev(contentDir);
  const exited = new Promise((resolvePromise) => dev.server.once('exit', resolvePromise));
  try {
    await work(dev);
  } finally {
    if (dev.server.pid) process.kill(-dev.server.pid, 'SIGTERM');
    await exited;
  }
}

describe('astro dev follows the content', () => {
  test('an edited title shows, errors replace the pages with the list, a fix brings the page back', async () => {
    const file = 'postmortems/checkout-errors.mdx';
    const good = mdx(postmortemYaml());
    const folder = contentFolder({ [file]: good });
    const path = join(folder.contentDir, file);
    await withDev(folder.contentDir, async (dev) => {
      const page = '/postmortems/checkout-errors/';
      await waitForPage(dev.url, page, (status, html) => status === 200 && html.includes('Checkout errors'), 'the first page');

      writeFileSync(path, good.replace('title: Checkout errors', 'title: Checkout errors after the pool change'));
      await waitForPage(
        dev.url,
        page,
        (status, html) => status === 200 && html.includes('Checkout errors after the pool change'),
        'the edited title',
      );
      await waitForPage(
        dev.url,
        '/postmortems/',
        (_status, html) => html.includes('Checkout errors after the pool change'),
        'the edited title in the list',
      );

      const broken = mdx(
        postmortemYaml({
          title: 'title: Checkout errors after the pool change',
          services: 'services:\n  - checkout-apii',
          rootCause: 'rootCause: pool',
        }),
      );
      writeFileSync(path, broken);
      const errorView = await waitForPage(
        dev.url,
        page,
        (status, html) => status === 500 && html.includes('The content has problems'),
        'the error view',
      );
      assert.ok(errorView.includes(`content/${file}`), 'names the file');
      assert.ok(errorView.includes('<code>rootCause</code>') && errorView.includes('<code>services[0]</code>'), 'names both fields');
      assert.match(errorView, /Did you mean &quot;checkout-api&quot;\?/);
      assert.match(dev.log(), /rootCause: is not a field/, 'the terminal prints the same list');
      await waitForPage(
        dev.url,
        '/',
        (status, html) => status === 500 && html.includes('The content has problems'),
        'the error view on every page',
      );

      writeFileSync(path, good.replace('title: Checkout errors', 'title: Checkout errors fixed'));
      await waitForPage(
        dev.url,
        page,
        (status, html) => status === 200 && html.includes('Checkout errors fixed'),
        'the page after the fix',
      );

      // A new file appears, a renamed one moves, a deleted one goes: lists and pages follow.
      const added = join(folder.contentDir, 'postmortems', 'payments-timeouts.mdx');
      writeFileSync(added, good.replace('title: Checkout errors', 'title: Payments timeouts at lunch'));
      await waitForPage(
        dev.url,
        '/postmortems/',
        (status, html) => status === 200 && html.includes('Payments timeouts at lunch'),
        'the added postmortem in the list',
      );
      const renamed = join(folder.contentDir, 'postmortems', 'payments-timeouts-at-lunch.mdx');
      renameSync(added, renamed);
      await waitForPage(
        dev.url,
        '/postmortems/payments-timeouts-at-lunch/',
        (status, html) => status === 200 && html.includes('Payments timeouts at lunch'),
        'the renamed page',
      );
      await waitForPage(
        dev.url,
        '/postmortems/',
        (status, html) => status === 200 && !html.includes('/postmortems/payments-timeouts/'),
        'the old id gone from the list',
      );
      rmSync(renamed);
      await waitForPage(
        dev.url,
        '/postmortems/',
        (status, html) => status === 200 && !html.includes('Payments timeouts at lunch'),
        'the deleted postmortem gone from the list',
      );
      assert.ok(!dev.log().includes('Unhandled rejection'));
    });
  });

  test('a server started on broken content starts and serves the error view', async () => {
    const folder = contentFolder({ 'postmortems/broken.mdx': mdx(postmortemYaml({ severity: 'severity: SEV9' })) });
    await withDev(folder.contentDir, async (dev) => {
      const html = await waitForPage(
        dev.url,
        '/',
        (status, text) => status === 500 && text.includes('The content has problems'),
        'the error view at start',
      );
      assert.ok(html.includes('content/postmortems/broken.mdx') && html.includes('<code>severity</code>'));
      writeFileSync(
        join(folder.contentDir, 'postmortems/broken.mdx'),
        readFileSync(join(folder.contentDir, 'postmortems/broken.mdx'), 'utf8').replace('SEV9', 'SEV2'),
      );
      await waitForPage(dev.url, '/postmortems/broken/', (status) => status === 200, 'the page after the fix');
    });
  });
});
