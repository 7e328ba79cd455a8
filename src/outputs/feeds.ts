/**
 * RSS 2.0 feeds: `/feeds/postmortems.xml` (published postmortems) and `/feeds/releases.xml`.
 * Pure: model in, XML string out. Characters XML 1.0 forbids are dropped and every value is
 * XML-escaped. Titles are plain text (escaped once). Descriptions are HTML, as RSS readers take
 * them: the text is HTML-escaped first and the HTML then XML-escaped, so a `<script>` in a
 * summary reaches the reader as the visible characters, never as markup.
 */
import { escapeHtml } from '../core/html.ts';
import { escapeXml } from '../core/xml.ts';
import type { Model, PostmortemView, ReleaseView } from '../core/model.ts';
import { humanize, severityLabel } from '../core/presentation.ts';
import { dayStart, instant } from '../core/time.ts';

export const POSTMORTEM_FEED_PATH = '/feeds/postmortems.xml';
export const RELEASE_FEED_PATH = '/feeds/releases.xml';

export interface FeedItem {
  title: string;
  /** Absolute URL; also the permalink guid. */
  link: string;
  /** HTML (already escaped where it holds text). */
  descriptionHtml: string;
  /** Epoch ms. */
  published: number;
  categories: string[];
}

export interface Feed {
  title: string;
  /** Absolute URL of the HTML page the feed mirrors. */
  link: string;
  /** Absolute URL of the feed itself. */
  self: string;
  description: string;
  /** Epoch ms: the as-of instant, so equal content gives an equal feed. */
  updated: number;
  items: FeedItem[];
}

/** RFC 822 date, as RSS 2.0 wants it: `Mon, 02 Mar 2026 09:14:00 GMT`. */
export function rfc822(ms: number): string {
  return new Date(ms).toUTCString();
}

/** When a postmortem was published: its review date, else when the incident was resolved. */
export function postmortemPublished(view: PostmortemView): number {
  if (view.data.reviewedAt) return dayStart(view.data.reviewedAt);
  if (view.data.timeline.resolved) return instant(view.data.timeline.resolved);
  return instant(view.data.timeline.started);
}

const newestFirst = (a: FeedItem, b: FeedItem) => b.published - a.published || a.link.localeCompare(b.link);

/** The published postmortems of the model (already filtered for the audience), newest first. */
export function postmortemFeedData(model: Model): Feed {
  const { site, config } = model;
  const items = model.postmortems
    .filter((view) => view.data.status === 'published')
    .map((view) => ({
      title: view.title,
      link: `${site.url}${view.url}`,
      descriptionHtml: escapeHtml(view.data.summary),
      published: postmortemPublished(view),
      categories: [
        `${view.severity} (${severityLabel(config, view.severity)})`,
        ...view.services.flatMap((ref) => (ref.visible ? [ref.title] : [])),
        ...view.tags,
      ],
    }))
    .sort(newestFirst);
  return {
    title: `${site.name}: postmortems`,
    link: `${site.url}/postmortems/`,
    self: `${site.url}${POSTMORTEM_FEED_PATH}`,
    description: `Published incident reviews from ${site.name}.`,
    updated: site.now,
    items,
  };
}

/** `<p>4.12.0 on train 2026-11-a: shipped.</p><ul><li>Added: …</li></ul>`, every text escaped. */
function releaseDescriptionHtml(view: ReleaseView): string {
  const data = view.data;
  const head = `<p>${escapeHtml(`${data.version} on train ${data.train}: ${humanize(data.status).toLowerCase()} (${data.date}).`)}</p>`;
  if (data.changes.length === 0) return head;
  const changes = data.changes.map(
    (change) => `<li>${escapeHtml(`${humanize(change.type)}${change.breaking ? ' (breaking)' : ''}: ${change.summary}`)}</li>`,
  );
  return `${head}<ul>${changes.join('')}</ul>`;
}

/** The releases of the model, newest first. */
export function releaseFeedData(model: Model): Feed {
  const { site } = model;
  const items = model.releases
    .map((view) => ({
      title: view.title === view.data.version ? view.title : `${view.title} (${view.data.version})`,
      link: `${site.url}${view.url}`,
      descriptionHtml: releaseDescriptionHtml(view),
      published: dayStart(view.data.date),
      categories: [
        humanize(view.data.status),
        `Train ${view.data.train}`,
        ...view.services.flatMap((ref) => (ref.visible ? [ref.title] : [])),
      ],
    }))
    .sort(newestFirst);
  return {
    title: `${site.name}: releases`,
    link: `${site.url}/releases/`,
    self: `${site.url}${RELEASE_FEED_PATH}`,
    description: `Release notes from ${site.name}.`,
    updated: site.now,
    items,
  };
}

/** Serialises a feed as RSS 2.0 (with an Atom self link, as validators ask). */
export function rss(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(feed.title)}</title>`,
    `<link>${escapeXml(feed.link)}</link>`,
    `<description>${escapeXml(escapeHtml(feed.description))}</description>`,
    `<atom:link href="${escapeXml(feed.self)}" rel="self" type="application/rss+xml"/>`,
    '<language>en</language>',
    `<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>`,
    '<generator>Almanac</generator>',
  ];
  for (const item of feed.items) {
    lines.push(
      '<item>',
      `<title>${escapeXml(item.title)}</title>`,
      `<link>${escapeXml(item.link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(item.link)}</guid>`,
      `<pubDate>${rfc822(item.published)}</pubDate>`,
      `<description>${escapeXml(item.descriptionHtml)}</description>`,
      ...[...new Set(item.categories)].map((category) => `<category>${escapeXml(category)}</category>`),
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}

export function postmortemFeed(model: Model): string {
  return rss(postmortemFeedData(model));
}

export function releaseFeed(model: Model): string {
  return rss(releaseFeedData(model));
}
