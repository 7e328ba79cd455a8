/** Action-item health: open, overdue, done, by priority and by team. */
import { type Timeline } from '../durations.ts';
import { type Model, type Ref } from '../model.ts';
import { ACTION_STATUSES, PRIORITIES } from '../schemas/postmortems.ts';
import { DAY_MS, dayStart, instant, isoDate, median } from '../time.ts';
import { firstRows, listedSentence, ratioPercent } from './common.ts';

/** What the action-item figures need of an item (an `ActionItemView` fits). */
export interface ActionItemInput {
  postmortem: string;
  ownerId: string;
  /** How the owner shows to the audience; a hidden team is grouped as "internal teams". */
  owner?: Ref;
  priority: string;
  status: string;
  due: string;
  doneAt?: string;
  overdue: boolean;
}

export interface ActionItemCounts {
  total: number;
  /** Open or in progress. */
  open: number;
  done: number;
  wontDo: number;
  overdue: number;
}

export interface OwnerActionItems extends ActionItemCounts {
  /** The team id, or `undefined` for the bucket of teams the audience may not see. */
  ownerId?: string;
  owner?: Ref;
  byPriority: Record<string, number>;
}

export interface ActionItemSummary extends ActionItemCounts {
  byStatus: Record<string, number>;
  byPriority: (ActionItemCounts & { priority: string })[];
  byOwner: OwnerActionItems[];
  /**
   * 100 × done / (total − wont-do): a `wont-do` item was decided against, so it is neither
   * done nor outstanding. `undefined` when no item is left after removing wont-do ones.
   */
  completionPercent?: number;
  /** Median of the days to close (see `daysToClose`) over done items with a known `doneAt`. */
  medianDaysToClose?: number;
  /** How many done items the median covers. */
  closedWithDate: number;
}

export function counts(items: readonly ActionItemInput[]): ActionItemCounts {
  return {
    total: items.length,
    open: items.filter((item) => item.status === 'open' || item.status === 'in-progress').length,
    done: items.filter((item) => item.status === 'done').length,
    wontDo: items.filter((item) => item.status === 'wont-do').length,
    overdue: items.filter((item) => item.overdue).length,
  };
}

/**
 * Whole days from the start date to `doneAt` (both `YYYY-MM-DD`), 0 when it was done before the
 * start (an item finished during the incident itself).
 */
export function daysToClose(start: string, doneAt: string): number {
  return Math.max(0, Math.round((dayStart(doneAt) - dayStart(start)) / DAY_MS));
}

/**
 * When the clock starts for an incident's action items: the UTC date the incident was resolved
 * (`timeline.resolved`, else `mitigated`). Items are raised during the incident and its review;
 * the review date (`reviewedAt`) is not used because teams often finish urgent items before the
 * review meeting, which would give negative times.
 */
export function actionItemClockStart(timeline: Timeline): string | undefined {
  const end = timeline.resolved ?? timeline.mitigated;
  return end ? isoDate(instant(end)) : undefined;
}

/**
 * Counts by status, priority and owner team; completion rate; median days to close.
 * `starts` maps a postmortem id to its clock start (`actionItemClockStart`).
 */
export function summarizeActionItems(
  items: readonly ActionItemInput[],
  starts: ReadonlyMap<string, string>,
  priorities: readonly string[] = PRIORITIES,
): ActionItemSummary {
  const total = counts(items);
  const byStatus = Object.fromEntries(ACTION_STATUSES.map((status) => [status, items.filter((item) => item.status === status).length]));
  const byPriority = priorities.map((priority) => ({ priority, ...counts(items.filter((item) => item.priority === priority)) }));

  const ownerKey = (item: ActionItemInput) => (item.owner && !item.owner.visible ? '' : item.ownerId);
  const owners = Map.groupBy(items, ownerKey);
  const byOwner: OwnerActionItems[] = [...owners].map(([key, list]) => ({
    ownerId: key === '' ? undefined : key,
    owner: list[0].owner,
    byPriority: Object.fromEntries(priorities.map((priority) => [priority, list.filter((item) => item.priority === priority).length])),
    ...counts(list),
  }));
  byOwner.sort((a, b) => b.open - a.open || b.total - a.total || (a.ownerId ?? '~').localeCompare(b.ownerId ?? '~'));

  const closeDays = items.flatMap((item) => {
    const start = starts.get(item.postmortem);
    return item.status === 'done' && item.doneAt && start ? [daysToClose(start, item.doneAt)] : [];
  });
  return {
    ...total,
    byStatus,
    byPriority,
    byOwner,
    completionPercent: ratioPercent(total.done, total.total - total.wontDo),
    medianDaysToClose: median(closeDays),
    closedWithDate: closeDays.length,
  };
}

/** The action-item summary of the model's visible postmortems. */
export function actionItemInsights(model: Pick<Model, 'postmortems' | 'actionItems'>): ActionItemSummary {
  const starts = new Map<string, string>();
  for (const pm of model.postmortems) {
    const start = actionItemClockStart(pm.data.timeline);
    if (start) starts.set(pm.id, start);
  }
  return summarizeActionItems(model.actionItems, starts);
}

/** Closed items (done, won't do) listed on `/action-items/`; the open ones are all listed. */
export const CLOSED_ITEMS_LISTED = 100;

/** One group of `/action-items/`: its items as listed, how many there are, and what was left out. */
export interface ActionItemGroup<T> {
  id: 'overdue' | 'open' | 'done' | 'wont-do';
  label: string;
  rows: T[];
  total: number;
  /** How many are there and which are listed, when the list is cut; else empty. */
  cut: string;
}

/**
 * The groups of `/action-items/`, from items sorted by due date (as `Model.actionItems` is).
 * Overdue and open items are what someone has to act on, so all of them are listed. Closed items
 * pile up with every postmortem (about 29,000 at 10,000 postmortems, which made the page 15 MB),
 * so only the `closedListed` due most recently are; every item stays on its postmortem's page and
 * in `/api/action-items.json`.
 */
export function actionItemGroups<T extends Pick<ActionItemInput, 'status' | 'overdue'>>(
  items: readonly T[],
  closedListed = CLOSED_ITEMS_LISTED,
): ActionItemGroup<T>[] {
  const all = (id: ActionItemGroup<T>['id'], label: string, rows: T[]): ActionItemGroup<T> => ({
    id,
    label,
    rows,
    total: rows.length,
    cut: '',
  });
  const recent = (id: ActionItemGroup<T>['id'], label: string, noun: string, closed: T[]): ActionItemGroup<T> => {
    const listed = firstRows(closed.reverse(), closedListed);
    const sentence = listedSentence(listed, undefined, { noun, then: 'those due most recently' });
    return { id, label, rows: listed.rows, total: listed.total, cut: sentence };
  };
  return [
    all(
      'overdue',
      'Overdue',
      items.filter((item) => item.overdue),
    ),
    all(
      'open',
      'Open and in progress',
      items.filter((item) => !item.overdue && (item.status === 'open' || item.status === 'in-progress')),
    ),
    recent(
      'done',
      'Done',
      'done items',
      items.filter((item) => item.status === 'done'),
    ),
    recent(
      'wont-do',
      'Won’t do',
      'items decided against',
      items.filter((item) => item.status === 'wont-do'),
    ),
  ];
}
