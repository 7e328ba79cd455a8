/**
 * The almanac integration's Vite plugin: it serves the build context to Astro's module graph
 * (`virtual:almanac/context`), rewrites every MDX body of the content folder before the MDX
 * compiler sees it (code blanked out, links to unpublished entries reduced to text), and in
 * `astro dev` re-validates on every content edit and answers page requests with the list of
 * problems while any error exists.
 */
import type { AstroIntegrationLogger } from 'astro';
import { relative, sep } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { rewriteBody } from '../validation/mdx.ts';
import { linksToHidden } from '../core/routes.ts';
import { COLLECTIONS, type CollectionName } from '../core/schemas/common.ts';
import { logProblems, type BuildContext } from './context.ts';
import { problemSummary } from '../core/problems.ts';
import { problemPage } from './problem-page.ts';
import { CONTEXT_MODULE } from './published.ts';

const RESOLVED_CONTEXT_MODULE = `\0${CONTEXT_MODULE}`;

/** The collection and id of a file of the content folder, or undefined for any other file. */
function entryOfFile(contentDir: string, file: string): { collection: CollectionName; id: string } | undefined {
  const path = relative(contentDir, file).split(sep);
  if (path.length !== 2 || path[0].startsWith('..')) return undefined;
  const [collection, name] = path;
  if (!(COLLECTIONS as readonly string[]).includes(collection)) return undefined;
  return { collection: collection as CollectionName, id: name.replace(/\.[^.]+$/, '') };
}

export function almanacVitePlugin(context: BuildContext, logger: AstroIntegrationLogger): Plugin {
  const { contentDir } = context.environment;
  let hidden: Set<string> | undefined;
  const published = () => context.published();
  return {
    name: 'almanac',
    // Before @astrojs/mdx, so the MDX compiler only ever sees the rewritten body.
    enforce: 'pre',
    resolveId(id) {
      return id === CONTEXT_MODULE ? RESOLVED_CONTEXT_MODULE : undefined;
    },
    load(id) {
      if (id !== RESOLVED_CONTEXT_MODULE) return undefined;
      return `export const context = ${JSON.stringify(published())};`;
    },
    transform: {
      filter: { id: /\.mdx(?:\?.*)?$/ },
      handler(code, id) {
        const file = id.replace(/\?.*$/, '');
        const entry = entryOfFile(contentDir, file);
        if (!entry) return undefined;
        hidden ??= new Set(published().hidden);
        // The body is the part after the frontmatter; the frontmatter is never rewritten.
        const frontmatter = /^---[ \t]*\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(code);
        const offset = frontmatter ? frontmatter[0].length : 0;
        const allowCode = context.validation.config.mdx.allowCode && context.environment.audience === 'internal';
        const rewritten = rewriteBody(code, offset, { stripCode: !allowCode, isHiddenLink: linksToHidden(entry, hidden) });
        return rewritten === code ? undefined : { code: rewritten, map: null };
      },
    },
    configureServer(server: ViteDevServer) {
      const inContent = (file: string) => !relative(contentDir, file).startsWith('..');
      let timer: NodeJS.Timeout | undefined;
      const revalidate = () => {
        const started = performance.now();
        const { problems } = context.validate();
        context.publishModel();
        hidden = undefined;
        const took = `${Math.round(performance.now() - started)} ms`;
        if (problems.length) {
          logProblems(problems, logger);
          logger.info(`content: ${problemSummary(problems)} (checked in ${took})`);
        } else logger.info(`content: no problems (${context.validation.entries.length} entries, checked and modelled in ${took})`);
      };
      server.watcher.add(contentDir);
      server.watcher.on('all', (_event, file) => {
        if (!inContent(file)) return;
        // Editors write a file in several steps; one validation after the burst is enough. It
        // waits a little longer than the loaders (50 ms), so the changed entry reaches Astro's data
        // store first and the validation runs while the store waits to write itself out.
        clearTimeout(timer);
        timer = setTimeout(revalidate, 150);
      });
      // While the content has errors, every page shows them instead of stale or partial data.
      server.middlewares.use((request, response, next) => {
        const errors = context.errors;
        const accept = request.headers.accept ?? '';
        const url = request.url ?? '/';
        if (errors.length === 0 || !accept.includes('text/html') || /^\/(?:@|_astro\/|node_modules\/|__)/.test(url)) return next();
        response.statusCode = 500;
        response.setHeader('content-type', 'text/html; charset=utf-8');
        const { problems, parsed } = context.validation;
        const sources = new Map([...parsed].map(([file, source]) => [file, source.text]));
        response.end(problemPage(problems, sources));
      });
    },
  };
}
