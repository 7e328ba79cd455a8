/**
 * The search index in shards: which page goes into which shard, and the manifest that tells the
 * browser where the shards are. Pure; src/integration/pagefind.ts reads the pages and runs
 * Pagefind, src/scripts/search-core.ts merges the shards in the browser.
 *
 * Dated pages are ordered oldest first (by date, then URL) and cut into chunks of a fixed size,
 * so a new postmortem lands in the newest shard and an edited one changes the shard it is in:
 * every other shard keeps its inputs and is copied from the cache. Undated pages (teams,
 * services, SLOs, any entry without a date) have shards of their own, after the dated ones. The
 * shards cover disjoint date ranges, so "newest first" across them is the newest shard's
 * results, then the next one's, and so on.
 */

/**
 * Sort key of undated entries (teams, services, SLOs, handbook pages): last when sorting newest
 * first. Defined here, beside the shard rules, so the browser's search code can import them
 * without the rest of src/core/search.ts.
 */
export const UNDATED = '0000-00-00';

/**
 * Pages per shard, by the number of pages to index: the smallest of 250, 500, 1,000, 2,000 … that
 * cuts the dated pages into at most `MAX_DATED_SHARDS` shards. Chosen by measurement (2 cores;
 * docs/search.md#shards): Pagefind indexes about 2.5 ms a page whatever the shard's size, and a
 * rebuild re-indexes the shard holding the changed page, so smaller shards make rebuilds cheaper
 * (1000 docs: 0.7 s for 250 pages against 2.8 s for one shard of 1,100). Every shard costs a first
 * search its entry file, its meta index and an index chunk for each word (6–8 KB), so their number
 * is bounded: at 10,000 docs, 6 shards of 2,000 make a first search 290 KB (300 KB budget), 22 of
 * 500 would make it about 380 KB. Pagefind holds about 0.4 MB a page while it indexes, so a shard
 * of 2,000 pages bounds it to about 0.8 GB. When a handbook grows past a step (1,500, 3,000,
 * 6,000 … dated pages), the size doubles and every shard is indexed again, once.
 */
export function shardSizeFor(datedPages: number): number {
  let size = MIN_SHARD_SIZE;
  while (Math.ceil(datedPages / size) > MAX_DATED_SHARDS) size *= 2;
  return size;
}
/** The smallest shard size `shardSizeFor` picks. */
export const MIN_SHARD_SIZE = 250;
/** The most dated shards `shardSizeFor` allows. */
export const MAX_DATED_SHARDS = 6;

/** Where the build writes the shard list, beside the primary bundle (`/pagefind/`). */
export const SHARD_MANIFEST_URL = '/pagefind/shards.json';
/** Where the shards other than the primary one live: `/pagefind/shards/<id>/`. */
export const SHARD_URL_PREFIX = '/pagefind/shards/';
/** The Pagefind filter each shard's pages carry in the browser (`mergeFilter`), to search one shard. */
export const SHARD_FILTER = 'shard';

/** How many pages carry each value of each facet: `{ severity: { SEV1: 12 } }`. */
export type FacetCounts = Record<string, Record<string, number>>;

/** One page to index: its URL and its `date` sort key (`UNDATED` when it has none). */
export interface ShardPage {
  url: string;
  date: string;
  /** Its Pagefind filters, as `facet:value` (see `searchablePage`). */
  filters?: readonly string[];
}

export interface ShardPlan<P extends ShardPage = ShardPage> {
  /** Pages of the shard, oldest first. */
  pages: P[];
  /** Oldest and newest date of its pages; both `UNDATED` for an undated shard. */
  from: string;
  to: string;
}

/** One shard as the browser sees it, in the manifest's order: newest first, undated ones last. */
export interface ShardManifestEntry {
  /** Its id; also the value of its `shard` filter. */
  id: string;
  /** URL of its bundle folder, ending in `/`. The first entry is the primary bundle, `/pagefind/`. */
  path: string;
  pages: number;
  from: string;
  to: string;
  /**
   * How many of its pages carry each facet value, counted from the pages it indexed. The search
   * page shows these totals without loading Pagefind's filter files, which a first search would
   * otherwise download for every shard.
   */
  filters: FacetCounts;
}

export interface ShardManifest {
  shards: ShardManifestEntry[];
}

/**
 * The shards of these pages, newest first and the undated ones last: dated pages ordered oldest
 * first (date, then URL) and cut into chunks of `fixedSize` pages, or `shardSizeFor` the dated
 * pages, from the oldest, so only the newest chunk
 * is partly filled and a page added at the newest end changes that chunk alone. Undated pages,
 * by URL, are cut the same way (a handbook of few postmortems and many pages stays bounded too).
 */
