/**
 * Collections: one loader per collection. Astro's content store holds what rendering a body needs
 * (its file, how it renders, the rendered HTML of plain Markdown in the body cache); the fields
 * reach the pages through the model, which the build context builds from the validated entries.
 * The environment and configuration come from the build context (`virtual:almanac/context`).
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { context } from 'virtual:almanac/context';
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isVisible } from './core/audience.ts';
import { parseStoredDigest, useCachedBody, writeCachedBody, type BodyMode } from './build/cache.ts';
import { digestOf, listSourceFiles, parseSourceFile, splitFrontmatter, withoutByteOrderMark, type SourceFile } from './validation/files.ts';
import type { Entry } from './core/entry.ts';
import { isPlainMarkdown, rewriteBody } from './validation/mdx.ts';
import { fromOpenSlo, isOpenSlo } from './validation/openslo.ts';
import { plainTextHtml, wrapTables } from './core/html.ts';
import { linksToHidden } from './core/routes.ts';
import { COLLECTIONS, type CollectionName } from './core/schemas/common.ts';
import { collectionSpecs } from './core/schemas/index.ts';

const { environment, config } = context;
/** Bumped when the stored form of rendered bodies changes (tables wrapped, headings stored, one file, no fields), so old cache entries are not reused. */
const BODY_FORMAT = 4;
const specs = collectionSpecs(config);
const hidden = new Set(context.hidden);
/**
 * What else decides how a body renders: the audience, drafts, whether code may run, and which
 * entries are unpublished (links to them become text). Part of every stored digest, so an entry
 * stored by another kind of build is never reused.
 */
const contextKey = digestOf(
  JSON.stringify([environment.audience, environment.includeDrafts, config.mdx.allowCode, context.hidden, BODY_FORMAT]),
).slice(0, 12);

/**
 * Loads one collection. Bodies are attached only to entries the audience may see, so nothing of
 * a hidden entry's text is ever rendered or compiled. A body that is plain Markdown is rendered here,
 * once, and cached by digest; a body that uses MDX (components) is compiled as a module, after
 * the integration's Vite plugin has removed any code from it. In `astro dev` the loader follows
 * every change of the content folder.
 */
function almanacLoader(collection: CollectionName): Loader {
  return {
    name: `almanac-${collection}`,
    load: async (loader) => {
      await syncCollection(collection, loader);
      const { watcher } = loader;
      if (!watcher) return;
      const folder = `${environment.contentDir}${sep}${collection}${sep}`;
      let timer: NodeJS.Timeout | undefined;
      watcher.add(environment.contentDir);
      watcher.on('all', (_event, file) => {
        if (!file.startsWith(folder)) return;
        clearTimeout(timer);
        timer = setTimeout(() => {
          syncCollection(collection, loader).catch((error: unknown) =>
            loader.logger.error(`could not reload ${collection}: ${error instanceof Error ? error.message : String(error)}`),
          );
        }, 50);
      });
    },
  };
}

/**
 * Whether this build shows the entry. A build knows it from its validation (`hidden`); a dev
 * server reads the entry's fields again, since an edit may have changed who sees it.
 */
function isShown(collection: CollectionName, source: SourceFile, text: string): boolean {
  if (!import.meta.env.DEV) return !hidden.has(`${collection}/${source.id}`);
  const { data } = parseSourceFile(source, text).parsed;
  // Fields that do not parse are the validation's to report; the error view hides the pages.
  return !data || typeof data !== 'object' || isVisible({ collection, data: data as Entry['data'] }, environment);
}

/** An OpenSLO document's converted fields, or undefined for any other file. */
function openSloOf(source: SourceFile, text: string): ReturnType<typeof fromOpenSlo> | undefined {
  const { data } = parseSourceFile(source, text).parsed;
  return isOpenSlo(data) ? fromOpenSlo(data, source.id) : undefined;
}

