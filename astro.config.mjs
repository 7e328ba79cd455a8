// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { almanac } from './src/integrations/almanac.ts';
import { pagefindSearch } from './src/integrations/pagefind.ts';
import { ogCards } from './src/integrations/og-cards.ts';

// The site URL, audience, content folder and as-of instant come from almanac.yaml and the
// ALMANAC_* environment variables; the almanac integration applies them.
// Order matters: almanac validates first (the others read its result), and the OG cards finish
// (their child process exits, its memory freed) before Pagefind starts, so the two never add up
// to the build's peak memory (issue 8).
export default defineConfig({
  integrations: [almanac(), mdx(), ogCards(), pagefindSearch()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  prefetch: false,
  devToolbar: { enabled: false },
  vite: {
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
