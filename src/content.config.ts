/**
 * Collections = loaders + schemas. Every collection reads the content folder through the core's
 * parser (so datetimes stay strings and errors match `npm run check`) and the same schemas. The
 * environment and configuration come from the build context (`virtual:almanac/context`).
 */
import { defineCollection } from 'astro:content';
import type { Loader, LoaderContext } from 'astro/loaders';
import { context } from 'virtual:almanac/context';
import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isVisible } from './core/audience.ts';
import { hasCachedBody, parseStoredDigest, writeCachedBody, type BodyMode } from './build/cache.ts';
import { digestOf, listSourceFiles, parseSourceFile } from './validation/files.ts';
import { isPlainMarkdown, rewriteBody } from './validation/mdx.ts';
import { fromOpenSlo, isOpenSlo } from './validation/openslo.ts';
import { plainTextHtml, wrapTables } from './core/html.ts';
import { linksToHidden } from './core/routes.ts';
import { COLLECTIONS, type CollectionName } from './core/schemas/common.ts';
import { collectionSpecs } from './core/schemas/index.ts';

const { environment, config } = context;
/** Bumped when the stored form of rendered bodies changes (tables wrapped, headings stored, one file), so old cache entries are not reused. */
const BODY_FORMAT = 3;
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
 * a hidden entry's text is ever rendered or compiled; the data of hidden entries stays available
 * for anonymous aggregates such as error budgets. A body that is plain Markdown is rendered here,
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

async function syncCollection(collection: CollectionName, { store, parseData, renderMarkdown }: LoaderContext): Promise<void> {
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
      (stored.mode !== 'html' || hasCachedBody(key, root))
    ) {
      if (stored.mode === 'mdx') store.addModuleImport(source.file);
      continue;
    }
    const { parsed } = parseSourceFile(source, text);
    const isYaml = source.extension === '.yaml' || source.extension === '.yml';
    const openslo = collection === 'slos' && isYaml && isOpenSlo(parsed.data) ? fromOpenSlo(parsed.data, source.id) : undefined;
    const raw = openslo ? openslo.data : parsed.data;
    let data: Record<string, unknown>;
    try {
      if (raw === undefined || raw === null || typeof raw !== 'object') throw new Error(`${source.file} holds no fields`);
      data = await parseData({ id: source.id, data: raw as Record<string, unknown>, filePath: source.absolutePath });
    } catch (error) {
      // The validation lists every problem of this file; `astro dev` shows that list instead of
      // pages, and nothing stale of the entry stays in the store.
      store.delete(source.id);
      if (import.meta.env.DEV) continue;
      throw error;
    }
    const visible = isVisible({ collection, data: raw as any }, environment);
    const hasBody = specs[collection].kind === 'mdx' && !isYaml;
    const mode = bodyMode({ visible, openslo: Boolean(openslo), hasBody, body: parsed.body });
    const entry = { id: source.id, data, digest: `${key}-${mode}`, filePath: source.file };
    if (mode === 'html') {
      const body = rewriteBody(parsed.body, 0, {
        stripCode: true,
        isHiddenLink: linksToHidden({ collection, id: source.id }, hidden),
        markdown: source.extension === '.md',
      });
      const { html, metadata } = await renderMarkdown(body, { fileURL: pathToFileURL(source.absolutePath) });
      const write = writeCachedBody(key, { html: wrapTables(html), headings: metadata?.headings ?? [] }, root);
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

const schema = <C extends CollectionName>(name: C) => specs[name].schema as ReturnType<typeof collectionSpecs>[C]['schema'];

export const collections = {
  teams: defineCollection({ loader: almanacLoader('teams'), schema: schema('teams') }),
  services: defineCollection({ loader: almanacLoader('services'), schema: schema('services') }),
  slos: defineCollection({ loader: almanacLoader('slos'), schema: schema('slos') }),
  postmortems: defineCollection({ loader: almanacLoader('postmortems'), schema: schema('postmortems') }),
  releases: defineCollection({ loader: almanacLoader('releases'), schema: schema('releases') }),
  prds: defineCollection({ loader: almanacLoader('prds'), schema: schema('prds') }),
  handbook: defineCollection({ loader: almanacLoader('handbook'), schema: schema('handbook') }),
} satisfies Record<(typeof COLLECTIONS)[number], unknown>;
