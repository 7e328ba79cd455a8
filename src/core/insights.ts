/**
 * Insights: the derived figures leadership reads on `/insights/` — action-item health, release
 * trains and gates, the DORA keys, time-to-x distributions, near misses, SLO burn, error-budget
 * policy signals, PRD review sessions and incident trends.
 *
 * Every function here is pure. The `…Insights(model)` wrappers read a `Model`, whose views are
 * already filtered for the audience, so **in a public build these figures cover the public
 * entries only** (public, published postmortems; public releases; public PRDs). SLO budgets are
 * the exception: `SloView.budget` counts every incident in the window, hidden ones included, and
 * hidden ones are only ever counted, never named (see `SloView.unlistedCharges` in model.ts).
 * The lower-level functions take plain arrays so tests can pin them with hand-built inputs.
 */
import { ACTION_STATUSES, DETECTION_SOURCES, PRIORITIES } from './schemas/postmortems.ts';
import { hasPreventP0 } from './rules.ts';
import { occurrencesBetween, trainsBetween, type Cadence } from './calendar.ts';
import type { Durations, Timeline } from './durations.ts';
import type { Model, PostmortemView, PrdView, Ref, ReleaseView, SloView } from './model.ts';
import { addDays, dayStart, DAY_MS, durationMinutes, instant, isoDate, median, minutesBetween, MINUTE_MS, percentile } from './time.ts';

/** 100 × part / whole, or `undefined` when the whole is 0 (no data is not 0%). */
export function ratioPercent(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : round6((100 * part) / whole);
}

/** Floating-point noise off: to a millionth. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// ───────────────────────────── Action items ─────────────────────────────

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

function counts(items: readonly ActionItemInput[]): ActionItemCounts {
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
  const owners = new Map<string, ActionItemInput[]>();
  for (const item of items) owners.set(ownerKey(item), [...(owners.get(ownerKey(item)) ?? []), item]);
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

// ───────────────────────────── Release trains and gates ─────────────────────────────

/** What the release figures need of a release (a `ReleaseView` fits). */
export interface ReleaseInput {
  id: string;
  data: { train: string; date: string; status: string; gates: readonly { gate: string; status: string }[] };
  /** Postmortems (visible to the audience) that name this release. */
  incidents: readonly unknown[];
}

export interface TrainRow<R> {
  /** `2026-11-a`. */
  id: string;
  /** Departure date `YYYY-MM-DD`. */
  date: string;
  releases: R[];
  /** The next train to depart on or after the as-of date. */
  next: boolean;
  past: boolean;
}

export interface TrainCalendar<R> {
  trains: TrainRow<R>[];
  /** Releases dated inside the range whose `train` is not one of its calendar trains (a hotfix train, a typo). */
  offCalendar: R[];
}

/**
 * The train calendar from `from` to `to` (inclusive dates) with the releases that rode each
 * train (matched by `release.data.train`).
 */
export function trainCalendar<R extends ReleaseInput>(cadence: Cadence, releases: readonly R[], from: string, to: string, today: string): TrainCalendar<R> {
  const trains = trainsBetween(cadence, from, to);
  const nextId = trains.find((train) => train.date >= today)?.id;
  const ids = new Set(trains.map((train) => train.id));
  return {
    trains: trains.map((train) => ({
      id: train.id,
      date: train.date,
      releases: releases.filter((release) => release.data.train === train.id),
      next: train.id === nextId,
      past: train.date < today,
    })),
    offCalendar: releases.filter((release) => release.data.date >= from && release.data.date <= to && !ids.has(release.data.train)),
  };
}

export interface GateCounts {
  passed: number;
  failed: number;
  waived: number;
  pending: number;
  /** passed + failed + waived: the gates that have an outcome. */
  decided: number;
  /** 100 × passed / decided. A waived gate did not pass, so it lowers the rate. */
  passPercent?: number;
  /** 100 × waived / decided. */
  waivedPercent?: number;
}

export interface GateSummary extends GateCounts {
  byGate: (GateCounts & { gate: string })[];
}

function gateCounts(statuses: readonly string[]): GateCounts {
  const count = (status: string) => statuses.filter((value) => value === status).length;
  const passed = count('passed');
  const failed = count('failed');
  const waived = count('waived');
  const decided = passed + failed + waived;
  return { passed, failed, waived, pending: count('pending'), decided, passPercent: ratioPercent(passed, decided), waivedPercent: ratioPercent(waived, decided) };
}