async function syncCollection(collection: CollectionName, { store, renderMarkdown }: LoaderContext): Promise<void> {
  const { root } = environment;
  const { files } = listSourceFiles(environment.contentDir, root);
  const keep = new Set<string>();
  const writes: Promise<void>[] = [];
  for (const source of files.filter((file) => file.collection === collection)) {
    let text: string;
    try {
      text = readFileSync(source.absolutePath, 'utf8');
    } catch {
      continue; // deleted while listing: the next change event syncs again
    }
    keep.add(source.id);
    // The file, where it is, and how this build shows bodies: a stored entry from another folder
    // or another kind of build is never reused. The path must be part of the digest itself: the
    // data store skips a `set` whose digest it already holds, keeping the old path and module.
    const key = digestOf(`${source.file}\0${contextKey}\0${text}`);
    const existing = store.get(source.id);
    const stored = parseStoredDigest(existing?.digest);
    if (
      existing &&
      stored?.fileDigest === key &&
      existing.filePath === source.file &&
      (stored.mode !== 'html' || useCachedBody(key, environment.cacheDir))
    ) {
      if (stored.mode === 'mdx') store.addModuleImport(source.file);
      continue;
    }
    const isYaml = source.extension === '.yaml' || source.extension === '.yml';
    // Only an OpenSLO file has something to show that needs its fields read (its description).
    const openslo = collection === 'slos' && isYaml ? openSloOf(source, text) : undefined;
    const split = isYaml ? undefined : splitFrontmatter(withoutByteOrderMark(text));
    const hasBody = specs[collection].kind === 'mdx' && split !== undefined;
    const visible = isShown(collection, source, text);
    const mode = bodyMode({ visible, openslo: Boolean(openslo), hasBody, body: split?.body ?? '' });
    // No frontmatter: pages get every field from the model (src/data/model.ts), never from here,
    // so the store holds what rendering a body needs and no copy of the data.
    const entry = { id: source.id, data: {}, digest: `${key}-${mode}`, filePath: source.file };
    if (mode === 'html') {
      const body = rewriteBody(split!.body, 0, {
        stripCode: true,
        isHiddenLink: linksToHidden({ collection, id: source.id }, hidden),
        markdown: source.extension === '.md',
      });
      const { html, metadata } = await renderMarkdown(body, { fileURL: pathToFileURL(source.absolutePath) });
      const write = writeCachedBody(key, { html: wrapTables(html), headings: metadata?.headings ?? [] }, environment.cacheDir);
      // Its failure is reported by the `Promise.all` below, not as an unhandled rejection meanwhile.
      write.catch(() => {});
      writes.push(write);
      store.set(entry);
    } else if (mode === 'mdx') {
      store.set({ ...entry, deferredRender: true });
    } else if (mode === 'text' && openslo?.description) {
      // An OpenSLO file's spec.description is its body, shown as plain text.
      store.set({ ...entry, rendered: { html: plainTextHtml(openslo.description) } });
    } else {
      store.set(entry);
    }
  }
  for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
  // Every body is in the cache before any page asks for it.
  await Promise.all(writes);
}

/**
 * How an entry's body reaches its page: `html` (plain Markdown, rendered once into the body cache),
 * `mdx` (compiled as a module), `text` (an OpenSLO description), or `none` (no body, or an entry
 * this audience may not see). It is part of the stored digest; `renderBody` reads it back.
 */
function bodyMode(entry: { visible: boolean; openslo: boolean; hasBody: boolean; body: string }): BodyMode {
  if (!entry.visible) return 'none';
  if (entry.openslo) return 'text';
  if (!entry.hasBody) return 'none';
  return isPlainMarkdown(entry.body) ? 'html' : 'mdx';
}

// No schemas here: the validation (src/validation/validate.ts) checks every field with the
// core's schemas before Astro starts, and the store keeps no fields (see `syncCollection`).
export const collections = {
  teams: defineCollection({ loader: almanacLoader('teams') }),
  services: defineCollection({ loader: almanacLoader('services') }),
  slos: defineCollection({ loader: almanacLoader('slos') }),
  postmortems: defineCollection({ loader: almanacLoader('postmortems') }),
  releases: defineCollection({ loader: almanacLoader('releases') }),
  prds: defineCollection({ loader: almanacLoader('prds') }),
  handbook: defineCollection({ loader: almanacLoader('handbook') }),
} satisfies Record<(typeof COLLECTIONS)[number], unknown>;
