/**
 * `/sitemap.xml`: every HTML page the build publishes for its audience — home, section lists (in
 * every sort order), every visible entry, tag pages, action items, insights, review sessions and their packs, and search — as absolute URLs, with
 * `lastmod` where git knows when the entry's file last changed. Pure: model in, XML out.
 */
import { escapeXml } from '../core/xml.ts';
import { tagUrl, type Model } from '../core/model.ts';
import { SECTIONS } from '../core/routes.ts';
import { postmortemOrders, prdOrders, releaseOrders, sloOrders } from '../core/sorting.ts';

export const SITEMAP_PATH = '/sitemap.xml';

/** The section pages every build publishes (the section table of `core/routes.ts`). */
export const SECTION_ROUTES: readonly string[] = SECTIONS.map((section) => section.path);

export interface SitemapEntry {
  /** Route, e.g. `/postmortems/<id>/`. */
  path: string;
  /** ISO datetime or date. */
  lastModified?: string;
}

/** The other sort orders of the list pages (`/postmortems/by/<key>/`; the first order is the section root). */
export function sortRoutes(model: Model): string[] {
  const lists: [string, { key: string }[]][] = [
    ['/postmortems/', postmortemOrders(model.config)],
    ['/slos/', sloOrders()],
    ['/releases/', releaseOrders()],
    ['/prds/', prdOrders()],
  ];
  return lists.flatMap(([base, orders]) => orders.slice(1).map((order) => `${base}by/${order.key}/`));
}

/** Every published HTML route, in a stable order (sections, sorted lists, entries, tags). */
export function publishedRoutes(model: Model): SitemapEntry[] {
  const entries: SitemapEntry[] = SECTION_ROUTES.map((path) => ({ path }));
  for (const path of sortRoutes(model)) entries.push({ path });
  for (const view of model.all()) entries.push({ path: view.url, lastModified: view.lastModified });
  for (const tag of model.tags) entries.push({ path: tagUrl(tag.label) });
  for (const session of model.reviews) entries.push({ path: session.url });
  const seen = new Set<string>();
  return entries.filter((entry) => !seen.has(entry.path) && seen.add(entry.path));
}

/** W3C datetime for `<lastmod>`: dates stay dates, datetimes become UTC. */
function lastmod(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sitemap(model: Model): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'];
  for (const entry of publishedRoutes(model)) {
    const modified = entry.lastModified && lastmod(entry.lastModified);
    lines.push(`<url><loc>${escapeXml(`${model.site.url}${entry.path}`)}</loc>${modified ? `<lastmod>${modified}</lastmod>` : ''}</url>`);
  }
  lines.push('</urlset>', '');
  return lines.join('\n');
}