/**
 * Gates pass rate over every gate of every given release (whatever the release status): passed
 * ÷ gates with an outcome (passed, failed or waived; pending ones have none yet). Waived gates
 * are reported separately as their own share.
 */
export function gateSummary(releases: readonly ReleaseInput[], gateOrder: readonly string[] = []): GateSummary {
  const gates = releases.flatMap((release) => release.data.gates);
  const names = [...new Set([...gateOrder, ...gates.map((gate) => gate.gate)])].filter((name) => gates.some((gate) => gate.gate === name));
  return {
    ...gateCounts(gates.map((gate) => gate.status)),
    byGate: names.map((gate) => ({ gate, ...gateCounts(gates.filter((g) => g.gate === gate).map((g) => g.status)) })),
  };
}

export interface ReleaseInsights {
  calendar: TrainCalendar<ReleaseView>;
  /** The next train departing on or after the as-of date, with the releases booked on it. */
  nextTrain: TrainRow<ReleaseView>;
  gates: GateSummary;
}

/** The train calendar shown on `/insights/`: from 90 days before the as-of date to two trains after the next one. */
export function releaseInsights(model: Pick<Model, 'releases' | 'config' | 'site' | 'nextTrain'>): ReleaseInsights {
  const today = isoDate(model.site.now);
  const cadence = model.config.releaseTrains;
  const to = addDays(model.nextTrain.date, 2 * (durationMinutes(cadence.every) / 1440));
  const calendar = trainCalendar(cadence, model.releases, addDays(today, -90), to, today);
  const nextTrain = calendar.trains.find((train) => train.next) ?? { id: model.nextTrain.id, date: model.nextTrain.date, releases: [], next: true, past: false };
  return { calendar, nextTrain, gates: gateSummary(model.releases, model.config.gates.map((gate) => gate.id)) };
}

// ───────────────────────────── Which postmortems count ─────────────────────────────

/**
 * Whether a postmortem counts as an incident in the figures (time-to-x, DORA, incident trends):
 * kind incident and not a draft. A near-miss had no customer impact, so it is counted on its own
 * (`nearMissInsights`); a draft never counts in any figure, even in `astro dev` where it is shown.
 */
export function countsAsIncident(postmortem: { draft?: boolean; data: { kind?: string; status?: string } }): boolean {
  return postmortem.data.kind !== 'near-miss' && !postmortem.draft && postmortem.data.status !== 'draft';
}

/** Whether a postmortem is a (non-draft) near-miss. */
export function isNearMiss(postmortem: { draft?: boolean; data: { kind?: string; status?: string } }): boolean {
  return postmortem.data.kind === 'near-miss' && !postmortem.draft && postmortem.data.status !== 'draft';
}

// ───────────────────────────── Windows ─────────────────────────────

export interface TimeWindow {
  /** Epoch ms; the window is (start, end]. */
  start: number;
  end: number;
  /** First and last calendar day (UTC) whose midnight lies in the window, `YYYY-MM-DD`. */
  from: string;
  to: string;
  days: number;
}

/**
 * The `days` days ending at `end`: (end − days, end]. `from` is the first UTC date whose midnight
 * is inside (the day after the start's date, since the start itself is excluded), `to` the as-of date.
 */
export function windowEnding(end: number, days = 90): TimeWindow {
  const start = end - days * DAY_MS;
  return { start, end, from: addDays(isoDate(start), 1), to: isoDate(end), days };
}

const inside = (window: TimeWindow, ms: number) => ms > window.start && ms <= window.end;

// ───────────────────────────── Distributions ─────────────────────────────

/** A summary of durations: how many, the median and the 90th percentile (nearest rank). Never a mean. */
export interface Distribution {
  n: number;
  median?: number;
  p90?: number;
}

/** `{ n, median, p90 }` of a list (see `percentile` in time.ts for the definitions). */
export function distribution(values: readonly number[]): Distribution {
  const median_ = median(values);
  const p90 = percentile(values, 90);
  return { n: values.length, ...(median_ === undefined ? {} : { median: round6(median_) }), ...(p90 === undefined ? {} : { p90: round6(p90) }) };
}

/**
 * Below this many values a page shows no median or p90, only the count: with one or two values
 * the "median" describes those incidents, not a pattern. The JSON still carries the numbers with n.
 */
export const MIN_FIGURE_N = 3;

/** A trend between two periods is called only when both have at least this many values. */
export const MIN_TREND_N = 10;

