/**
 * Quick search: the dialog the header button, `/` and Ctrl/⌘-K open. Loaded on first use by
 * quick-search-loader.ts, so no page pays for it until a reader asks for search; it loads
 * Pagefind's runtime on the first open.
 *
 * Keys: type to search, ↓/↑ move through the results, Enter opens the highlighted result (the
 * first one from the search box), Escape closes, and focus returns where it was.
 */
import type { ResultLabels } from '../core/search.ts';
import { loadSearchIndex, renderResult, resultView, type ResultData } from './search-core.ts';

const MAX_RESULTS = 8;
const UNAVAILABLE =
  'Search is not available here: this site has no search index. Search works on a built site: run npm run build && npm run preview.';

interface Dialog {
  element: HTMLDialogElement;
  input: HTMLInputElement;
  list: HTMLUListElement;
  status: HTMLElement;
  allLink: HTMLAnchorElement;
}

let dialog: Dialog | undefined;
let returnFocus: Element | null = null;
let labels: ResultLabels = { types: {}, severities: {}, statuses: {} };
let searchId = 0;
/** Set in `astro dev` (the button's `data-no-index`): there is no index to request. */
let noIndex = false;

function pagefind() {
  return noIndex ? Promise.reject(new Error('astro dev: no search index')) : loadSearchIndex().then((index) => index.pagefind);
}

function build(): Dialog {
  const element = document.createElement('dialog');
  element.className = 'quick-search';
  element.setAttribute('aria-labelledby', 'quick-search-title');
  // Static markup only: every result is built node by node in search-core.ts.
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
  const parts: Dialog = {
    element,
    input: element.querySelector('input')!,
    list: element.querySelector('ul')!,
    status: element.querySelector<HTMLElement>('[role=status]')!,
    allLink: element.querySelector<HTMLAnchorElement>('.quick-search-footer a')!,
  };
  const { input, list, allLink } = parts;

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
      move(parts, event.key === 'ArrowDown' ? 1 : -1);
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) first.click();
    else if (input.value.trim()) location.href = allLink.href;
  });
  input.addEventListener('input', () => void search(parts));
  element.addEventListener('close', () => {
    const target =
      returnFocus instanceof HTMLElement && returnFocus.isConnected ? returnFocus : document.getElementById('quick-search-open');
    target?.focus();
  });
  return parts;
}

/** Moves focus through [input, ...result links]. */
function move({ input, list }: Dialog, step: number) {
  const stops: HTMLElement[] = [input, ...list.querySelectorAll('a')];
  const at = stops.indexOf(document.activeElement as HTMLElement);
  stops[Math.max(0, Math.min(stops.length - 1, at + step))]?.focus();
}

const failure = (error: unknown) => `Search failed: ${error instanceof Error ? error.message : String(error)}`;

async function search(parts: Dialog) {
  const { input, list, status, allLink } = parts;
  const id = ++searchId;
  const query = input.value.trim();
  allLink.href = query ? `/search/?q=${encodeURIComponent(query)}` : '/search/';
  if (!query) {
    list.replaceChildren();
    status.textContent = '';
    return;
  }
  let runtime;
  try {
    runtime = await pagefind();
  } catch {
    if (id === searchId) status.textContent = UNAVAILABLE;
    return;
  }
  // Our own debounce rather than Pagefind's debouncedSearch, which preloads index chunks for every
  // keystroke's prefix: waiting for a pause downloads only the chunks of the word typed.
  await new Promise((resolve) => setTimeout(resolve, 150));
  if (id !== searchId) return;
  let entries: ResultData[];
  let total: number;
  try {
    const response = await runtime.search(query);
    if (id !== searchId) return;
    if (!response || !Array.isArray(response.results)) throw new Error('Pagefind returned no results list.');
    total = response.results.length;
    entries = await Promise.all(response.results.slice(0, MAX_RESULTS).map((result) => result.data()));
  } catch (error) {
    if (id === searchId) status.textContent = failure(error);
    return;
  }
  // A newer keystroke superseded this search.
  if (id !== searchId) return;
  list.replaceChildren(...entries.map((entry) => renderResult(resultView(entry, labels, { excerpt: false }), { linkWraps: true })));
  status.textContent =
    total === 0
      ? `No results for “${query}”.`
      : `${total} ${total === 1 ? 'result' : 'results'} for “${query}”${total > entries.length ? `, showing the first ${entries.length}` : ''}.`;
}

/** Opens the dialog (idempotent); `opener` is the header button, carrying `data-labels` and `data-no-index`. */
export function open(opener: HTMLElement | null): void {
  if (opener?.dataset.labels) labels = JSON.parse(opener.dataset.labels) as ResultLabels;
  noIndex = opener?.dataset.noIndex !== undefined;
  dialog ??= build();
  if (!dialog.element.open) {
    returnFocus = document.activeElement;
    dialog.element.showModal();
  }
  dialog.input.focus();
  dialog.input.select();
  // Start fetching Pagefind's runtime while the reader types.
  const status = dialog.status;
  pagefind().catch(() => {
    status.textContent = UNAVAILABLE;
  });
}
