/**
 * What the search page (search-page.ts) and the quick-search dialog (quick-search.ts) share:
 * loading Pagefind's runtime with the index's shards merged, searching them newest first, the
 * search state kept in the URL, and one result card. The parts that decide something (how shard
 * answers combine, URL state, the result's badges, the excerpt's highlights) are pure and
 * unit-tested; `renderResult` only turns their output into elements.
 */
import type { ResultLabels } from '../core/search.ts';
import { SHARD_FILTER, SHARD_MANIFEST_URL, type FacetCounts, type ShardManifest, type ShardManifestEntry } from '../core/search-shards.ts';

export type FilterCounts = FacetCounts;
export type Filters = Record<string, { any: string[] }>;

/** One result's data as Pagefind returns it. */
export interface ResultData {
  url: string;
  /** Text with `<mark>` around the hits; the text itself is HTML-escaped. */
  excerpt: string;
  meta: Record<string, string | undefined>;
}
export interface PagefindResult {
  id: string;
  data(): Promise<ResultData>;
}
export interface PagefindResponse {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: FilterCounts;
  totalFilters: FilterCounts;
}
export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  filters(): Promise<FilterCounts>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindResponse | null>;
  mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
}

/**
 * The user-timing mark the search page sets when a search's results are on screen (before the
 * facet counts within them): `npm run bench` counts the bytes of a first search up to it.
 */
export const SEARCH_RESULTS_MARK = 'almanac:search-results';

/** Written by the build (src/integration/pagefind.ts), so it is loaded by URL, not bundled. */
export const PAGEFIND_URL = '/pagefind/pagefind.js';
/** Words of context around the hits in an excerpt. */
const EXCERPT_LENGTH = 24;

/** Pagefind's runtime with every shard of the index merged in, and the shards, newest first. */
export interface SearchIndex {
  pagefind: Pagefind;
  shards: readonly ShardManifestEntry[];
}

let indexPromise: Promise<SearchIndex> | undefined;

async function readManifest(): Promise<ShardManifest> {
  const response = await fetch(SHARD_MANIFEST_URL);
  if (!response.ok) throw new Error(`${SHARD_MANIFEST_URL}: HTTP ${response.status}`);
  const manifest = (await response.json()) as ShardManifest;
  if (!Array.isArray(manifest?.shards) || manifest.shards.length === 0) throw new Error(`${SHARD_MANIFEST_URL} lists no shard`);
  return manifest;
}

/**
 * Pagefind's runtime, once per page (the search page and the dialog share it), with the other
 * shards of the index merged into the primary one (`/pagefind/`): their results and filter counts
 * come back as one. Merged shards share the primary's WebAssembly and worker; each loads its own
 * entry, meta and, as searches need them, its chunks. Every shard carries its id as the `shard`
 * filter, so one shard can be searched alone (`searchNewestFirst`). Rejects when the site has no index.
 */
export function loadSearchIndex(): Promise<SearchIndex> {
  indexPromise ??= Promise.all([import(/* @vite-ignore */ PAGEFIND_URL) as Promise<Pagefind>, readManifest()]).then(
    async ([pagefind, { shards }]) => {
      if (typeof pagefind?.search !== 'function') throw new Error(`${PAGEFIND_URL} is not Pagefind's runtime`);
      const [primary, ...merged] = shards;
      await pagefind.options({ excerptLength: EXCERPT_LENGTH, mergeFilter: { [SHARD_FILTER]: primary.id } });
      await Promise.all(
        merged.map((shard) =>
          pagefind.mergeIndex(shard.path, { excerptLength: EXCERPT_LENGTH, mergeFilter: { [SHARD_FILTER]: shard.id } }),
        ),
      );
      return { pagefind, shards };
    },
  );
  indexPromise.catch(() => {
    indexPromise = undefined;
  });
  return indexPromise;
}

/** Sums filter counts value by value (each page is in one shard, so the sum is the whole index's count). */
export function sumCounts(counts: readonly (FilterCounts | undefined)[]): FilterCounts {
  const sum: FilterCounts = {};
  for (const facets of counts)
    for (const [facet, values] of Object.entries(facets ?? {})) {
      if (facet === SHARD_FILTER) continue;
      const into = (sum[facet] ??= {});
      for (const [value, count] of Object.entries(values)) into[value] = (into[value] ?? 0) + count;
    }
  return sum;
}