export type TrendCall =
  | { called: false; /** Why not, for the page. */ reason: string }
  | { called: true; direction: 'up' | 'down' | 'flat'; /** current − previous. */ change: number };

/**
 * Compares a figure between the previous and the current period. With fewer than `MIN_TREND_N`
 * values in either period a difference is mostly noise, so no trend is called.
 */
export function callTrend(current: { n: number; value?: number }, previous: { n: number; value?: number }, what = 'incidents'): TrendCall {
  if (current.n < MIN_TREND_N || previous.n < MIN_TREND_N || current.value === undefined || previous.value === undefined) {
    return { called: false, reason: `too few ${what} to call a trend (n = ${previous.n} then ${current.n}; both periods need n ≥ ${MIN_TREND_N})` };
  }
  const change = round6(current.value - previous.value);
  return { called: true, direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat', change };
}

// ───────────────────────────── DORA keys ─────────────────────────────

/** What the DORA figures need of a release (a `ReleaseView` fits). */
export interface DoraReleaseInput {
  id: string;
  data: { date: string; status: string; services: readonly string[]; hotfix?: boolean; changes: readonly { mergedAt?: string }[] };
}

/** What the DORA figures need of a postmortem (a `PostmortemView` fits). */
export interface DoraPostmortemInput {
  id: string;
  draft?: boolean;
  data: { kind?: string; status: string; services: readonly string[]; releases: readonly string[]; timeline: Timeline };
}

/** A median with the number of values it covers; `median` is absent when n is 0. */
export interface MedianOf {
  median?: number;
  n: number;
}

/** The five DORA keys (dora.dev) of a set of releases, with the counts behind them. */
export interface DoraKeys {
  /** Releases dated in the window with status shipped or rolled-back. */
  deployments: number;
  /** deployments ÷ (window days ÷ 7). */
  deploymentsPerWeek: number;
  /** Deployments rolled back, or named in `releases` by a postmortem of kind incident. */
  failedDeployments: number;
  /** failedDeployments ÷ deployments, 0..1; absent without deployments. */
  changeFailRate?: number;
  /** Per failed deployment a postmortem names: mitigated − started of the earliest such postmortem. */
  failedDeploymentRecoveryMinutes: MedianOf;
  /** Deployments with `hotfix: true`. */
  hotfixDeployments: number;
  /** hotfixDeployments ÷ deployments, 0..1; absent without deployments. */
  reworkRate?: number;
  /** Per change with `mergedAt`: hours from it to the release date at 00:00 UTC, never below 0. */
  leadTimeHours: MedianOf;
}

export interface DoraReport {
  /** The window's first and last day, `YYYY-MM-DD`. */
  from: string;
  to: string;
  windowDays: number;
  org: DoraKeys;
  /** One row per service given, in that order. */
  services: ({ service: string } & DoraKeys)[];
}

const DEPLOYED = new Set(['shipped', 'rolled-back']);
const HOUR_MS = 60 * MINUTE_MS;

function medianOf(values: readonly number[]): MedianOf {
  const value = median(values);
  return value === undefined ? { n: values.length } : { median: round6(value), n: values.length };
}

/** part ÷ whole to a millionth, or `undefined` when the whole is 0 (no data is not 0). */
function ratio(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : round6(part / whole);
}

/**
 * Lead time of one change: hours from its merge to the release date at 00:00 UTC. A change merged
 * on the release day itself counts 0, never below: the date has no time of day to measure to.
 */
export function changeLeadTimeHours(releaseDate: string, mergedAt: string): number {
  return round6(Math.max(0, (dayStart(releaseDate) - instant(mergedAt)) / HOUR_MS));
}

/**
 * The DORA keys of these releases and postmortems over a window (see `DoraKeys` for each
 * definition). A release counts when its date at 00:00 UTC lies in the window; the postmortems
 * that mark it failed count whenever they started. Near-misses and drafts are left out here.
 */
export function doraKeys(releases: readonly DoraReleaseInput[], postmortems: readonly DoraPostmortemInput[], window: TimeWindow): DoraKeys {
  const deployed = releases.filter((release) => DEPLOYED.has(release.data.status) && inside(window, dayStart(release.data.date)));
  const incidents = postmortems.filter(countsAsIncident);
  const namedBy = (release: DoraReleaseInput) => incidents.filter((pm) => pm.data.releases.includes(release.id));
  const failed = deployed.filter((release) => release.data.status === 'rolled-back' || namedBy(release).length > 0);
  const recovery = failed.flatMap((release) => {
    const earliest = [...namedBy(release)].sort((a, b) => instant(a.data.timeline.started) - instant(b.data.timeline.started) || a.id.localeCompare(b.id))[0];
    // Not yet mitigated: no recovery time to count (yet).
    return earliest?.data.timeline.mitigated ? [minutesBetween(earliest.data.timeline.started, earliest.data.timeline.mitigated)] : [];
  });
  const hotfixes = deployed.filter((release) => release.data.hotfix === true).length;
  const leadTimes = deployed.flatMap((release) =>
    release.data.changes.flatMap((change) => (change.mergedAt ? [changeLeadTimeHours(release.data.date, change.mergedAt)] : [])),
  );
  return {
    deployments: deployed.length,
    deploymentsPerWeek: round6(deployed.length / (window.days / 7)),
    failedDeployments: failed.length,
    changeFailRate: ratio(failed.length, deployed.length),
    failedDeploymentRecoveryMinutes: medianOf(recovery),
    hotfixDeployments: hotfixes,
    reworkRate: ratio(hotfixes, deployed.length),
    leadTimeHours: medianOf(leadTimes),
  };
}

/**
 * The DORA keys org-wide and per service. A service's figures count the releases and the
 * postmortems that list that service.
 */
export function doraReport(releases: readonly DoraReleaseInput[], postmortems: readonly DoraPostmortemInput[], services: readonly string[], window: TimeWindow): DoraReport {
  return {
    from: window.from,
    to: window.to,
    windowDays: window.days,
    org: doraKeys(releases, postmortems, window),
    services: services.map((service) => ({
      service,
      ...doraKeys(
        releases.filter((release) => release.data.services.includes(service)),
        postmortems.filter((pm) => pm.data.services.includes(service)),
        window,
      ),
    })),
  };
}

/** The DORA keys of the model's visible releases and postmortems, over the 90 days ending at the as-of instant. */
export function doraInsights(model: Pick<Model, 'releases' | 'postmortems' | 'services' | 'site'>): DoraReport {
  return doraReport(model.releases, model.postmortems, model.services.map((service) => service.id), windowEnding(model.site.now, 90));
}

// ───────────────────────────── SLO burn ─────────────────────────────

export interface BurnInput {
  objective: number;
  timeline: Timeline;
  badMinutes: number;
  budgetPercent: number;
}

export interface Burn {
  /** Impact duration: mitigated (else the as-of instant) − started, in minutes. */
  durationMinutes: number;
  /** badMinutes ÷ durationMinutes: the share of the time that was bad. */
  badFraction?: number;
  /**
   * badFraction ÷ (1 − objective / 100): how many times faster than sustainable the budget
   * burned during the incident (1 = exactly on budget over the window; 1000 = a full outage
   * against 99.9%).
   */
  burnRate?: number;
  /** 100 × badMinutes ÷ budgetMinutes: the share of the budget this one incident consumed. */
  budgetPercent: number;
}

export function burnRate(input: BurnInput, now: number): Burn {
  const end = input.timeline.mitigated ? instant(input.timeline.mitigated) : now;
  const duration = Math.max(0, (end - instant(input.timeline.started)) / MINUTE_MS);
  const badFraction = duration > 0 ? round6(input.badMinutes / duration) : undefined;
  return {
    durationMinutes: round6(duration),
    badFraction,
    burnRate: badFraction === undefined ? undefined : round6(badFraction / (1 - input.objective / 100)),
    budgetPercent: input.budgetPercent,
  };
}

export interface BudgetPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Cumulative bad minutes of the listed incidents that started in the window by the end of that day. */
  consumedMinutes: number;
}

