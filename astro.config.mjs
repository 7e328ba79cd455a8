// @ts-check
import { defineConfig } from 'astro/config';
import { almanac } from './src/integration/almanac.ts';

// The site URL, audience, content folder and as-of instant come from almanac.yaml and the
// ALMANAC_* environment variables. The almanac integration adds MDX, the OG cards and the
// Pagefind index itself, in the order they must run.
export default defineConfig({
  integrations: [almanac()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  prefetch: false,
  devToolbar: { enabled: false },
  vite: {
    environments: {
      // The browser bundle's only dynamic import is quick search's dialog, fetched on first use;
      // Vite's preload helper would add 2 KB to the loader every page carries to save one round trip.
      client: { build: { modulePreload: false } },
    },
    build: {
      rolldownOptions: {
        // Astro's MDX modules carry a "use astro:head-inject" directive that rolldown warns about
        // once per file (withastro/astro#18087, harmless); every other warning still shows.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
