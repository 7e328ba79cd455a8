/**
 * The part of quick search every page carries: it wires the header button, `/` (outside text
 * fields) and Ctrl/⌘-K, and imports the dialog (quick-search.ts, its own chunk) on first use.
 * On the search page `/` focuses that page's own search box instead. Kept tiny on purpose: it is
 * most of the JavaScript a content page loads up front.
 */
import dialogUrl from 'virtual:almanac/quick-search-url';

const button = document.getElementById('quick-search-open') as HTMLAnchorElement | null;
let dialog: Promise<typeof import('./quick-search.ts')> | undefined;

function open(event: Event) {
  event.preventDefault();
  // By URL (see src/integration/lazy-script.ts): no preload helper in the code every page carries.
  dialog ??= import(/* @vite-ignore */ dialogUrl) as Promise<typeof import('./quick-search.ts')>;
  dialog.then(
    (module) => module.open(button),
    () => {
      // The chunk did not load (offline, a deploy in between): the full search page still works.
      dialog = undefined;
      if (button) location.href = button.href;
    },
  );
}

button?.addEventListener('click', (event) => {
  if (!(event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) open(event);
});
addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.defaultPrevented || event.isComposing || event.altKey) return;
  if ((event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey)) open(event);
  else if (
    event.key === '/' &&
    !event.ctrlKey &&
    !event.metaKey &&
    !target.isContentEditable &&
    !/^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName)
  ) {
    const field = document.getElementById('search-input');
    event.preventDefault();
    if (field) field.focus();
    else open(event);
  }
});