/**
 * The budget over the window, one point a day from the window's first day to the as-of day:
 * cumulative bad minutes of the given charges that started by the end of each day (the last
 * day ends at the as-of instant). Charges outside [windowStart, windowEnd] are ignored.
 */
export function budgetSeries(charges: readonly { started: string; badMinutes: number }[], windowStart: number, windowEnd: number): BudgetPoint[] {
  const points: BudgetPoint[] = [];
  const first = isoDate(windowStart);
  const last = isoDate(windowEnd);
  const inside = charges.filter((charge) => instant(charge.started) >= windowStart && instant(charge.started) <= windowEnd);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const end = Math.min(dayStart(date) + DAY_MS, windowEnd + 1);
    const consumed = inside.filter((charge) => instant(charge.started) < end).reduce((sum, charge) => sum + charge.badMinutes, 0);
    points.push({ date, consumedMinutes: round6(consumed) });
  }
  return points;
}

export interface SloInsight {
  slo: SloView;
  /** The most recent visible incident charging this SLO in the window, with its burn. */
  lastIncident?: { postmortem: Ref; started: string; badMinutes: number } & Burn;
  /** Cumulative consumption by day, from visible incidents only (see `unlisted`). */
  series: BudgetPoint[];
  /** Minutes charged by incidents the audience may not see: in the totals, not in the series. */
  unlisted: { count: number; badMinutes: number };
}

