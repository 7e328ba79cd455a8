/**
 * The search page's behaviour (src/pages/search.astro): query, facets with counts, sort order and
 * paging, all kept in the URL. Labels, orders and status groups come from the page's
 * `#search-config` JSON, computed by `searchPageConfig` in src/core/search.ts.
 */
import type { SearchPageConfig } from '../core/search.ts';
import {
  SEARCH_RESULTS_MARK,
  loadSearchIndex,
  parseState,
  readJson,
  renderResult,
  resultView,
  searchNewestFirst,
  stateFilters,
  stateToSearch,
  sumCounts,
  type FilterCounts,
  type Filters,
  type Pagefind,
  type PagefindResponse,
  type PagefindResult,
  type SearchIndex,
  type SearchState,
} from './search-core.ts';

/**
 * Results per "page" of the list: each costs its fragment (2–3 KB) before the list shows, so ten,
 * as most search pages show, keep a first search on a 10,000-doc handbook under 300 KB.
 */
const PAGE_SIZE = 10;
/** Values a facet shows before "Show all N"; checked ones always show. */
const FACET_VISIBLE = 8;

const $ = <T extends HTMLElement>(id: string) => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`search page: #${id} is missing`);
  return element as T;
};
const config = readJson<SearchPageConfig>('search-config');
const form = $<HTMLFormElement>('search-form');
const input = $<HTMLInputElement>('search-input');
const sortSelect = $<HTMLSelectElement>('search-sort');
const facetsBox = $('search-facets');
const filtersToggle = $<HTMLButtonElement>('search-filters-toggle');
const statusBox = $('search-status');
const resultsList = $<HTMLOListElement>('search-results');
const moreButton = $<HTMLButtonElement>('search-more');
const unavailable = $('search-unavailable');

let state: SearchState = parseState(location.search, config.facets);
let allCounts: FilterCounts = {};
let searchId = 0;
let pending: PagefindResult[] = [];
let index: SearchIndex;
let pagefind: Pagefind;
/**
 * Pagefind downloads a facet's filter files only when a search filters by it, but counting the
 * values within the results needs them all (a few files per facet in every shard): they are
 * loaded once, after the first results are on screen, so the first search does not wait for them.
 */
let allFiltersLoaded: Promise<void> | undefined;
let allFiltersReady = false;
function loadAllFilters(): Promise<void> {
  allFiltersLoaded ??= pagefind.filters().then(
    () => {
      allFiltersReady = true;
    },
    (error: unknown) => {
      allFiltersLoaded = undefined;
      throw error;
    },
  );
  return allFiltersLoaded;
}

const selected = (facet: string) => state.selected[facet] ?? [];
const label = (facet: string, value: string) => config.values[facet as keyof SearchPageConfig['values']]?.[value] ?? value;
const rank = (order: readonly string[], value: string) => (order.includes(value) ? order.indexOf(value) : order.length);

function readState() {
  state = parseState(location.search, config.facets);
  input.value = state.query;
  sortSelect.value = state.sort;
}

function writeUrl() {
  state.query = input.value;
  state.sort = sortSelect.value === 'date' ? 'date' : '';
  const search = stateToSearch(state, config.facets);
  const url = `${location.pathname}${search ? `?${search}` : ''}`;
  if (url !== `${location.pathname}${location.search}`) history.replaceState(null, '', url);
}

function sortedValues(facet: string, values: string[]): string[] {
  if (facet === 'severity')
    return values.sort((a, b) => rank(config.severityOrder, a) - rank(config.severityOrder, b) || a.localeCompare(b));
  if (facet === 'year') return values.sort((a, b) => b.localeCompare(a));
  if (facet === 'type') return values.sort((a, b) => rank(config.typeOrder, a) - rank(config.typeOrder, b));
  return values.sort((a, b) => label(facet, a).localeCompare(label(facet, b)));
}

