/**
 * Collections = loaders + schemas. Every collection reads the content folder through the core's
 * parser (so datetimes stay strings and errors match `npm run check`) and the same schemas.
 */
import { defineCollection } from 'astro:content';
import type { Loader } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { isVisible } from './lib/audience.ts';
import { listSourceFiles, parseSourceFile } from './lib/content/files.ts';
import { fromOpenSlo, isOpenSlo } from './lib/content/openslo.ts';
import { readEnvironment } from './lib/env.ts';
import { loadSiteConfig } from './lib/site-config.ts';
import { COLLECTIONS, type CollectionName } from './schemas/common.ts';
import { collectionSpecs } from './schemas/index.ts';

const environment = readEnvironment(process.env, { includeDrafts: import.meta.env.DEV });
const { config } = loadSiteConfig(environment.contentDir, environment.root);
const specs = collectionSpecs(config);

/**
 * Loads one collection. Bodies (MDX modules) are attached only to entries the audience may see,
 * so nothing of a hidden entry's text is ever compiled into the build; the data of hidden
 * entries stays available for anonymous aggregates such as error budgets.
 */
function almanacLoader(collection: CollectionName): Loader {
  return {
    name: `almanac-${collection}`,
    load: async ({ store, parseData, config: astroConfig }) => {
      const root = fileURLToPath(astroConfig.root);
      const { files } = listSourceFiles(environment.contentDir, root);
      const keep = new Set<string>();
      for (const source of files.filter((file) => file.collection === collection)) {
        const { parsed } = parseSourceFile(source);
        keep.add(source.id);
        const existing = store.get(source.id);
        const isYaml = source.extension === '.yaml' || source.extension === '.yml';
        // An OpenSLO v1 file in slos/ is converted to SLO fields (validation already passed).
        const openslo = collection === 'slos' && isYaml && isOpenSlo(parsed.data) ? fromOpenSlo(parsed.data, source.id) : undefined;
        const raw = openslo ? openslo.data : parsed.data;
        const visible = isVisible({ collection, data: raw as any }, environment);
        if (existing?.digest === parsed.digest && Boolean(existing.deferredRender) === visible) {
          if (visible && existing.filePath) store.addModuleImport(existing.filePath);
          continue;
        }
        const data = await parseData({ id: source.id, data: raw as Record<string, unknown>, filePath: source.absolutePath });
        const hasBody = specs[collection].kind === 'mdx' && !isYaml;
        store.set({
          id: source.id,
          data,
          digest: parsed.digest,
          filePath: source.file,
          ...(hasBody && visible ? { body: parsed.body, deferredRender: true } : {}),
          // An OpenSLO file's spec.description is its body, shown as plain text.
          ...(openslo?.description && visible ? { rendered: { html: plainTextHtml(openslo.description) } } : {}),
        });
      }
      for (const id of store.keys()) if (!keep.has(id)) store.delete(id);
    },
  };
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
