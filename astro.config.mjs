// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { almanac } from './src/integrations/almanac.ts';

// The site URL, audience, content folder and as-of instant come from almanac.yaml and the
// ALMANAC_* environment variables; the almanac integration applies them.
export default defineConfig({
  integrations: [almanac(), mdx()],
  trailingSlash: 'always',
  build: { format: 'directory' },
  prefetch: false,
  devToolbar: { enabled: false },
});