/** Burn of the last incident and the budget-over-window series of every visible SLO. */
export function sloInsights(model: Pick<Model, 'slos' | 'postmortems' | 'site'>): SloInsight[] {
  return model.slos.map((slo) => {
    const last = slo.visibleCharges.at(-1);
    const incident = last && model.postmortems.find((pm) => pm.id === last.postmortem);
    return {
      slo,
      lastIncident:
        last && incident
          ? {
              postmortem: last.ref,
              started: last.started,
              badMinutes: last.badMinutes,
              ...burnRate({ objective: slo.data.objective, timeline: incident.data.timeline, badMinutes: last.badMinutes, budgetPercent: last.budgetPercent }, model.site.now),
            }
          : undefined,
      series: budgetSeries(slo.visibleCharges, slo.budget.windowStart, slo.budget.windowEnd),
      unlisted: slo.unlistedCharges,
    };
  });
}

// ───────────────────────────── Error-budget policy ─────────────────────────────

export interface PolicySignal {
  postmortem: PostmortemView;
  slo: Ref;
  badMinutes: number;
  budgetPercent: number;
  /** The policy's answer (`hasPreventP0`): a P0 action item of type prevent, not wont-do. */
  hasP0Prevent: boolean;
}

/**
 * Incidents that alone consumed more than `thresholds.incidentBudgetPercent` of an SLO's budget
 * (model.ts sets `sloImpact[].exceedsIncidentThreshold`), newest first, whatever the window.
 */
export function policySignals(postmortems: readonly PostmortemView[]): PolicySignal[] {
  return postmortems.flatMap((pm) =>
    pm.sloImpact
      .filter((impact) => impact.exceedsIncidentThreshold)
      .map((impact) => ({
        postmortem: pm,
        slo: impact.slo,
        badMinutes: impact.badMinutes,
        budgetPercent: impact.budgetPercent,
        hasP0Prevent: hasPreventP0(pm.actionItems),
      })),
  );
}

// ───────────────────────────── PRD review sessions ─────────────────────────────

export interface ReviewSession<P> {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Whether the date is on the configured cadence (an authored session may not be). */
  onCadence: boolean;
  prds: P[];
}

/**
 * Review sessions on or after `today`: the next `count` sessions of the cadence, plus any later
 * or off-cadence date a PRD is booked into, each with the PRDs whose `reviewSession` is that date.
 */
export function reviewSessions<P extends { reviewSession?: string }>(cadence: Cadence, prds: readonly P[], today: string, count = 4): ReviewSession<P>[] {
  const step = durationMinutes(cadence.every) / 1440;
  const upcoming = occurrencesBetween(cadence, today, addDays(today, step * count - 1)).map((occurrence) => occurrence.date);
  const booked = prds.flatMap((prd) => (prd.reviewSession && prd.reviewSession >= today ? [prd.reviewSession] : []));
  const latest = [...upcoming, ...booked].reduce((max, date) => (date > max ? date : max), today);
  const cadenceDates = new Set(occurrencesBetween(cadence, today, latest).map((occurrence) => occurrence.date));
  return [...new Set([...upcoming, ...booked])].sort().map((date) => ({
    date,
    onCadence: cadenceDates.has(date),
    prds: prds.filter((prd) => prd.reviewSession === date),
  }));
}

export function reviewSessionInsights(model: Pick<Model, 'prds' | 'config' | 'site'>, count = 4): ReviewSession<PrdView>[] {
  return reviewSessions(model.config.prdReviews, model.prds, isoDate(model.site.now), count);
}

// ───────────────────────────── Trends ─────────────────────────────

/** `YYYY-MM` of an instant, in UTC. */
export function monthOf(ms: number): string {
  return isoDate(ms).slice(0, 7);
}

