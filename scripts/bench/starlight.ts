/**
 * The Starlight baseline: a Starlight site (scripts/bench/starlight/, Starlight's defaults) built
 * from the same generated corpus, so that the bench compares Almanac with Starlight measured in
 * the same run on the same machine. Only the postmortems become Starlight docs, at the same path
 * (`postmortems/<id>`), with the same body. Their frontmatter keeps what Starlight's `docsSchema`
 * knows: `title`, and the summary as `description`. The other fields are Almanac's model
 * (severity, timeline, action items…), which Starlight neither validates nor shows, so they are
 * dropped rather than parsed for nothing.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { isPlainMarkdown } from '../../src/validation/mdx.ts';
import { BenchError } from './errors.ts';
import { ROOT } from './processes.ts';

/** The Starlight project: its config, content config, and (not in git) the docs the bench writes. */
export const STARLIGHT_ROOT = join(ROOT, 'scripts', 'bench', 'starlight');
export const STARLIGHT_DOCS = join(STARLIGHT_ROOT, 'src', 'content', 'docs');
/** What a cold Starlight build starts without: its generated types and Astro's cache (data store). */
export const STARLIGHT_CACHES = [join(STARLIGHT_ROOT, '.astro'), join(STARLIGHT_ROOT, 'node_modules', '.astro')];

export interface StarlightDoc {
  /** `md` for a plain-Markdown body (how a Starlight author writes one), `mdx` when the body uses MDX. */
  extension: 'md' | 'mdx';
  text: string;
}

/**
 * A generated postmortem file as a Starlight doc: `title` and `description` (the summary) in the
 * frontmatter, the body unchanged. Throws when the file has no frontmatter or no title.
 */
export function starlightDoc(source: string, name = 'the postmortem'): StarlightDoc {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  if (!match) throw new BenchError(`${name} has no frontmatter to convert for Starlight`);
  const data = (parse(match[1]!) ?? {}) as Record<string, unknown>;
  if (typeof data.title !== 'string' || data.title.trim() === '') throw new BenchError(`${name} has no title to give Starlight`);
  const frontmatter: Record<string, string> = { title: data.title };
  if (typeof data.summary === 'string') frontmatter.description = data.summary;
  const body = match[2]!;
  return {
    extension: isPlainMarkdown(body) ? 'md' : 'mdx',
    text: `---\n${stringify(frontmatter, { lineWidth: 0 })}---\n${body}`,
  };
}

/** The Starlight site's title and URL: the generated handbook's (its almanac.yaml), for scripts/bench/starlight/astro.config.mjs. */
export function starlightSiteEnv(contentDir: string): { BENCH_SITE_TITLE: string; BENCH_SITE_URL: string } {
  const config = (parse(readFileSync(join(contentDir, 'almanac.yaml'), 'utf8')) ?? {}) as { name?: unknown; url?: unknown };
  return {
    BENCH_SITE_TITLE: typeof config.name === 'string' ? config.name : '',
    BENCH_SITE_URL: typeof config.url === 'string' ? config.url : '',
  };
}

/**
 * Writes the corpus's postmortems into the Starlight project's docs folder, emptied first (a
 * previous run may have been interrupted). Returns the path of each doc, relative to the docs
 * folder, by the postmortem's file name.
 */
export function writeStarlightDocs(contentDir: string): Map<string, string> {
  rmSync(STARLIGHT_DOCS, { recursive: true, force: true });
  const target = join(STARLIGHT_DOCS, 'postmortems');
  mkdirSync(target, { recursive: true });
  const written = new Map<string, string>();
  const folder = join(contentDir, 'postmortems');
  for (const name of readdirSync(folder).filter((file) => /\.mdx?$/.test(file))) {
    const doc = starlightDoc(readFileSync(join(folder, name), 'utf8'), name);
    const path = join('postmortems', `${name.replace(/\.mdx?$/, '')}.${doc.extension}`);
    writeFileSync(join(STARLIGHT_DOCS, path), doc.text);
    written.set(name, path);
  }
  return written;
}

/** Removes the docs the bench wrote into the Starlight project. */
export function removeStarlightDocs(): void {
  rmSync(STARLIGHT_DOCS, { recursive: true, force: true });
}

/** Empties the Starlight project's caches before a cold build (`--force` clears the data store only). */
export function emptyStarlightCaches(): void {
  for (const path of STARLIGHT_CACHES) rmSync(path, { recursive: true, force: true });
}
