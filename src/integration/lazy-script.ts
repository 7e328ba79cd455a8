/**
 * Browser code fetched on first use, without Vite's preload helper. A dynamic `import()` of a
 * bundled module makes Vite add a 2 KB helper to the importing chunk; the quick-search loader is
 * what every page carries, so it would blow the page's JavaScript budget. Instead this plugin
 * emits the dialog (src/scripts/quick-search.ts) as its own chunk of the browser build and
 * serves its built URL as `virtual:almanac/quick-search-url`, which the loader imports by URL.
 * The chunk and its shared dependencies are still bundled, minified and content-hashed by Vite.
 *
 * The URL is written as rolldown's `import.meta.ROLLDOWN_FILE_URL_<ref>`: Astro's incremental
 * build hashes a page's scripts with that placeholder resolved to the chunk's hashed file name, so
 * a changed dialog makes every page render again instead of restoring pages that point at a chunk
 * the new build no longer has. (The older `ROLLUP_FILE_URL_` form works the same in the bundle but
 * is hashed unresolved.)
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const QUICK_SEARCH_URL_MODULE = 'virtual:almanac/quick-search-url';
const RESOLVED = `\0${QUICK_SEARCH_URL_MODULE}`;
const DIALOG = fileURLToPath(new URL('../scripts/quick-search.ts', import.meta.url));

export function lazyScriptPlugin(): Plugin {
  let reference: string | undefined;
  let building = false;
  return {
    name: 'almanac:lazy-script',
    configResolved(config) {
      building = config.command === 'build';
    },
    buildStart() {
      reference = undefined;
      if (building && this.environment?.name === 'client')
        reference = this.emitFile({ type: 'chunk', id: DIALOG, name: 'quick-search', preserveSignature: 'exports-only' });
    },
    resolveId(id) {
      return id === QUICK_SEARCH_URL_MODULE ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      // `astro dev` serves source modules: the dialog's own URL, through Vite's dev server.
      if (!reference) return `export default ${JSON.stringify(`/@fs/${DIALOG.replace(/\\/g, '/').replace(/^\//, '')}`)};`;
      return `export default import.meta.ROLLDOWN_FILE_URL_${reference};`;
    },
  };
}
