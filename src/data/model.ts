/**
 * The shell's door to the core: loads every collection once per build (with the environment and
 * configuration of the build context), hands the entries to
 * `buildModel` (which filters for the audience and derives everything), and memoises the result
 * so no page recomputes a collection-wide aggregate.
 */
import { getCollection, getEntry, render } from 'astro:content';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listSourceFiles, parseSourceFile, type SourceFile } from '../validation/files.ts';
import { inspectMdx } from '../validation/mdx.ts';
import { lastModifiedDates } from '../build/git.ts';
import { parseStoredDigest, readCachedBody, readCachedHeadings } from '../build/cache.ts';
import { buildModel, type AnyView, type Model, type ModelInput } from '../core/model.ts';
import { context } from 'virtual:almanac/context';
import { COLLECTIONS } from '../core/schemas/common.ts';
import type { Heading } from '../core/reading.ts';

let modelPromise: Promise<Model> | undefined;
/** In `astro dev`: the model of the content version last seen, keyed by every entry's digest. */
let devModel: { key: string; model: Promise<Model> } | undefined;

export async function getModel(): Promise<Model> {
  if (!import.meta.env.DEV) {
    modelPromise ??= loadCollections().then(modelOf);
    return modelPromise;
  }
  // `astro dev` reloads content while it runs: the model is rebuilt when an entry changed, and
  // shared by every page, layout and component that asks for it until then.
  const collections = await loadCollections();
  const key = collections.map((entry) => `${entry.collection}/${entry.id}@${String(entry.digest)}`).join('\n');
  if (devModel?.key !== key) devModel = { key, model: modelOf(collections) };
  return devModel.model;
}

type StoredEntry = Awaited<ReturnType<typeof getCollection>>[number];

async function loadCollections(): Promise<StoredEntry[]> {
  const { environment } = context;
  // Astro warns about empty collections; a handbook may well have no PRDs yet, so only
  // collections with files are asked for.
  const present = new Set(listSourceFiles(environment.contentDir, environment.root).files.map((file) => file.collection));
  return (await Promise.all(COLLECTIONS.filter((name) => present.has(name)).map((name) => getCollection(name)))).flat();
}

async function modelOf(entries: readonly StoredEntry[]): Promise<Model> {
  const { environment, config } = context;
  const modified = lastModifiedDates(environment.contentDir);
  const sources = listSourceFiles(environment.contentDir, environment.root).files;
  const postmortemSources = new Map(sources.filter((file) => file.collection === 'postmortems').map((file) => [file.id, file]));
  const inputs: ModelInput[] = entries.map((entry) => ({
    collection: entry.collection,
    id: entry.id,
    data: entry.data,
    file: entry.filePath,
    digest: entry.digest === undefined ? undefined : String(entry.digest),
    lastModified: entry.filePath ? modified.get(join(environment.root, entry.filePath)) : undefined,
    // Only postmortems in review go into review sessions, whose packs list the questions: reading
    // every body here would cost a parse per postmortem.
    ...(entry.collection === 'postmortems' && entry.data.status === 'in-review'
      ? { questions: bodyQuestions(postmortemSources.get(entry.id)) }
      : {}),
  }));
  return buildModel(inputs, { config, now: environment.now, audience: environment.audience, includeDrafts: environment.includeDrafts });
}

/**
 * The `<Question>`s of a postmortem body, read from its syntax tree (the same reading validation
 * makes), never from rendered HTML. A body that does not parse has none: validation reports it.
 */
function bodyQuestions(source: SourceFile | undefined): string[] {
  if (!source || (source.extension !== '.mdx' && source.extension !== '.md')) return [];
  try {
    const { parsed } = parseSourceFile(source);
    return inspectMdx(parsed.body, { markdown: source.extension === '.md' }).questions.map((question) => question.text);
  } catch {
    return [];
  }
}

/**
 * The body of a visible entry and its headings (for the table of contents): the HTML rendered at
 * content sync for a plain-Markdown body (HTML and headings from the body cache), or the compiled
 * MDX module's `Content` with the headings `render()` reports. Memoised per entry, so a page that
 * asks for the headings before it renders the body compiles nothing twice.
 */
export function renderBody(view: AnyView): Promise<RenderedBody> {
  const key = `${view.collection}/${view.id}`;
  if (import.meta.env.DEV) return loadBody(view);
  let body = bodies.get(key);
  if (!body) bodies.set(key, (body = loadBody(view)));
  return body;
}

export type RenderedBody = ({ html: string } | { Content: Awaited<ReturnType<typeof render>>['Content'] }) & {
  headings: Heading[];
  /** The body uses `<Timeline>` (only MDX bodies can): a postmortem then draws its phases there. */
  usesTimeline: boolean;
};
const bodies = new Map<string, Promise<RenderedBody>>();

async function loadBody(view: AnyView): Promise<RenderedBody> {
  const entry = await getEntry(view.collection, view.id);
  if (!entry) throw new Error(`No ${view.collection} entry "${view.id}" to render`);
  const stored = parseStoredDigest(entry.digest);
  if (stored?.mode === 'html') {
    const html = readCachedBody(stored.fileDigest, context.environment.root);
    if (html === undefined)
      throw new Error(
        `The rendered body of ${view.collection}/${view.id} is missing from the cache (${stored.fileDigest}); run the build with --force`,
      );
    return { html, headings: readCachedHeadings(stored.fileDigest, context.environment.root) ?? [], usesTimeline: false };
  }
  const { Content, headings } = await render(entry);
  const source = stored?.mode === 'mdx' && entry.filePath ? readFileSync(join(context.environment.root, entry.filePath), 'utf8') : '';
  return {
    Content,
    headings: headings.map(({ depth, slug, text }) => ({ depth, slug, text })),
    usesTimeline: /<Timeline[\s>/]/.test(source),
  };
}
