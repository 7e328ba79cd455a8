/**
 * Collections = loaders + schemas. Every collection reads the content folder through the core's
 * parser (so datetimes stay strings and errors match `npm run check`) and the same schemas.
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isVisible } from './lib/audience.ts';
import { listSourceFiles, parseSourceFile } from './lib/content/files.ts';
import { isPlainMarkdown } from './lib/content/mdx.ts';
import { fromOpenSlo, isOpenSlo } from './lib/content/openslo.ts';
import { sharedValidation } from './lib/content/shared.ts';
import { readCachedBody, writeCachedBody, type BodyMode } from './lib/cache.ts';
import { readEnvironment } from './lib/env.ts';
import { loadSiteConfig } from './lib/site-config.ts';
import { COLLECTIONS, type CollectionName } from './schemas/common.ts';
import { collectionSpecs } from './schemas/index.ts';

const environment = readEnvironment(process.env, { includeDrafts: import.meta.env.DEV });
const { config } = loadSiteConfig(environment.contentDir, environment.root);
const specs = collectionSpecs(config);

/**
 * Loads one collection. Bodies are attached only to entries the audience may see, so nothing of
 * a hidden entry's text is ever rendered or compiled; the data of hidden entries stays available
 * for anonymous aggregates such as error budgets. A body that is plain Markdown is rendered here,
 * once, and cached in Astro's data store by digest; a body that uses MDX (components,
 * expressions, imports) is compiled as a module.
 */
function almanacLoader(collection: CollectionName): Loader {
  return {
    name: `almanac-${collection}`,
    load: async ({ store, parseData, renderMarkdown, config: astroConfig }) => {
      const root = fileURLToPath(astroConfig.root);
      const { files } = listSourceFiles(environment.contentDir, root);
      const validated = sharedValidation(environment.contentDir);
      const keep = new Set<string>();
      for (const source of files.filter((file) => file.collection === collection)) {
        const text = readFileSync(source.absolutePath, 'utf8');
        const reuse = validated?.parsed.get(source.file);
        const parsed = reuse && reuse.text === text ? reuse : parseSourceFile(source, text).parsed;
        keep.add(source.id);
        const isYaml = source.extension === '.yaml' || source.extension === '.yml';
        // An OpenSLO v1 file in slos/ is converted to SLO fields (validation already passed).
        const openslo = collection === 'slos' && isYaml && isOpenSlo(parsed.data) ? fromOpenSlo(parsed.data, source.id) : undefined;
        const raw = openslo ? openslo.data : parsed.data;
        const visible = isVisible({ collection, data: raw as any }, environment);
        const hasBody = specs[collection].kind === 'mdx' && !isYaml;
        const mode = bodyMode({ visible, openslo: Boolean(openslo), hasBody, body: parsed.body });
        // The digest covers the file and how this audience's build shows its body.
        const digest = `${parsed.digest}-${mode}`;
        const existing = store.get(source.id);
        if (existing?.digest === digest && (mode !== 'html' || readCachedBody(parsed.digest, root) !== undefined)) {
          if (mode === 'mdx' && existing.filePath) store.addModuleImport(existing.filePath);
          continue;
        }
        const data = await parseData({ id: source.id, data: raw as Record<string, unknown>, filePath: source.absolutePath });
        const entry = { id: source.id, data, digest, filePath: source.file };
        if (mode === 'html') {
          const { html } = await renderMarkdown(parsed.body, { fileURL: pathToFileURL(source.absolutePath) });
          writeCachedBody(parsed.digest, html, root);
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
    },
  };
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

/** Plain text as HTML paragraphs (blank lines separate paragraphs). */
function plainTextHtml(text: string): string {
  const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => `<p>${escape(paragraph.trim())}</p>`)
    .join('\n');
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
