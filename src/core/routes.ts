/**
 * The routes of entry pages, in one place: every collection's entries live at
 * `/<collection>/<id>/`. Body links are resolved against these to find the entry they name.
 */
import { COLLECTIONS, type CollectionName } from './schemas/common.ts';

/** The page of an entry, e.g. `/postmortems/checkout-outage/`. */
export function entryPath(collection: CollectionName, id: string): string {
  return `/${collection}/${id}/`;
}

/** `/reviews/`: upcoming review sessions of both kinds. */
export const REVIEWS_PATH = '/reviews/';

/** `/reviews/<YYYY-MM-DD>/`: the pre-read pack of the sessions on that date. */
export function reviewPackPath(date: string): string {
  return `${REVIEWS_PATH}${date}/`;
}

/** `/teams/<id>/calendar.ics`: that team's due dates and review sessions. */
export function teamCalendarPath(teamId: string): string {
  return `${entryPath('teams', teamId)}calendar.ics`;
}

/** The JSON arrays of the content model, one per collection or list (src/outputs/api.ts builds them). */
export const API_NAMES = ['postmortems', 'slos', 'releases', 'prds', 'action-items', 'reviews'] as const;
export type ApiName = (typeof API_NAMES)[number];
/** The JSON outputs that are one object of figures rather than an array of entries. */
export const API_DOCUMENTS = ['dora', 'insights'] as const;
export type ApiDocument = (typeof API_DOCUMENTS)[number];

/** `/api/<name>.json`: one of the JSON outputs. */
export function apiPath(name: ApiName | ApiDocument): string {
  return `/api/${name}.json`;
}

/** An entry a link names: its collection, id, and whether it pointed at the source file. */
export interface LinkedEntry {
  collection: CollectionName;
  id: string;
  /** The link names the source file (`../postmortems/x.mdx`) rather than the page. */
  sourceFile: boolean;
}

const SOURCE_EXTENSION = /\.(?:mdx|md|ya?ml)$/;
/** A stand-in origin for resolving relative links; only the path of the result is read. */
const ORIGIN = 'https://almanac.invalid';

/**
 * The entry that a site-relative or relative link (`../postmortems/x/`, `/slos/y/#burn`)
 * names, resolved from the page of the entry that holds it; `undefined` for any other link.
 */
export function linkedEntry(url: string, from: { collection: CollectionName; id: string }): LinkedEntry | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url.startsWith('#')) return undefined;
  let path: string;
  try {
    path = new URL(url, ORIGIN + entryPath(from.collection, from.id)).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/([a-z]+)\/([^/]+)\/?$/.exec(path);
  if (!match || !(COLLECTIONS as readonly string[]).includes(match[1])) return undefined;
  const sourceFile = SOURCE_EXTENSION.test(match[2]);
  return { collection: match[1] as CollectionName, id: decodeURIComponent(match[2].replace(SOURCE_EXTENSION, '')), sourceFile };
}

const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Why a link target may not stand in a body, or `undefined` when it may: `http(s)`, `mailto:`,
 * relative paths and `#fragments` only. Browsers ignore tabs, newlines and leading spaces inside a
 * scheme (`java\tscript:`), so those are removed before the scheme is read.
 */
export function explainLinkTarget(url: string): string | undefined {
  const normalized = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(normalized)?.[1]?.toLowerCase();
  if (scheme === undefined || ALLOWED_SCHEMES.has(scheme)) return undefined;
  return `"${scheme}:" links are not allowed in a body; use an https:// or mailto: link, a relative path such as ../postmortems/<id>/, or a #fragment`;
}

/**
 * A test for links from the entry `from` that name an entry in `hidden` (`<collection>/<id>` of
 * entries this build does not publish): those links are rendered as their text.
 */
export function linksToHidden(from: { collection: CollectionName; id: string }, hidden: ReadonlySet<string>): (url: string) => boolean {
  return (url) => {
    const target = linkedEntry(url, from);
    return target !== undefined && hidden.has(`${target.collection}/${target.id}`);
  };
}

/** A section of the site: its list page, its name, and where it is listed. */
export interface Section {
  /** The name `sectionCardPath` takes (`home` for `/`). */
  key: string;
  path: string;
  /** The navigation label and the page title. */
  label: string;
  /** The title of its OG card, when it differs from the label. */
  cardTitle?: string;
  /** Listed in the header navigation. */
  nav: boolean;
}

/**
 * The section pages every build publishes, in navigation order: the header navigation, the
 * sitemap and the section OG cards are all read from this one table.
 */
export const SECTIONS: readonly Section[] = [
  { key: 'home', path: '/', label: 'Home', nav: false },
  { key: 'start', path: '/start/', label: 'Start here', cardTitle: 'Start here', nav: false },
  { key: 'postmortems', path: '/postmortems/', label: 'Postmortems', nav: true },
  { key: 'slos', path: '/slos/', label: 'SLOs', cardTitle: 'Service level objectives', nav: true },
  { key: 'releases', path: '/releases/', label: 'Releases', nav: true },
  { key: 'prds', path: '/prds/', label: 'PRDs', cardTitle: 'Product requirements', nav: true },
  { key: 'handbook', path: '/handbook/', label: 'Handbook', nav: true },
  { key: 'services', path: '/services/', label: 'Services', nav: true },
  { key: 'teams', path: '/teams/', label: 'Teams', nav: true },
  { key: 'tags', path: '/tags/', label: 'Tags', nav: true },
  { key: 'action-items', path: '/action-items/', label: 'Action items', nav: true },
  { key: 'insights', path: '/insights/', label: 'Insights', nav: true },
  { key: 'reviews', path: REVIEWS_PATH, label: 'Reviews', cardTitle: 'Review sessions', nav: false },
  // The header's search button is the way there (a plain link without JavaScript).
  { key: 'search', path: '/search/', label: 'Search', nav: false },
];

/** The sections in the header navigation. */
export function navSections(): Section[] {
  return SECTIONS.filter((section) => section.nav);
}

/** The section a path belongs to (the longest matching section path other than `/`). */
export function currentSection(path: string): Section | undefined {
  return SECTIONS.filter((section) => section.path !== '/' && path.startsWith(section.path)).sort(
    (a, b) => b.path.length - a.path.length,
  )[0];
}
