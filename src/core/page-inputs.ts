/**
 * What a page shows, gathered before it renders: the layout's share (every page's header and
 * footer) and, for the pages that exist once per entry, that entry's share. Pages render from
 * these objects, and the same objects decide whether Astro's incremental build may reuse a
 * page's previous output (its `cacheKey`): a page whose inputs did not change renders the same.
 * So anything a page or its layout reads from the model belongs here, not in the page.
 */
import type { Model, PostmortemView, ReleaseView } from './model.ts';
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