/**
 * One response from the responses of each shard searched alone, newest shard first: the results
 * in that order (the shards hold disjoint date ranges, so each one's newest-first results follow
 * the previous one's), the filter counts summed. `totalFilters` and `unfilteredResultCount` do not
 * depend on the filters, so every shard's response has the same; the first one's is kept.
 */
export function concatShardResponses(responses: readonly (PagefindResponse | null)[]): PagefindResponse {
  const present = responses.filter((response): response is PagefindResponse => Array.isArray(response?.results));
  if (present.length !== responses.length) throw new Error('Pagefind returned no results list');
  return {
    results: present.flatMap((response) => response.results),
    unfilteredResultCount: present[0]?.unfilteredResultCount ?? 0,
    filters: sumCounts(present.map((response) => response.filters)),
    totalFilters: sumCounts([present[0]?.totalFilters]),
  };
}

/**
 * Results newest first across shards. Pagefind orders merged results by score, which would undo
 * a date sort, so each shard is searched alone (its `shard` filter) with `sort: date desc` and
 * the responses are concatenated newest shard first.
 */
export async function searchNewestFirst(index: SearchIndex, term: string | null, filters: Filters): Promise<PagefindResponse> {
  const responses = await Promise.all(
    index.shards.map((shard) =>
      index.pagefind.search(term, { filters: { ...filters, [SHARD_FILTER]: { any: [shard.id] } }, sort: { date: 'desc' } }),
    ),
  );
  return concatShardResponses(responses);
}

/** Parses the JSON of a `<script type="application/json">` element (written with `scriptJson`). */
export function readJson<T>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`search: #${id} is missing`);
  return JSON.parse(element.textContent ?? '') as T;
}

// ── URL state ────────────────────────────────────────────────────────────────

/** What a search page URL holds: `?q=budget&type=postmortem&severity=SEV1&sort=date`. */
export interface SearchState {
  query: string;
  sort: '' | 'date';
  /** Checked values per facet, in URL order. */
  selected: Record<string, string[]>;
}

/** The state a URL's query string describes; unknown parameters and empty values are ignored. */
export function parseState(search: string, facets: readonly string[]): SearchState {
  const params = new URLSearchParams(search);
  const selected: Record<string, string[]> = {};
  for (const facet of facets) selected[facet] = [...new Set(params.getAll(facet).filter(Boolean))];
  return { query: params.get('q') ?? '', sort: params.get('sort') === 'date' ? 'date' : '', selected };
}

/** The query string of a state (without `?`): `q`, then the facets in facet order, then `sort`. */
export function stateToSearch(state: SearchState, facets: readonly string[]): string {
  const params = new URLSearchParams();
  const query = state.query.trim();
  if (query) params.set('q', query);
  for (const facet of facets) for (const value of state.selected[facet] ?? []) params.append(facet, value);
  if (state.sort === 'date') params.set('sort', 'date');
  return params.toString();
}

/** Pagefind's filter object: values of one facet are alternatives (any), facets must all hold. */
export function stateFilters(state: SearchState): Filters {
  const filters: Filters = {};
  for (const [facet, values] of Object.entries(state.selected)) if (values.length) filters[facet] = { any: [...values] };
  return filters;
}

// ── One result ───────────────────────────────────────────────────────────────

/** A piece of an excerpt: text, highlighted or not. */
export interface ExcerptPart {
  text: string;
  hit: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A run of text without whitespace that is (part of) a web address or a path. */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)|[a-z0-9-]+\.[a-z]{2,}\/|\/[\w.-]+\//i;

/**
 * Pagefind's excerpt as parts: `<mark>` marks a hit, everything else is text (entities decoded,
 * any other tag dropped, so nothing in an excerpt can become markup). A hit inside a web address
 * (`https://git.example.com/slot-service/…`) is shown as plain text: it is a match on a URL, not
 * on what the page says.
 */