/** One checkbox; `collapsible` items past the first few wait behind "Show all N". */
function facetItem(facet: string, value: string, index: number, collapsible = true): HTMLLIElement {
  const item = document.createElement('li');
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.name = facet;
  box.value = value;
  box.id = `facet-${facet}-${index}`;
  box.checked = selected(facet).includes(value);
  const boxLabel = document.createElement('label');
  boxLabel.htmlFor = box.id;
  const text = document.createElement('span');
  text.textContent = label(facet, value);
  const count = document.createElement('span');
  count.className = 'facet-count';
  boxLabel.append(text, ' ', count);
  item.append(box, boxLabel);
  // Long lists (tags) show their first values; checked ones always show.
  if (collapsible && index >= FACET_VISIBLE) item.dataset.extra = '';
  return item;
}

/**
 * The status facet, one sub-list per group of types ("Postmortem", "PRD", "Postmortem or PRD"):
 * a status means something only next to the type it belongs to.
 */
function statusLists(values: Set<string>): HTMLElement[] {
  let index = 0;
  const groups = config.statusGroups.map((group) => ({ ...group, values: group.values.filter((value) => values.has(value)) }));
  const known = new Set(groups.flatMap((group) => group.values));
  const other = [...values].filter((value) => !known.has(value));
  if (other.length) groups.push({ label: 'Other', types: [], values: other });
  return groups
    .filter((group) => group.values.length)
    .map((group, groupIndex) => {
      const box = document.createElement('div');
      box.className = 'facet-group';
      box.dataset.types = group.types.join(' ');
      const heading = document.createElement('p');
      heading.className = 'facet-group-label';
      heading.id = `facet-status-group-${groupIndex}`;
      heading.textContent = group.label;
      const list = document.createElement('ul');
      list.setAttribute('aria-labelledby', heading.id);
      // Grouped, the statuses are short lists: all of them show, without "Show all".
      for (const value of sortedValues('status', group.values)) list.append(facetItem('status', value, index++, false));
      box.append(heading, list);
      return box;
    });
}

/** Builds one fieldset per facet that has values (all eight on a full handbook). */
function renderFacets() {
  const fieldsets: HTMLElement[] = [];
  for (const facet of config.facets) {
    const values = new Set([...Object.keys(allCounts[facet] ?? {}), ...selected(facet)]);
    if (values.size === 0) continue;
    const fieldset = document.createElement('fieldset');
    fieldset.className = 'search-facet';
    fieldset.dataset.facet = facet;
    const legend = document.createElement('legend');
    legend.textContent = config.facetLabels[facet] ?? facet;
    fieldset.append(legend);
    if (facet === 'status') {
      fieldset.append(...statusLists(values));
    } else {
      const list = document.createElement('ul');
      const ordered = sortedValues(facet, [...values]);
      ordered.forEach((value, index) => list.append(facetItem(facet, value, index)));
      fieldset.append(list);
      if (ordered.length > FACET_VISIBLE) {
        const toggle = document.createElement('button');
        toggle.type = 'button';
        toggle.className = 'facet-toggle';
        toggle.setAttribute('aria-expanded', 'false');
        toggle.textContent = `Show all ${ordered.length}`;
        toggle.addEventListener('click', () => {
          const expanded = toggle.getAttribute('aria-expanded') !== 'true';
          toggle.setAttribute('aria-expanded', String(expanded));
          toggle.textContent = expanded ? 'Show fewer' : `Show all ${ordered.length}`;
          updateVisibility();
        });
        fieldset.append(toggle);
      }
    }
    fieldsets.push(fieldset);
  }
  facetsBox.replaceChildren(...fieldsets);
  filtersToggle.hidden = fieldsets.length === 0;
  facetsBox.hidden = fieldsets.length === 0;
  updateVisibility();
}

/**
 * What the facets show: a long list its first values (and every checked one) until expanded;
 * the status groups of the checked types only, when types are checked.
 */
