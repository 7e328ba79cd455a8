/**
 * Sort orders of the list pages. Each list is pre-rendered once per order (`/postmortems/` and
 * `/postmortems/by/<key>/`), so sorting needs no JavaScript.
 */
import type { SiteConfig } from './schemas/config.ts';
import type { PostmortemView, PrdView, ReleaseView, SloView } from './model.ts';
import { instant } from './time.ts';

export interface SortOrder<T> {
  key: string;
  label: string;
  compare: (a: T, b: T) => number;
}

const byTitle = <T extends { title: string }>(a: T, b: T) => a.title.localeCompare(b.title);
const byDateDesc = <T extends { date?: string; title: string }>(a: T, b: T) => (b.date ?? '').localeCompare(a.date ?? '') || byTitle(a, b);
const rank = (values: readonly string[]) => (value: string) => {
  const index = values.indexOf(value);
  return index < 0 ? values.length : index;
};

export function postmortemOrders(config: SiteConfig): SortOrder<PostmortemView>[] {
  const severityRank = rank(config.severities.map((s) => s.id));
  const statusRank = rank(['draft', 'in-review', 'published']);
  return [
    {
      key: 'date',
      label: 'Newest first',
      compare: (a, b) => instant(b.data.timeline.started) - instant(a.data.timeline.started) || byTitle(a, b),
    },
    { key: 'severity', label: 'Severity', compare: (a, b) => severityRank(a.severity) - severityRank(b.severity) || byDateDesc(a, b) },
    { key: 'status', label: 'Status', compare: (a, b) => statusRank(a.data.status) - statusRank(b.data.status) || byDateDesc(a, b) },
    {
      key: 'time-to-mitigate',
      label: 'Longest to mitigate',
      compare: (a, b) => (b.durations.toMitigateMinutes ?? -1) - (a.durations.toMitigateMinutes ?? -1) || byTitle(a, b),
    },
    { key: 'title', label: 'Title', compare: byTitle },
  ];
}

export function sloOrders(): SortOrder<SloView>[] {
  const statusRank = rank(['exhausted', 'at-risk', 'healthy']);
  return [
    { key: 'budget', label: 'Budget consumed', compare: (a, b) => b.budget.consumedPercent - a.budget.consumedPercent || byTitle(a, b) },
    {
      key: 'status',
      label: 'Budget status',
      compare: (a, b) => statusRank(a.budget.status) - statusRank(b.budget.status) || byTitle(a, b),
    },
    { key: 'objective', label: 'Objective', compare: (a, b) => b.data.objective - a.data.objective || byTitle(a, b) },
    { key: 'title', label: 'Title', compare: byTitle },
  ];
}

export function releaseOrders(): SortOrder<ReleaseView>[] {
  const statusRank = rank(['in-progress', 'planned', 'shipped', 'rolled-back', 'cancelled']);
  return [
    { key: 'date', label: 'Newest first', compare: byDateDesc },
    { key: 'train', label: 'Train', compare: (a, b) => b.data.train.localeCompare(a.data.train) || byDateDesc(a, b) },
    { key: 'status', label: 'Status', compare: (a, b) => statusRank(a.data.status) - statusRank(b.data.status) || byDateDesc(a, b) },
    { key: 'version', label: 'Version', compare: (a, b) => b.data.version.localeCompare(a.data.version, 'en', { numeric: true }) },
  ];
}

export function prdOrders(): SortOrder<PrdView>[] {
  const statusRank = rank(['in-review', 'draft', 'approved', 'shipped', 'rejected', 'superseded']);
  return [
    { key: 'date', label: 'Newest first', compare: byDateDesc },
    { key: 'status', label: 'Status', compare: (a, b) => statusRank(a.data.status) - statusRank(b.data.status) || byDateDesc(a, b) },
    {
      key: 'session',
      label: 'Review session',
      compare: (a, b) => (a.reviewSession ?? '9999').localeCompare(b.reviewSession ?? '9999') || byTitle(a, b),
    },
    { key: 'title', label: 'Title', compare: byTitle },
  ];
}

/** Static paths for a list: the default order at the section root, the others under `by/<key>/`. */
export function sortPaths<T>(orders: SortOrder<T>[]) {
  return orders.map((order, index) => ({ params: { sort: index === 0 ? undefined : `by/${order.key}` }, props: { orderKey: order.key } }));
}
