/**
 * How long an edit takes to show in `astro dev`: the dev server is started on the corpus, then one
 * postmortem's title is changed several times, each time requesting its page until the new title
 * shows. Runs after the builds, so it shares nothing with their measurements.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchError } from './errors.ts';
import { ASTRO, ROOT, exited, freePort, killGroup, logTail, running, siteEnv, type Work } from './processes.ts';

/** `astro dev` on the corpus: how long until it answers, and until an edited title shows. */
export interface DevEdit {
  /** From starting `astro dev` to the first page served. */
  startupSeconds: number;
  /** From writing a new title into one postmortem to the page showing it (median of the edits). */
  editToPageMs: number;
  edits: number[];
  page: string;
}

/** Starts `astro dev` on the corpus and edits the title of `file` (relative to the content folder) five times; the median counts. */
export async function devEdit(work: Work, file: string): Promise<DevEdit> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const page = `/postmortems/${file.replace(/^postmortems\//, '').replace(/\.mdx?$/, '')}/`;
  const log = createWriteStream(join(work.logs, 'dev.log'));
  const started = performance.now();
  const server = spawn(ASTRO, ['dev', '--host', '127.0.0.1', '--port', String(port)], {
    cwd: ROOT,
    env: siteEnv(work),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(server);
  server.stdout!.pipe(log);
  server.stderr!.pipe(log);
  const fetchPage = async () => {
    try {
      const response = await fetch(base + page, { headers: { accept: 'text/html' } });
      return { status: response.status, html: await response.text() };
    } catch {
      return { status: 0, html: '' };
    }
  };
  const until = async (check: (answer: { status: number; html: string }) => boolean, what: string) => {
    const deadline = performance.now() + 120_000;
    while (performance.now() < deadline) {
      if (check(await fetchPage())) return;
      await sleep(25);
    }
    throw new BenchError(`astro dev: ${what} did not show within 120 s`, { logTail: logTail(join(work.logs, 'dev.log')) });
  };
  try {
    await until(({ status }) => status === 200, `${page}`);
    const startupSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const path = join(work.content, file);
    const original = readFileSync(path, 'utf8');
    const edits: number[] = [];
    for (let edit = 1; edit <= 5; edit++) {
      const title = `Edited title ${edit} for the dev benchmark`;
      const written = performance.now();
      writeFileSync(path, original.replace(/^title: .*$/m, `title: ${title}`));
      await until(({ status, html }) => status === 200 && html.includes(title), `edit ${edit}`);
      edits.push(Math.round(performance.now() - written));
    }
    writeFileSync(path, original);
    const sorted = [...edits].sort((a, b) => a - b);
    return { startupSeconds, editToPageMs: sorted[Math.floor(sorted.length / 2)]!, edits, page };
  } finally {
    killGroup(server);
    await exited(server);
    running.delete(server);
  }
}
