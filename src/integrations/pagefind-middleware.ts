/**
 * Hands every page Astro renders during `astro build` to the streaming search index (see
 * pagefind.ts). Outside a build there is no collector, and the middleware only passes through.
 */
import { defineMiddleware } from 'astro:middleware';
import { activeCollector } from './pagefind.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const collector = activeCollector();
  if (collector && context.isPrerendered && response.headers.get('content-type')?.includes('text/html')) {
    collector.add(context.url.pathname, await response.clone().text());
  }
  return response;
});