function updateVisibility() {
  for (const fieldset of facetsBox.querySelectorAll<HTMLElement>('.search-facet')) {
    const expanded = fieldset.querySelector('.facet-toggle')?.getAttribute('aria-expanded') === 'true';
    for (const item of fieldset.querySelectorAll<HTMLElement>('li[data-extra]')) {
      item.hidden = !expanded && !item.querySelector<HTMLInputElement>('input')?.checked;
    }
  }
  const types = selected('type');
  for (const group of facetsBox.querySelectorAll<HTMLElement>('.facet-group')) {
    const groupTypes = (group.dataset.types ?? '').split(' ').filter(Boolean);
    const checked = group.querySelector('input:checked') !== null;
    group.hidden = types.length > 0 && !checked && groupTypes.length > 0 && !groupTypes.some((type) => types.includes(type));
  }
  const count = Object.values(state.selected).reduce((sum, values) => sum + values.length, 0);
  filtersToggle.querySelector('.filters-count')!.textContent = count ? ` (${count})` : '';
}

/** Counts next to each value: within the current results when searching, else over the index. */
function updateCounts(counts: FilterCounts) {
  for (const box of facetsBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
    const count = counts[box.name]?.[box.value] ?? 0;
    const span = box.parentElement?.querySelector('.facet-count');
    if (span) span.textContent = `(${count})`;
    box.closest('li')?.classList.toggle('facet-empty', count === 0 && !box.checked);
  }
}

function showUnavailable(error: unknown) {
  unavailable.hidden = false;
  facetsBox.hidden = true;
  filtersToggle.hidden = true;
  moreButton.hidden = true;
  resultsList.replaceChildren();
  statusBox.textContent = 'Search is not available: this site has no search index.';
  console.info('Almanac search: no Pagefind index', error);
}

/** Loads the next page of result data; returns the number added, or undefined if superseded. */
async function showMore(id: number): Promise<number | undefined> {
  const batch = pending.slice(0, PAGE_SIZE);
  pending = pending.slice(PAGE_SIZE);
  const entries = await Promise.all(batch.map((result) => result.data()));
  if (id !== searchId) return undefined;
  const excerpt = input.value.trim() !== '';
  resultsList.append(...entries.map((entry) => renderResult(resultView(entry, config, { excerpt }))));
  moreButton.hidden = pending.length === 0;
  return entries.length;
}

function describe(total: number, query: string): string {
  const filters = config.facets.flatMap((facet) => {
    const values = selected(facet);
    return values.length ? [`${config.facetLabels[facet]}: ${values.map((value) => label(facet, value)).join(' or ')}`] : [];
  });
  const what = `${total} ${total === 1 ? 'result' : 'results'}`;
  return `${what}${query ? ` for “${query}”` : ''}${filters.length ? `, filtered by ${filters.join('; ')}` : ''}.`;
}

/**
 * Counts per facet value. Values of one facet are alternatives, so a checked facet's counts
 * come from the search without that facet (what checking one more value would add); the other
 * facets' counts are those of the current results. Undefined when a newer search started.
 */
async function facetCounts(query: string, filters: Filters, response: PagefindResponse): Promise<FilterCounts | undefined> {
  const id = searchId;
  const counts: FilterCounts = { ...(response.filters ?? {}) };
  for (const facet of Object.keys(filters)) {
    const others = { ...filters };
    delete others[facet];
    if (!query && Object.keys(others).length === 0) {
      counts[facet] = allCounts[facet] ?? {};
      continue;
    }
    const without = await pagefind.search(query || null, { filters: others });
    if (id !== searchId) return undefined;
    if (without?.filters?.[facet]) counts[facet] = without.filters[facet];
  }
  return counts;
}

/** Shows that the counts are those of the whole index (no search) or of the current results. */
function countsReady(counts: FilterCounts) {
  updateCounts(counts);
  facetsBox.removeAttribute('aria-busy');
  facetsBox.dataset.counts = 'ready';
}

/**
 * The counts within a search's results, once every filter file is in. The results are on screen
 * already: if the counts cannot be had, the counts are hidden and the results stay.
 */
