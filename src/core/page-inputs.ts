/**
 * What a page shows, gathered before it renders: the layout's share (every page's header and
 * footer) and, for the pages that exist once per entry, that entry's share. Pages render from
 * these objects, and the same objects decide whether Astro's incremental build may reuse a
 * page's previous output (its `cacheKey`): a page whose inputs did not change renders the same.
 * So anything a page or its layout reads from the model belongs here, not in the page.
 */
import { formatMinutes } from './durations.ts';
import { cardPath, type AnyView, type Model, type PostmortemView, type ReleaseView } from './model.ts';
import { humanize, severityLabel, severityTone, statusTone } from './presentation.ts';
import { SECTIONS } from './routes.ts';
import { postmortemOrders } from './sorting.ts';
import { relatedIncidents } from './related.ts';
import { resultLabels, searchFacets } from './search.ts';
import { isoDate } from './time.ts';

/** What the layout (Base.astro and the quick-search button) shows. */
export function layoutInputs(model: Model) {
  const { now: _now, ...site } = model.site;
  return {
    // The layout shows the as-of date, never the time: a page built again later the same day
    // stays the same page.
    site: { ...site, asOf: isoDate(model.site.now) },
    config: model.config,
    labels: resultLabels(model),
  };
}

export type LayoutInputs = ReturnType<typeof layoutInputs>;

/** What a postmortem page shows besides the layout. */
export function postmortemPageInputs(model: Model, view: PostmortemView) {
  return {
    view,
    related: relatedIncidents(model, view),
    facets: searchFacets(view, model),
    hasReviewPack: model.reviews.some((session) => session.date === view.reviewSession),
  };
}

/**
 * What a page of the postmortem list shows besides the layout, in the sort order `orderKey`:
 * every row as it is shown, so that an edit no row shows (a postmortem's prose) leaves the list's
 * pages as they were, and a rebuild reuses them (at 10,000 postmortems each is 5 MB of HTML).
 */
export function postmortemListInputs(model: Model, orderKey: string) {
  const { config } = model;
  const orders = postmortemOrders(config);
  const order = orders.find((candidate) => candidate.key === orderKey);
  if (!order) throw new Error(`No sort order "${orderKey}" of the postmortems`);
  return {
    orders: orders.map(({ key, label }) => ({ key, label })),
    order: { key: order.key, label: order.label },
    rows: [...model.postmortems].sort(order.compare).map((view) => ({
      url: view.url,
      title: view.title,
      nearMiss: view.data.kind === 'near-miss',
      draft: view.draft,
      severity: { id: view.severity, tone: severityTone(config, view.severity), label: severityLabel(config, view.severity) },
      status: { tone: statusTone(view.data.status), label: humanize(view.data.status) },
      started: view.data.timeline.started,
      date: view.date,
      services: view.services,
      timeToMitigate: formatMinutes(view.durations.toMitigateMinutes),
    })),
  };
}

/** What a release page shows besides the layout. */
export function releasePageInputs(model: Model, view: ReleaseView) {
  return { view, facets: searchFacets(view, model) };
}

/**
 * The layout's props of an entry's own page: its title, the breadcrumb through its section, the
 * draft banner, its card, its source file and "last updated", and a place in the search index.
 */
export function entryPageProps(view: AnyView, description: string, title = view.title) {
  const section = SECTIONS.find((candidate) => candidate.key === view.collection);
  if (!section) throw new Error(`No section lists ${view.collection}`);
  return {
    title,
    description,
    breadcrumbs: [{ label: section.label, href: section.path }, { label: view.title }],
    draft: view.draft,
    ogImage: cardPath(view.collection, view.id),
    ogType: 'article' as const,
    file: view.file,
    lastModified: view.lastModified,
    searchable: true,
  };
}
