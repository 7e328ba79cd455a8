/**
 * What the search index knows about an entry: the facets (Pagefind filters) named in the content
 * model and the meta shown on a result card. Only visible entries ever reach this.
 */
import type { AnyView, Model } from './model.ts';

export const FACETS = ['type', 'severity', 'service', 'team', 'status', 'year', 'tag', 'kind'] as const;
export type Facet = (typeof FACETS)[number];

const TYPE: Record<AnyView['collection'], string> = {
  postmortems: 'postmortem',
  slos: 'slo',
  releases: 'release',
  prds: 'prd',
  handbook: 'handbook',
  services: 'service',
  teams: 'team',
};

export function searchType(view: AnyView): string {
  return TYPE[view.collection];
}

function visibleIds(refs: { visible: boolean; id?: string }[]): string[] {
  return refs.flatMap((ref) => (ref.visible && ref.id ? [ref.id] : []));
}

/**
 * The `status` facet value, also shown on the result card: the authored status, except for SLOs
 * (budget status: healthy, at-risk, exhausted) and handbook pages (current or stale).
 */
export function searchStatus(view: AnyView): string | undefined {
  switch (view.collection) {
    case 'postmortems':
    case 'releases':
    case 'prds':
      return view.data.status;
    case 'slos':
      return view.budget.status;
    case 'handbook':
      return view.stale ? 'stale' : 'current';
    default:
      return undefined;
  }
}

/** Facet values of an entry; values are ids (services, teams) or the authored value. */
export function searchFacets(view: AnyView, model: Model): Partial<Record<Facet, string[]>> {
  const facets: Partial<Record<Facet, string[]>> = { type: [searchType(view)] };
  const year = view.date?.slice(0, 4);
  if (year) facets.year = [year];
  if (view.tags.length) facets.tag = [...new Set(view.tags)];
  const status = searchStatus(view);
  if (status) facets.status = [status];
  const teamOfService = (id: string) => model.get('services', id)?.data.team;
  const addTeams = (ids: (string | undefined)[]) => {
    const visible = ids.filter((id): id is string => Boolean(id && model.get('teams', id)));
    if (visible.length) facets.team = [...new Set(visible)];
  };
  switch (view.collection) {
    case 'postmortems':
      facets.severity = [view.severity];
      facets.kind = [view.data.kind];
      facets.service = visibleIds(view.services);
      addTeams(view.data.services.map(teamOfService));
      break;
    case 'slos':
      facets.service = visibleIds([view.service]);
      addTeams([view.ownerId]);
      break;
    case 'releases':
      facets.service = visibleIds(view.services);
      addTeams(view.data.services.map(teamOfService));
      break;
    case 'prds':
      addTeams([view.data.owner]);
      break;
    case 'handbook':
      addTeams([view.data.owner]);
      break;
    case 'services':
      facets.service = [view.id];
      addTeams([view.data.team]);
      break;
    case 'teams':
      facets.team = [view.id];
      break;
  }
  for (const key of FACETS) if (facets[key]?.length === 0) delete facets[key];
  return facets;
}

/** Sort key of undated entries (teams, services, SLOs, handbook pages): last when sorting newest first. */
export const UNDATED = '0000-00-00';

/**
 * Pagefind sort keys. Every entry gets a `date`: Pagefind leaves a page without the sort key out
 * of sorted results altogether, so undated entries carry `UNDATED` and sort after dated ones.
 */
export function searchSort(view: AnyView): Record<'date', string> {
  return { date: view.date ?? UNDATED };
}

/** Meta for the result card: type, date, severity, summary. */
export function searchMeta(view: AnyView): Record<string, string> {
  const meta: Record<string, string> = { type: searchType(view) };
  if (view.date) meta.date = view.date;
  const data = view.data as { summary?: string; description?: string };
  const summary = data.summary ?? data.description;
  if (summary) meta.summary = summary;
  if (view.collection === 'postmortems') meta.severity = view.severity;
  const status = searchStatus(view);
  if (status) meta.status = status;
  return meta;
}