export function planShards<P extends ShardPage>(pages: readonly P[], fixedSize?: number): ShardPlan<P>[] {
  const size = fixedSize ?? shardSizeFor(pages.filter((page) => page.date !== UNDATED).length);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`the shard size must be a positive whole number, not ${size}`);
  const dated = pages
    .filter((page) => page.date !== UNDATED)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const undated = pages.filter((page) => page.date === UNDATED).sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const chunks = (list: P[]) =>
    Array.from({ length: Math.ceil(list.length / size) }, (_, index) => {
      const chunk = list.slice(index * size, (index + 1) * size);
      return { pages: chunk, from: chunk[0].date, to: chunk.at(-1)!.date };
    });
  return [...chunks(dated).reverse(), ...chunks(undated)];
}

/** The page URL Pagefind gives a built file: `postmortems/x/index.html` → `/postmortems/x/`. */
export function pageUrl(relativePath: string): string {
  const path = `/${relativePath.split(/[\\/]/).filter(Boolean).join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

const BODY_ATTRIBUTE = 'data-pagefind-body';
const DATE_SORT_ATTRIBUTE = 'data-pagefind-sort="date:';
const FILTER_ATTRIBUTE = 'data-pagefind-filter="';
const SPACE = /\s/;
const ENTITY = /&(?:#(\d+)|#x([\da-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** An attribute value as the browser (and Pagefind) reads it: character references decoded. */
function attributeText(value: string): string {
  return value.replace(ENTITY, (_, decimal?: string, hex?: string, name?: string) =>
    name ? NAMED[name.toLowerCase()]! : String.fromCodePoint(decimal ? Number(decimal) : parseInt(hex!, 16)),
  );
}

/**
 * Whether `html` has a tag with the attribute `data-pagefind-body` (with or without a value), as
 * `/<[^>]*\sdata-pagefind-body[\s=>]/` tells, found by the attribute's name: V8 tries a pattern
 * that starts with a character class at every position of a page, and finds a literal by
 * skipping ahead (the search index reads every page of the site before it indexes).
 */
function hasBodyAttribute(html: string): boolean {
  for (let at = html.indexOf(BODY_ATTRIBUTE); at !== -1; at = html.indexOf(BODY_ATTRIBUTE, at + 1)) {
    const after = html[at + BODY_ATTRIBUTE.length];
    if (at === 0 || !SPACE.test(html[at - 1]) || after === undefined || !(after === '=' || after === '>' || SPACE.test(after))) continue;
    // Inside a tag: a `<` before it with no `>` in between.
    const open = html.lastIndexOf('<', at);
    if (open !== -1 && html.lastIndexOf('>', at) < open) return true;
  }
  return false;
}

/**
 * The values of `attribute="…` (its name and the opening quote) where whitespace precedes it, in
 * order, as the global pattern `/\sattribute="([^"]*)"/g` gives them (found by name, as above).
 */
function attributeValues(html: string, attribute: string, first = false): string[] {
  const values: string[] = [];
  let from = 0;
  for (let at = html.indexOf(attribute, from); at !== -1; at = html.indexOf(attribute, from)) {
    if (at === 0 || !SPACE.test(html[at - 1])) {
      from = at + 1;
      continue;
    }
    const start = at + attribute.length;
    const end = html.indexOf('"', start);
    // No closing quote here: none after any later occurrence either.
    if (end === -1) break;
    values.push(html.slice(start, end));
    if (first) break;
    from = end + 1;
  }
  return values;
}

/**
 * Whether a built page is searchable (its layout marks its main content `data-pagefind-body`),
 * its `date` sort key and its filters (`facet:value`, each once); undefined for a page Pagefind
 * would leave out (list pages). Filters are written as attribute-only elements
 * (src/components/SearchMeta.astro), the only form this reads.
 */
export function searchablePage(html: string): { date: string; filters: string[] } | undefined {
  if (!hasBodyAttribute(html)) return undefined;
  const filters = new Set<string>();
  for (const value of attributeValues(html, FILTER_ATTRIBUTE)) filters.add(detached(attributeText(value)));
  return { date: detached(attributeValues(html, DATE_SORT_ATTRIBUTE, true)[0] || UNDATED), filters: [...filters] };
}

/**
 * A copy of `text` that does not keep alive the string it was cut from. V8 makes a part of a long
 * string (a regex match, a `slice`) a view into it, so a date and filters kept for every page kept
 * every page's HTML: 725 MB in the search index process at 10,000 docs, which pushed the cold
 * build's peak over its target.
 */
function detached(text: string): string {
  return text.split('').join('');
}

/**
 * Counts of each facet value over `pages`, as Pagefind counts its filters: a page counts once
 * per value; `facet:value` splits at the first colon.
 */
export function facetCounts(pages: readonly Pick<ShardPage, 'filters'>[]): FacetCounts {
  const counts: FacetCounts = {};
  for (const page of pages)
    for (const filter of page.filters ?? []) {
      const colon = filter.indexOf(':');
      if (colon < 1) continue;
      const values = (counts[filter.slice(0, colon)] ??= {});
      const value = filter.slice(colon + 1);
      values[value] = (values[value] ?? 0) + 1;
    }
  return counts;
}