async function showCounts(
  id: number,
  query: string,
  filters: Filters,
  first: PagefindResponse,
  search: () => Promise<PagefindResponse | null>,
): Promise<void> {
  try {
    let response: PagefindResponse | null = first;
    if (!allFiltersReady) {
      await loadAllFilters();
      if (id !== searchId) return;
      // The first response's counts covered only the filter files loaded before it; now all are.
      response = await search();
      if (id !== searchId || !response) return;
    }
    const counts = await facetCounts(query, filters, response);
    if (counts === undefined) return;
    countsReady(counts);
  } catch (error) {
    if (id !== searchId) return;
    // Counts of another search would mislead: the page hides them (search.astro).
    facetsBox.removeAttribute('aria-busy');
    facetsBox.dataset.counts = 'unavailable';
    console.warn('Almanac search: the facet counts could not be loaded', error);
  }
}

async function run() {
  const id = ++searchId;
  writeUrl();
  updateVisibility();
  const query = input.value.trim();
  const filters = stateFilters(state);
  if (!query && Object.keys(filters).length === 0) {
    pending = [];
    resultsList.replaceChildren();
    moreButton.hidden = true;
    statusBox.textContent = '';
    countsReady(allCounts);
    return;
  }
  resultsList.setAttribute('aria-busy', 'true');
  facetsBox.setAttribute('aria-busy', 'true');
  facetsBox.dataset.counts = 'pending';
  // Newest first needs the shards one by one (see searchNewestFirst); relevance is one merged search.
  const search = () =>
    state.sort === 'date' ? searchNewestFirst(index, query || null, filters) : pagefind.search(query || null, { filters });
  try {
    const response = await search();
    if (id !== searchId) return;
    if (!response || !Array.isArray(response.results)) throw new Error('Pagefind returned no results list');
    pending = response.results;
    resultsList.replaceChildren();
    const shown = await showMore(id);
    if (shown === undefined) return;
    statusBox.textContent = describe(response.results.length, query);
    resultsList.removeAttribute('aria-busy');
    performance.mark(SEARCH_RESULTS_MARK);
    await showCounts(id, query, filters, response, search);
  } catch (error) {
    if (id !== searchId) return;
    statusBox.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}`;
    console.error('Almanac search failed', error);
  } finally {
    if (id === searchId) resultsList.removeAttribute('aria-busy');
  }
}

let typingTimer: ReturnType<typeof setTimeout> | undefined;
function schedule(delay: number) {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => void run(), delay);
}

/** On a phone the facets sit behind "Filters (n)"; on a wide screen the button is not shown and they always are. */
function wireFiltersToggle() {
  filtersToggle.addEventListener('click', () => {
    const expanded = filtersToggle.getAttribute('aria-expanded') !== 'true';
    filtersToggle.setAttribute('aria-expanded', String(expanded));
    facetsBox.classList.toggle('collapsed', !expanded);
    if (expanded) facetsBox.querySelector<HTMLInputElement>('input')?.focus();
  });
}

async function start() {
  readState();
  if (!unavailable.hidden) return; // astro dev: said so in the page already
  try {
    index = await loadSearchIndex();
    pagefind = index.pagefind;
    // Counted by the build from the pages each shard indexed (src/core/search-shards.ts).
    allCounts = sumCounts(index.shards.map((shard) => shard.filters));
  } catch (error) {
    showUnavailable(error);
    return;
  }
  renderFacets();
  updateCounts(allCounts);
  wireFiltersToggle();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    void run();
  });
  input.addEventListener('input', () => schedule(200));
  sortSelect.addEventListener('change', () => void run());
  facetsBox.addEventListener('change', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return;
    const values = selected(box.name).filter((value) => value !== box.value);
    state.selected[box.name] = box.checked ? [...values, box.value] : values;
    void run();
  });
  moreButton.addEventListener('click', async () => {
    const first = resultsList.children.length;
    const added = await showMore(searchId);
    // Move focus to the first new result so keyboard users continue where the list grew.
    if (added) resultsList.children[first]?.querySelector('a')?.focus();
  });
  await run();
}

void start();
