// @ts-check
/**
 * Quick search: the dialog the header button, `/` and Ctrl/⌘-K open (see
 * src/components/QuickSearch.astro, whose inline loader imports this module on first use).
 * Plain JavaScript in public/ so no page pays for it until a reader asks for search; it loads
 * Pagefind's own runtime (`/pagefind/pagefind.js`, written by the build) on the first open.
 *
 * Keys: type to search, ↓/↑ move through the results, Enter opens the highlighted result (the
 * first one from the search box), Escape closes, and focus returns where it was.
 */

const PAGEFIND_URL = '/pagefind/pagefind.js';
const MAX_RESULTS = 8;
const TYPE_LABELS = /** @type {Record<string, string>} */ ({
  postmortem: 'Postmortem',
  slo: 'SLO',
  release: 'Release',
  prd: 'PRD',
  handbook: 'Handbook',
  service: 'Service',
  team: 'Team',
});
const UNAVAILABLE =
  'Search is not available here: this site has no search index. Search works on a built site: run npm run build && npm run preview.';

/** @type {HTMLDialogElement | undefined} */ let dialog;
/** @type {HTMLInputElement} */ let input;
/** @type {HTMLUListElement} */ let list;
/** @type {HTMLElement} */ let status;
/** @type {HTMLAnchorElement} */ let allLink;
/** @type {Element | null} */ let returnFocus = null;
/** @type {Promise<any> | undefined} */ let pagefindPromise;
/** @type {string[]} */ let severities = [];
let searchId = 0;
/** Set in `astro dev` (the button's `data-no-index`): there is no index to request. */
let noIndex = false;

/** Pagefind's runtime, once; rejects when the site has no index (e.g. `astro dev`). */
function loadPagefind() {
  if (noIndex) return Promise.reject(new Error('astro dev: no search index'));
  pagefindPromise ??= import(/* @vite-ignore */ PAGEFIND_URL).then(async (pagefind) => {
    if (typeof pagefind?.search !== 'function') throw new Error(`${PAGEFIND_URL} is not Pagefind's runtime`);
    await pagefind.options({ excerptLength: 16 });
    return pagefind;
  });
  pagefindPromise.catch(() => {
    pagefindPromise = undefined;
  });
  return pagefindPromise;
}

/** A badge like the site's own (global.css `.badge`). */
function badge(/** @type {string} */ text, /** @type {string} */ tone, /** @type {string} */ label) {
  const span = document.createElement('span');
  span.className = `badge tone-${tone}`;
  if (label) {
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = `${label}: `;
    span.append(hidden);
  }
  span.append(text);
  return span;
}

function severityTone(/** @type {string} */ severity) {
  const index = severities.indexOf(severity);
  return index === 0 ? 'bad' : index === 1 ? 'warn' : 'info';
}

function build() {
  const element = document.createElement('dialog');
  element.className = 'quick-search';
  element.setAttribute('aria-labelledby', 'quick-search-title');
  element.innerHTML = `
    <div class="quick-search-bar">
      <h2 id="quick-search-title" class="visually-hidden">Quick search</h2>
      <label for="quick-search-input" class="visually-hidden">Search the handbook</label>
      <input id="quick-search-input" type="text" inputmode="search" autocomplete="off" spellcheck="false" placeholder="Search the handbook" aria-describedby="quick-search-status" aria-controls="quick-search-results" />
      <button type="button" class="quick-search-close">Close <kbd aria-hidden="true">Esc</kbd></button>
    </div>
    <p id="quick-search-status" class="quick-search-status" role="status" aria-live="polite" aria-atomic="true"></p>
    <ul id="quick-search-results" class="quick-search-results" aria-label="Results"></ul>
    <p class="quick-search-footer"><a href="/search/">All results, with filters</a> <span aria-hidden="true">· ↑↓ to move · Enter to open · Esc to close</span></p>`;
  document.body.append(element);
  input = /** @type {HTMLInputElement} */ (element.querySelector('input'));
  list = /** @type {HTMLUListElement} */ (element.querySelector('ul'));
  status = /** @type {HTMLElement} */ (element.querySelector('[role=status]'));
  allLink = /** @type {HTMLAnchorElement} */ (element.querySelector('.quick-search-footer a'));

  element.querySelector('.quick-search-close')?.addEventListener('click', () => element.close());
  // A click on the backdrop (outside the panel) closes.
  element.addEventListener('click', (event) => {
    if (event.target === element) element.close();
  });
  element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      element.close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) first.click();
    else if (input.value.trim()) location.href = allLink.href;
  });
  input.addEventListener('input', () => void search());
  element.addEventListener('close', () => {
    const target = returnFocus instanceof HTMLElement && returnFocus.isConnected ? returnFocus : document.getElementById('quick-search-open');
    target?.focus();
  });
  return element;
}

