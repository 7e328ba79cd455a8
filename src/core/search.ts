/**
 * What the search index knows about an entry: the facets (Pagefind filters) named in the content
 * model and the meta shown on a result card. Only visible entries ever reach this.
 */
import type { AnyView, Model } from './model.ts';
import { UNDATED } from './search-shards.ts';
import { collectionLabel, humanize, severityLabel, severityTone, statusTone, type Tone } from './presentation.ts';

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

/** The search types in the order the type facet lists them. */
export const SEARCH_TYPES: readonly string[] = Object.values(TYPE);

/** "postmortem" → "Postmortem", "handbook" → "Handbook page": the collection's label. */
export function searchTypeLabel(type: string): string {
  const collection = Object.entries(TYPE).find(([, value]) => value === type)?.[0];
  return collection ? collectionLabel(collection) : humanize(type);
}

export const FACET_LABELS: Record<Facet, string> = {
  type: 'Type',
  severity: 'Severity',
  service: 'Service',
  team: 'Team',
  status: 'Status',
  year: 'Year',
  tag: 'Tag',
  kind: 'Kind',
};

/**
 * What Pagefind leaves out of an entry's indexed text, so excerpts come from the narrative:
 * tables (action items, gates, budgets), the key-facts panel, badges, charts and meters, the
 * timeline strip and any navigation inside the page. Their values are still found through the
 * facets and the card meta.
 */
export const SEARCH_EXCLUDED_SELECTORS: readonly string[] = [
  'table',
  '.table-wrap',
  '.facts',
  '.badge',
  'figure.chart',
  '.meter',
  '.timeline-strip',
  'nav',
  '.meta',
  '.sort-links',
];

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

/** Sort key of undated entries; defined with the shard rules, which depend on it. */
export { UNDATED } from './search-shards.ts';

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

/** The labels and badge tones a result card needs, sent to the browser as JSON. */
export interface ResultLabels {
  /** Type value → label ("handbook" → "Handbook page"). */
  types: Record<string, string>;
  /** Severity id → badge tone. */
  severities: Record<string, Tone>;
  /** Status value → label and badge tone. */
  statuses: Record<string, { label: string; tone: Tone }>;
}

/** A group of the status facet: the statuses that belong to the same types. */
export interface StatusGroup {
  /** "Postmortem", "PRD", "Postmortem or PRD". */
  label: string;
  /** Type values whose entries carry these statuses. */
  types: string[];
  values: string[];
}

/** Everything the search page's script needs beyond the index itself. */
export interface SearchPageConfig extends ResultLabels {
  facets: readonly Facet[];
  facetLabels: Record<Facet, string>;
  /** Severity ids, most severe first. */
  severityOrder: string[];
  typeOrder: readonly string[];
  /** Label of every facet value this build indexes. */
  values: Record<Facet, Record<string, string>>;
  /** The status facet, grouped by the types the statuses belong to. */
  statusGroups: StatusGroup[];
}

const resultLabelsOf = new WeakMap<Model, ResultLabels>();

/** Labels and tones for result cards, from the model's configuration and entries (once per model: every page's header carries them). */
export function resultLabels(model: Model): ResultLabels {
  let labels = resultLabelsOf.get(model);
  if (!labels) resultLabelsOf.set(model, (labels = computeResultLabels(model)));
  return labels;
}

function computeResultLabels(model: Model): ResultLabels {
  const statuses: ResultLabels['statuses'] = {};
  for (const view of model.all()) {
    const status = searchStatus(view);
    if (status) statuses[status] = { label: humanize(status), tone: statusTone(status) };
  }
  return {
    types: Object.fromEntries(SEARCH_TYPES.map((type) => [type, searchTypeLabel(type)])),
    severities: Object.fromEntries(model.config.severities.map((level) => [level.id, severityTone(model.config, level.id)])),
    statuses,
  };
}

/** The label of one facet value. */
function facetValueLabel(model: Model, facet: Facet, value: string): string {
  switch (facet) {
    case 'type':
      return searchTypeLabel(value);
    case 'severity':
      return `${value} · ${severityLabel(model.config, value)}`;
    case 'service':
      return model.get('services', value)?.title ?? value;
    case 'team':
      return model.get('teams', value)?.title ?? value;
    case 'status':
    case 'kind':
      return humanize(value);
    default:
      return value;
  }
}

/**
 * The status facet grouped by type: each status is listed once, under the types that use it
 * ("Published" under Postmortem, "In review" under "Postmortem or PRD"), groups in type order.
 */
export function statusGroups(model: Model): StatusGroup[] {
  const typesOf = new Map<string, Set<string>>();
  for (const view of model.all()) {
    const status = searchStatus(view);
    if (!status) continue;
    if (!typesOf.has(status)) typesOf.set(status, new Set());
    typesOf.get(status)!.add(searchType(view));
  }
  const groups = new Map<string, StatusGroup>();
  for (const [status, set] of typesOf) {
    const types = SEARCH_TYPES.filter((type) => set.has(type));
    const key = types.join(' ');
    if (!groups.has(key)) groups.set(key, { label: types.map(searchTypeLabel).join(' or '), types, values: [] });
    groups.get(key)!.values.push(status);
  }
  const rank = (group: StatusGroup) => SEARCH_TYPES.indexOf(group.types[0]!) * 100 + group.types.length;
  return [...groups.values()].sort((a, b) => rank(a) - rank(b)).map((group) => ({ ...group, values: group.values.sort() }));
}

/** The search page's configuration: facet and value labels, orders, tones and status groups. */
export function searchPageConfig(model: Model): SearchPageConfig {
  const values = Object.fromEntries(FACETS.map((facet) => [facet, {} as Record<string, string>])) as Record<Facet, Record<string, string>>;
  for (const view of model.all()) {
    for (const [facet, list] of Object.entries(searchFacets(view, model)) as [Facet, string[]][]) {
      for (const value of list) values[facet][value] = facetValueLabel(model, facet, value);
    }
  }
  return {
    ...resultLabels(model),
    facets: FACETS,
    facetLabels: FACET_LABELS,
    severityOrder: model.config.severities.map((level) => level.id),
    typeOrder: SEARCH_TYPES,
    values,
    statusGroups: statusGroups(model),
  };
}
