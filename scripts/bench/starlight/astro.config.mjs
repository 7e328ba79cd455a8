// The Starlight baseline of `npm run bench` (docs/performance.md): Starlight as it comes, on the
// bench's corpus. Only the title and the site's URL are set, both the generated handbook's (the
// bench passes them from its almanac.yaml; with the URL Starlight writes a sitemap, as Almanac
// does); everything else is Starlight's default: its Pagefind index, its sidebar generated from
// every doc. The bench writes the docs into src/content/docs/ (not in git) and passes --root,
// --outDir and --force; packages resolve from the repository's node_modules.
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: process.env.BENCH_SITE_URL || undefined,
  integrations: [starlight({ title: process.env.BENCH_SITE_TITLE || 'Starlight baseline' })],
});
