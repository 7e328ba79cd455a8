/**
 * The shell's door to the model: the almanac integration builds it once per content version
 * (src/integration/context.ts) and writes a snapshot; pages, layouts and components read that
 * snapshot here, once per build. In `astro dev` it is read again whenever the integration has
 * written a new one (after every content edit). Bodies are rendered from Astro's content store.
 */
import { getEntry, render } from 'astro:content';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStoredDigest, readCachedBody } from '../build/cache.ts';
import { readModelSnapshot, snapshotVersion } from '../build/model-snapshot.ts';
import type { AnyView, Model } from '../core/model.ts';
import { layoutInputs, type LayoutInputs } from '../core/page-inputs.ts';
import { context } from 'virtual:almanac/context';
import type { Heading } from '../core/reading.ts';

let model: Model | undefined;
/** In `astro dev`: the model read last, and the version of the snapshot it was read from. */
let devModel: { version: string; model: Model } | undefined;

export async function getModel(): Promise<Model> {
  if (!import.meta.env.DEV) return (model ??= readModelSnapshot(context.modelFile));
  const version = snapshotVersion(context.modelFile);
  if (devModel?.version !== version) devModel = { version, model: readModelSnapshot(context.modelFile) };
  return devModel.model;
}

const layouts = new WeakMap<Model, { inputs: LayoutInputs; key: string }>();

function layoutOf(model: Model): { inputs: LayoutInputs; key: string } {
  let layout = layouts.get(model);
  if (!layout) {
    const inputs = layoutInputs(model);
    layouts.set(model, (layout = { inputs, key: JSON.stringify(inputs) }));
  }
  return layout;
}

/** What the layout shows (core/page-inputs.ts), once per model. */
export async function getLayoutInputs(): Promise<LayoutInputs> {
  return layoutOf(await getModel()).inputs;
}

/**
 * A page's `cacheKey` for Astro's incremental build (`experimental.incrementalBuild`): a digest
 * of everything the page shows, the layout's inputs, its own inputs (core/page-inputs.ts) and how
 * its body is stored (the stored digest covers the file, the audience and which links are
 * unpublished). Astro reuses the previous output of a page whose key and code did not change, and
 * tracks the MDX modules a page renders itself.
 */
export async function pageCacheKey(model: Model, view: AnyView, inputs: unknown): Promise<string> {
  const stored = (await getEntry(view.collection, view.id))?.digest;
  return cacheKeyOf(model, String(stored), inputs);
}

/** The `cacheKey` of a page that shows no entry's body (a list page): its layout's inputs and its own. */
export function listPageCacheKey(model: Model, inputs: unknown): string {
  return cacheKeyOf(model, 'no body', inputs);
}

function cacheKeyOf(model: Model, body: string, inputs: unknown): string {
  return createHash('sha1').update(layoutOf(model).key).update('\0').update(body).update('\0').update(JSON.stringify(inputs)).digest('hex');
}

/**
 * The body of a visible entry and its headings (for the table of contents): the HTML rendered at
 * content sync for a plain-Markdown body (HTML and headings from the body cache), or the compiled
 * MDX module's `Content` with the headings `render()` reports. The last few are kept, so a page
 * that asks for the headings before it renders the body loads nothing twice; pages render one
 * after another, so keeping every body would only hold each one's HTML on the heap until the
 * build ends (about 8.5 KB of HTML for each postmortem of the bench's corpus) and slow every garbage collection.
 */
export function renderBody(view: AnyView): Promise<RenderedBody> {
  const key = `${view.collection}/${view.id}`;
  if (import.meta.env.DEV) return loadBody(view);
  let body = bodies.get(key);
  if (!body) {
    bodies.set(key, (body = loadBody(view)));
    if (bodies.size > RECENT_BODIES) bodies.delete(bodies.keys().next().value!);
  }
  return body;
}

/** Bodies kept by `renderBody`: a page asks for its own body a few times, never for many others. */
const RECENT_BODIES = 8;

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
    const cached = readCachedBody(stored.fileDigest, context.environment.cacheDir);
    if (cached === undefined)
      throw new Error(
        `The rendered body of ${view.collection}/${view.id} is missing from the cache (${stored.fileDigest}); run the build with --force`,
      );
    return { html: cached.html, headings: cached.headings, usesTimeline: false };
  }
  const { Content, headings } = await render(entry);
  const source = stored?.mode === 'mdx' && entry.filePath ? readFileSync(join(context.environment.root, entry.filePath), 'utf8') : '';
  return {
    Content,
    headings: headings.map(({ depth, slug, text }) => ({ depth, slug, text })),
    usesTimeline: /<Timeline[\s>/]/.test(source),
  };
}