/** `YYYY-Qn` of an instant, in UTC. */
export function quarterOf(ms: number): string {
  const date = new Date(ms);
  return `${yearLabel(date.getUTCFullYear())}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** A year as four digits (`0001`), so labels of years below 1000 sort and match `isoDate`'s. */
const yearLabel = (year: number) => String(year).padStart(4, '0');

/** Every month from `first` to `last` (`YYYY-MM`), inclusive. */
export function monthsBetween(first: string, last: string): string[] {
  const result: string[] = [];
  let [year, month] = first.split('-').map(Number);
  for (let label = first; label <= last; ) {
    result.push(label);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
    label = `${yearLabel(year)}-${String(month).padStart(2, '0')}`;
  }
  return result;
}

/** Every quarter from `first` to `last` (`YYYY-Qn`), inclusive. */
export function quartersBetween(first: string, last: string): string[] {
  const result: string[] = [];
  let [year, quarter] = [Number(first.slice(0, 4)), Number(first.slice(6))];
  for (let label = first; label <= last; ) {
    result.push(label);
    quarter++;
    if (quarter > 4) {
      quarter = 1;
      year++;
    }
    label = `${yearLabel(year)}-Q${quarter}`;
  }
  return result;
}

/** What the incident trends need of an incident (a `PostmortemView` fits). */
export interface IncidentInput {
  id: string;
  severity: string;
  durations: Durations;
  data: {
    timeline: Timeline;
    services: readonly string[];
    detection?: string;
    contributingFactors: readonly { category: string }[];
  };
}

const startedMs = (incident: IncidentInput) => instant(incident.data.timeline.started);

/** How far back a trend reaches: a chart of more periods is unreadable (and year 0001 is valid). */
export const TREND_YEARS = 10;

/**
 * The periods of a trend: from the first incident's to the as-of instant's, at most
 * `TREND_YEARS` back. Incidents before that, or dated after the as-of instant (which has not
 * happened as of then: a year-9999 typo would otherwise stretch the chart over 8,000 years), are
 * left out of the trend only.
 */
function periodRange(incidents: readonly IncidentInput[], of: (ms: number) => string, now: number): [string, string] | undefined {
  const started = incidents.map(startedMs).filter((ms) => ms <= now);
  if (started.length === 0) return undefined;
  const earliest = new Date(now);
  earliest.setUTCFullYear(earliest.getUTCFullYear() - TREND_YEARS);
  return [of(Math.max(earliest.getTime(), started.reduce((a, b) => Math.min(a, b)))), of(now)];
}

export interface MonthlyIncidents {
  month: string;
  /** Incidents by severity id (every configured severity present, 0 when none). */
  bySeverity: Record<string, number>;
  total: number;
}

/** Incidents per month (UTC month of `timeline.started`) by severity, from the first incident's month to the as-of month. */
export function incidentsPerMonth(incidents: readonly IncidentInput[], severities: readonly string[], now: number): MonthlyIncidents[] {
  const range = periodRange(incidents, monthOf, now);
  if (!range) return [];
  return monthsBetween(...range).map((month) => {
    const list = incidents.filter((incident) => monthOf(startedMs(incident)) === month);
    return { month, bySeverity: Object.fromEntries(severities.map((severity) => [severity, list.filter((i) => i.severity === severity).length])), total: list.length };
  });
}

export interface QuarterDurations {
  quarter: string;
  incidents: number;
  detect: Distribution;
  mitigate: Distribution;
  resolve: Distribution;
}

/** The values of one duration over incidents that have it (an unmitigated incident has no time to mitigate). */
function durationValues(incidents: readonly IncidentInput[], key: keyof Durations): number[] {
  return incidents.flatMap((incident) => (incident.durations[key] === undefined ? [] : [incident.durations[key]!]));
}

/**
 * Median and p90 (nearest rank) of time to detect / mitigate / resolve by quarter of
 * `timeline.started`; an incident without `mitigated`/`resolved` is left out of that figure.
 */
export function durationsByQuarter(incidents: readonly IncidentInput[], now: number): QuarterDurations[] {
  const range = periodRange(incidents, quarterOf, now);
  if (!range) return [];
  return quartersBetween(...range).map((quarter) => {
    const list = incidents.filter((incident) => quarterOf(startedMs(incident)) === quarter);
    const of = (key: keyof Durations) => distribution(durationValues(list, key));
    return { quarter, incidents: list.length, detect: of('toDetectMinutes'), mitigate: of('toMitigateMinutes'), resolve: of('toResolveMinutes') };
  });
}

export interface DetectionSplit {
  total: number;
  /** Count and 100 × count ÷ total per source; `not-recorded` for incidents without `detection`. */
  bySource: { source: string; count: number; percent?: number }[];
  alertPercent?: number;
  customerPercent?: number;
}

/** How incidents were detected, as a share of all incidents (including those not recorded). */
export function detectionSplit(incidents: readonly IncidentInput[]): DetectionSplit {
  const bySourceCount = countBy(incidents, (incident) => incident.data.detection ?? 'not-recorded');
  const sources: string[] = [...DETECTION_SOURCES, ...(bySourceCount.has('not-recorded') ? ['not-recorded'] : [])];
  const total = incidents.length;
  const bySource = sources.map((source) => ({ source, count: bySourceCount.get(source) ?? 0, percent: ratioPercent(bySourceCount.get(source) ?? 0, total) }));
  return { total, bySource, alertPercent: ratioPercent(bySourceCount.get('alert') ?? 0, total), customerPercent: ratioPercent(bySourceCount.get('customer-report') ?? 0, total) };
}

export interface QuarterFactors {
  quarter: string;
  /** Incidents naming each category at least once (an incident counts once per category). */
  byCategory: Record<string, number>;
}

export function factorsByQuarter(incidents: readonly IncidentInput[], categories: readonly string[], now: number): QuarterFactors[] {
  const range = periodRange(incidents, quarterOf, now);
  if (!range) return [];
  return quartersBetween(...range).map((quarter) => {
    const list = incidents.filter((incident) => quarterOf(startedMs(incident)) === quarter);
    return {
      quarter,
      byCategory: Object.fromEntries(categories.map((category) => [category, list.filter((i) => i.data.contributingFactors.some((f) => f.category === category)).length])),
    };
  });
}

export interface Recurrence<I> {
  earlier: I;
  later: I;
  /** Services both incidents hit. */
  services: string[];
  /** Contributing-factor categories both incidents name. */
  categories: string[];
  /** (later.started − earlier.started) in days, fractional. */
  daysApart: number;
}

/**
 * Pairs of incidents on the same service with the same contributing-factor category whose
 * starts are at most `withinDays` days apart (inclusive), latest pair first.
 */
export function recurrences<I extends IncidentInput>(incidents: readonly I[], withinDays: number): Recurrence<I>[] {
  const sorted = [...incidents].sort((a, b) => startedMs(a) - startedMs(b) || a.id.localeCompare(b.id));
  const pairs: Recurrence<I>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const [earlier, later] = [sorted[i], sorted[j]];
      const daysApart = (startedMs(later) - startedMs(earlier)) / DAY_MS;
      if (daysApart > withinDays) break;
      const services = earlier.data.services.filter((service) => later.data.services.includes(service));
      const laterCategories = new Set(later.data.contributingFactors.map((f) => f.category));
      const categories = [...new Set(earlier.data.contributingFactors.map((f) => f.category))].filter((category) => laterCategories.has(category));
      if (services.length > 0 && categories.length > 0) pairs.push({ earlier, later, services, categories, daysApart: round6(daysApart) });
    }
  }
  return pairs.sort((a, b) => startedMs(b.later) - startedMs(a.later) || startedMs(b.earlier) - startedMs(a.earlier));
}

// ───────────────────────────── Time to x, and near misses ─────────────────────────────

/** The time-to-x figures and the duration each one summarises (see durations.ts). */
export const TIME_TO_X = { detect: 'toDetectMinutes', acknowledge: 'toAcknowledgeMinutes', mitigate: 'toMitigateMinutes', resolve: 'toResolveMinutes' } as const;
export type TimeToXKey = keyof typeof TIME_TO_X;
export const TIME_TO_X_KEYS = Object.keys(TIME_TO_X) as TimeToXKey[];
export type TimeToX = Record<TimeToXKey, Distribution>;

/**
 * `{ n, median, p90 }` in minutes of each time-to-x over the given incidents whose `started`
 * lies in the window; an incident without the later instant (not yet mitigated, never
 * acknowledged) is left out of that figure only. Callers pass counted incidents (`countsAsIncident`).
 */
export function timeToX(incidents: readonly IncidentInput[], window: TimeWindow): TimeToX {
  const list = incidents.filter((incident) => inside(window, startedMs(incident)));
  return Object.fromEntries(TIME_TO_X_KEYS.map((key) => [key, distribution(durationValues(list, TIME_TO_X[key]))])) as TimeToX;
}

export interface PeriodTimeToX {
  from: string;
  to: string;
  /** Counted incidents that started in the period. */
  incidents: number;
  timeToX: TimeToX;
}

export interface TimeToXInsights extends PeriodTimeToX {
  windowDays: number;
  /** The same figures over the window just before. */
  previous: PeriodTimeToX;
  /** The change of each median from the previous window, when both have n ≥ `MIN_TREND_N`. */
  trends: Record<TimeToXKey, TrendCall>;
}

/** Time-to-x over the `days` days ending at the as-of instant, against the `days` before. */
export function timeToXInsights(incidents: readonly IncidentInput[], now: number, days = 90): TimeToXInsights {
  const current = windowEnding(now, days);
  const before = windowEnding(current.start, days);
  const period = (window: TimeWindow): PeriodTimeToX => ({
    from: window.from,
    to: window.to,
    incidents: incidents.filter((incident) => inside(window, startedMs(incident))).length,
    timeToX: timeToX(incidents, window),
  });
  const [now_, previous] = [period(current), period(before)];
  return {
    ...now_,
    windowDays: days,
    previous,
    trends: Object.fromEntries(
      TIME_TO_X_KEYS.map((key) => [key, callTrend({ n: now_.timeToX[key].n, value: now_.timeToX[key].median }, { n: previous.timeToX[key].n, value: previous.timeToX[key].median })]),
    ) as Record<TimeToXKey, TrendCall>,
  };
}

export interface NearMissInsights<P> {
  from: string;
  to: string;
  /** Near misses that started in the `days` days ending at the as-of instant. */
  count: number;
  /** Near misses that started in the `days` days before those. */
  previousCount: number;
  /** The change in count, when both periods have n ≥ `MIN_TREND_N`. */
  trend: TrendCall;
  /** Every near miss (non-draft), newest first. */
  all: P[];
}

/** Near misses on their own: counted, compared with the period before, never mixed into incident figures. */
export function nearMissInsights<P extends DoraPostmortemInput>(postmortems: readonly P[], now: number, days = 90): NearMissInsights<P> {
  const current = windowEnding(now, days);
  const before = windowEnding(current.start, days);
  const all = postmortems.filter(isNearMiss).sort((a, b) => instant(b.data.timeline.started) - instant(a.data.timeline.started) || a.id.localeCompare(b.id));
  const count = all.filter((pm) => inside(current, instant(pm.data.timeline.started))).length;
  const previousCount = all.filter((pm) => inside(before, instant(pm.data.timeline.started))).length;
  return { from: current.from, to: current.to, count, previousCount, trend: callTrend({ n: count, value: count }, { n: previousCount, value: previousCount }, 'near misses'), all };
}

export interface Trends {
  perMonth: MonthlyIncidents[];
  durations: QuarterDurations[];
  detection: DetectionSplit;
  factors: QuarterFactors[];
  recurrences: Recurrence<PostmortemView>[];
}

/** Incident trends over the counted incidents only: near misses and drafts are left out. */
export function trendInsights(model: Pick<Model, 'postmortems' | 'config' | 'site'>): Trends {
  const { config, site } = model;
  const incidents = model.postmortems.filter(countsAsIncident);
  return {
    perMonth: incidentsPerMonth(incidents, config.severities.map((level) => level.id), site.now),
    durations: durationsByQuarter(incidents, site.now),
    detection: detectionSplit(incidents),
    factors: factorsByQuarter(incidents, config.contributingFactorCategories.map((category) => category.id), site.now),
    recurrences: recurrences(incidents, config.thresholds.recurrenceDays),
  };
}

// ───────────────────────────── Everything ─────────────────────────────

export interface Insights {
  actionItems: ActionItemSummary;
  releases: ReleaseInsights;
  dora: DoraReport;
  timeToX: TimeToXInsights;
  nearMisses: NearMissInsights<PostmortemView>;
  slos: SloInsight[];
  policy: PolicySignal[];
  reviewSessions: ReviewSession<PrdView>[];
  trends: Trends;
}

/** Every figure of `/insights/`, over the entries the model's audience may see. */
export function insights(model: Model): Insights {
  return {
    actionItems: actionItemInsights(model),
    releases: releaseInsights(model),
    dora: doraInsights(model),
    timeToX: timeToXInsights(model.postmortems.filter(countsAsIncident), model.site.now),
    nearMisses: nearMissInsights(model.postmortems, model.site.now),
    slos: sloInsights(model),
    policy: policySignals(model.postmortems),
    reviewSessions: reviewSessionInsights(model),
    trends: trendInsights(model),
  };
}