export function excerptParts(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  for (const [index, piece] of html.split(/<mark>([\s\S]*?)<\/mark>/).entries()) {
    const text = decodeEntities(piece.replace(/<[^>]*>/g, ''));
    if (text) parts.push({ text, hit: index % 2 === 1 });
  }
  // The whitespace-free token around each hit decides whether it is part of an address.
  return parts
    .map((part, index) => {
      if (!part.hit) return part;
      const before = parts
        .slice(0, index)
        .map((p) => p.text)
        .join('');
      const after = parts
        .slice(index + 1)
        .map((p) => p.text)
        .join('');
      const token = `${/\S*$/.exec(before)![0]}${part.text}${/^\S*/.exec(after)![0]}`;
      return URL_LIKE.test(token) ? { text: part.text, hit: false } : part;
    })
    .reduce<ExcerptPart[]>((merged, part) => {
      const last = merged.at(-1);
      if (last && last.hit === part.hit) last.text += part.text;
      else merged.push({ ...part });
      return merged;
    }, []);
}

export interface Badge {
  text: string;
  tone: string;
  /** Read before the text by screen readers: "Severity: SEV1". */
  label: string;
}

/** What a result card shows, decided once for the page and the dialog. */
export interface ResultView {
  href: string;
  title: string;
  badges: Badge[];
  date?: string;
  summary?: string;
  /**
   * Only when there is a query (a filter-only search has no hits to quote), and then when the
   * entry has no summary or the excerpt has a hit that the title and summary do not show.
   */
  excerpt?: ExcerptPart[];
}

export function resultView(data: ResultData, labels: ResultLabels, options: { excerpt: boolean }): ResultView {
  const meta = data.meta ?? {};
  const badges: Badge[] = [];
  if (meta.type) badges.push({ text: labels.types[meta.type] ?? meta.type, tone: 'neutral', label: 'Type' });
  if (meta.severity) badges.push({ text: meta.severity, tone: labels.severities[meta.severity] ?? 'info', label: 'Severity' });
  if (meta.status)
    badges.push({
      text: labels.statuses[meta.status]?.label ?? meta.status,
      tone: labels.statuses[meta.status]?.tone ?? 'neutral',
      label: 'Status',
    });
  const title = meta.title || data.url;
  const summary = meta.summary || undefined;
  const excerpt = options.excerpt && data.excerpt ? excerptParts(data.excerpt) : undefined;
  // The card shows the title and summary already: an excerpt earns its place with a hit they lack.
  const shown = `${title} ${summary ?? ''}`.toLowerCase();
  // A hit is compared as a word: Pagefind's marks can carry punctuation ("slots.").
  const word = (text: string) => text.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const adds = excerpt?.some((part) => part.hit && !shown.includes(word(part.text)));
  // Without a summary the excerpt is the card's only text, so it stays.
  return {
    href: data.url,
    title,
    badges,
    date: meta.date || undefined,
    summary,
    excerpt: adds || (!summary && excerpt?.length) ? excerpt : undefined,
  };
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

/**
 * One result as a list item: a heading with the link, the badges and date, the summary and the
 * excerpt. `linkWraps` (the dialog) makes the whole card the link, so ↑/↓ move from card to card.
 */
export function renderResult(view: ResultView, options: { linkWraps?: boolean } = {}): HTMLLIElement {
  const item = element('li', 'search-result');
  const badges = element('p', 'search-result-meta');
  for (const badge of view.badges)
    badges.append(element('span', `badge tone-${badge.tone}`, element('span', 'visually-hidden', `${badge.label}: `), badge.text), ' ');
  if (view.date) {
    const time = element('time', undefined, view.date);
    time.dateTime = view.date;
    badges.append(time);
  }
  const parts: HTMLElement[] = [badges];
  if (view.summary) parts.push(element('p', 'search-result-summary', view.summary));
  if (view.excerpt)
    parts.push(
      element('p', 'search-result-excerpt', ...view.excerpt.map((part) => (part.hit ? element('mark', undefined, part.text) : part.text))),
    );
  const link = element('a');
  link.href = view.href;
  if (options.linkWraps) {
    link.className = 'quick-search-result';
    link.append(
      element('span', 'search-result-title', view.title),
      ...parts.map((part) => element('span', part.className, ...part.childNodes)),
    );
    item.append(link);
  } else {
    link.textContent = view.title;
    item.append(element('h3', undefined, link), ...parts);
  }
  return item;
}
