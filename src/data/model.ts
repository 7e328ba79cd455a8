/**
 * The shell's door to the core: loads every collection once per build (with the environment and
 * configuration of the build context), hands the entries to
 * `buildModel` (which filters for the audience and derives everything), and memoises the result
 * so no page recomputes a collection-wide aggregate.
 */
import { getCollection, getEntry, render } from 'astro:content';
import { join } from 'node:path';
import { listSourceFiles, parseSourceFile, type SourceFile } from '../validation/files.ts';
import { inspectMdx } from '../validation/mdx.ts';
import { lastModifiedDates } from '../build/git.ts';
import { parseStoredDigest, readCachedBody } from '../build/cache.ts';
import { buildModel, type AnyView, type Model, type ModelInput } from '../core/model.ts';
import { context } from 'virtual:almanac/context';
import { COLLECTIONS } from '../core/schemas/common.ts';

let modelPromise: Promise<Model> | undefined;

export function getModel(): Promise<Model> {
  // `astro dev` reloads content while it runs, so each request gets a fresh model there.
  if (import.meta.env.DEV) return loadModel();
  modelPromise ??= loadModel();
  return modelPromise;
}

async function loadModel(): Promise<Model> {
  const { environment, config } = context;
  const modified = lastModifiedDates(environment.contentDir);
  // Astro warns about empty collections; a handbook may well have no PRDs yet, so only
  // collections with files are asked for.
  const sources = listSourceFiles(environment.contentDir, environment.root).files;
  const present = new Set(sources.map((file) => file.collection));
  const postmortemSources = new Map(sources.filter((file) => file.collection === 'postmortems').map((file) => [file.id, file]));
  const collections = await Promise.all(COLLECTIONS.filter((name) => present.has(name)).map((name) => getCollection(name)));
  const inputs: ModelInput[] = collections.flat().map((entry) => ({
    collection: entry.collection,
    id: entry.id,
    data: entry.data,
    file: entry.filePath,
    digest: entry.digest === undefined ? undefined : String(entry.digest),
    lastModified: entry.filePath ? modified.get(join(environment.root, entry.filePath)) : undefined,
    ...(entry.collection === 'postmortems' ? { questions: bodyQuestions(postmortemSources.get(entry.id)) } : {}),
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
 * The body of a visible entry: the HTML rendered at content sync for a plain-Markdown body (from
 * the body cache), or the compiled MDX module's `Content` for a body that uses MDX.
 */
export async function renderBody(view: AnyView): Promise<{ html: string } | { Content: Awaited<ReturnType<typeof render>>['Content'] }> {
  const entry = await getEntry(view.collection, view.id);
  if (!entry) throw new Error(`No ${view.collection} entry "${view.id}" to render`);
  const stored = parseStoredDigest(entry.digest);
  if (stored?.mode === 'html') {
    const html = readCachedBody(stored.fileDigest, context.environment.root);
    if (html === undefined) throw new Error(`The rendered body of ${view.collection}/${view.id} is missing from the cache (${stored.fileDigest}); run the build with --force`);
    return { html };
  }
  const { Content } = await render(entry);
  return { Content };
}