/** Moves focus through [input, ...result links]. */
function move(/** @type {number} */ step) {
  const stops = [input, ...list.querySelectorAll('a')];
  const at = stops.indexOf(/** @type {any} */ (document.activeElement));
  const next = stops[Math.max(0, Math.min(stops.length - 1, at + step))];
  next?.focus();
}

async function search() {
  const id = ++searchId;
  const query = input.value.trim();
  allLink.href = query ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
  if (!query) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let pagefind;
  try {
    pagefind = await loadPagefind();
  } catch {
    if (id === searchId) status.textContent = UNAVAILABLE;
    return;
  }
  // Our own debounce rather than Pagefind's debouncedSearch, which preloads index chunks for every
  // keystroke's prefix: waiting for a pause downloads only the chunks of the word typed.
  await new Promise((resolve) => setTimeout(resolve, 150));
  if (id !== searchId) return;
  let response;
  try {
    response = await pagefind.search(query);
  } catch (error) {
    if (id === searchId) status.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  // A newer keystroke superseded this search.
  if (id !== searchId) return;
  if (!response || !Array.isArray(response.results)) {
    status.textContent = 'Search failed: Pagefind returned no results list.';
    return;
  }
  const shown = response.results.slice(0, MAX_RESULTS);
  let entries;
  try {
    entries = await Promise.all(shown.map((/** @type {any} */ result) => result.data()));
  } catch (error) {
    if (id === searchId) status.textContent = `Search failed: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  if (id !== searchId) return;
  list.replaceChildren(...entries.map(renderResult));
  const total = response.results.length;
  status.textContent =
    total === 0
      ? `No results for “${query}”.`
      : `${total} ${total === 1 ? 'result' : 'results'} for “${query}”${total > shown.length ? `, showing the first ${shown.length}` : ''}.`;
}

function renderResult(/** @type {any} */ entry) {
  const meta = entry?.meta ?? {};
  const item = document.createElement('li');
  const link = document.createElement('a');
  link.href = entry.url;
  link.className = 'quick-search-result';
  const title = document.createElement('span');
  title.className = 'quick-search-result-title';
  title.textContent = meta.title || entry.url;
  const badges = document.createElement('span');
  badges.className = 'quick-search-result-meta';
  if (meta.type) badges.append(badge(TYPE_LABELS[meta.type] ?? meta.type, 'neutral', 'Type'), ' ');
  if (meta.severity) badges.append(badge(meta.severity, severityTone(meta.severity), 'Severity'), ' ');
  if (meta.date) {
    const time = document.createElement('time');
    time.dateTime = meta.date;
    time.textContent = meta.date;
    badges.append(time);
  }
  link.append(title, badges);
  if (meta.summary) {
    const summary = document.createElement('span');
    summary.className = 'quick-search-result-summary';
    summary.textContent = meta.summary;
    link.append(summary);
  }
  item.append(link);
  return item;
}

/** Opens the dialog (idempotent); `opener` is the header button, carrying `data-severities`. */
export function open(/** @type {HTMLElement | null} */ opener) {
  severities = (opener?.dataset.severities ?? '').split(' ').filter(Boolean);
  noIndex = opener?.dataset.noIndex !== undefined;
  dialog ??= build();
  if (!dialog.open) {
    returnFocus = document.activeElement;
    dialog.showModal();
  }
  input.focus();
  input.select();
  // Start fetching Pagefind's runtime while the reader types.
  loadPagefind().catch(() => {
    status.textContent = UNAVAILABLE;
  });
}
