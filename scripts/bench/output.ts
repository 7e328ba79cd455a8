/**
 * What a build leaves behind: the bytes and files of the output and of the Pagefind index, and
 * the JavaScript a postmortem page runs up front (inline scripts, script files, module preloads
 * and their static imports), read from the built HTML of every postmortem page; the largest counts.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BenchError } from './errors.ts';
import { pageScripts, sitePath, staticImports } from './figures.ts';
import { ROOT } from './processes.ts';

/** Bytes and files under a folder (nothing when it does not exist). */
function folderSize(path: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  if (!existsSync(path)) return { bytes, files };
  for (const name of readdirSync(path, { recursive: true, encoding: 'utf8' })) {
    const stat = statSync(join(path, name));
    if (stat.isFile()) {
      bytes += stat.size;
      files++;
    }
  }
  return { bytes, files };
}

export interface JsUpFront {
  /** The postmortem page with the most JavaScript (site path). */
  page: string;
  bytes: number;
  gzipBytes: number;
  inlineBytes: number;
  externalBytes: number;
  /** External files loaded up front (script src, modulepreload, and their static imports). */
  files: { path: string; bytes: number }[];
  /** Scripts on other origins (not counted; should be none). */
  offsite: string[];
  /** Postmortem pages examined; `minBytes` is the smallest total among them. */
  pagesExamined: number;
  minBytes: number;
}

/** JavaScript a page runs up front: inline JS, external scripts and module preloads, with their static imports. */
function jsOfPage(dist: string, pagePath: string): Omit<JsUpFront, 'pagesExamined' | 'minBytes'> {
  const html = readFileSync(join(dist, pagePath, 'index.html'), 'utf8');
  const scripts = pageScripts(html);
  const inlineBytes = scripts.inline.reduce((sum, script) => sum + Buffer.byteLength(script.body), 0);
  let gzipBytes = scripts.inline.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
  const files = new Map<string, number>();
  const offsite: string[] = [];
  const queue: { from: string; url: string }[] = [
    ...scripts.external.map((script) => ({ from: pagePath, url: script.src })),
    ...scripts.modulepreload.map((url) => ({ from: pagePath, url })),
    ...scripts.inline
      .filter((script) => script.type.trim().toLowerCase() === 'module')
      .flatMap((script) => staticImports(script.body).map((url) => ({ from: pagePath, url }))),
  ];
  while (queue.length) {
    const { from, url } = queue.shift()!;
    const path = sitePath(from, url);
    if (path === undefined) {
      offsite.push(url);
      continue;
    }
    if (files.has(path)) continue;
    const file = join(dist, path);
    if (!existsSync(file)) throw new BenchError(`${pagePath} loads ${url}, but ${relative(ROOT, file)} is not in the build`);
    const code = readFileSync(file);
    files.set(path, code.length);
    gzipBytes += gzipSync(code).length;
    for (const specifier of staticImports(code.toString('utf8'))) queue.push({ from: path, url: specifier });
  }
  const externalBytes = [...files.values()].reduce((sum, bytes) => sum + bytes, 0);
  return {
    page: pagePath,
    bytes: inlineBytes + externalBytes,
    gzipBytes,
    inlineBytes,
    externalBytes,
    files: [...files].map(([path, bytes]) => ({ path, bytes })),
    offsite,
  };
}

export function jsUpFront(dist: string, postmortemIds: string[]): JsUpFront {
  const pages = postmortemIds.map((id) => `/postmortems/${id}/`).filter((path) => existsSync(join(dist, path, 'index.html')));
  if (pages.length === 0) throw new BenchError(`no postmortem page found under ${join(dist, 'postmortems')}`);
  let worst: ReturnType<typeof jsOfPage> | undefined;
  let minBytes = Infinity;
  for (const page of pages) {
    const js = jsOfPage(dist, page);
    minBytes = Math.min(minBytes, js.bytes);
    if (!worst || js.bytes > worst.bytes) worst = js;
  }
  return { ...worst!, pagesExamined: pages.length, minBytes };
}

export interface OutputSizes {
  distBytes: number;
  distFiles: number;
  pagefindBytes: number;
  pagefindFiles: number;
  htmlPages: number;
}

/** The output folder after the rebuild: all of it, the Pagefind index, and the HTML pages written. */
export function outputSizes(dist: string): OutputSizes {
  const all = folderSize(dist);
  const pagefind = folderSize(join(dist, 'pagefind'));
  const htmlPages = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.html')).length;
  return { distBytes: all.bytes, distFiles: all.files, pagefindBytes: pagefind.bytes, pagefindFiles: pagefind.files, htmlPages };
}
