/**
 * What a page shows, gathered before it renders: the layout's share (every page's header and
 * footer) and, for the pages that exist once per entry, that entry's share. Pages render from
 * these objects, and the same objects decide whether Astro's incremental build may reuse a
 * page's previous output (its `cacheKey`): a page whose inputs did not change renders the same.
 * So anything a page or its layout reads from the model belongs here, not in the page.
 */
import { cardPath, type AnyView, type Model, type PostmortemView, type ReleaseView } from './model.ts';
import { SECTIONS } from './routes.ts';
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
