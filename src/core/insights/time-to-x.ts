/** Time to detect, acknowledge, mitigate and resolve as distributions, and near misses. */
import { type Model, type PostmortemView } from '../model.ts';
import { instant } from '../time.ts';
import {
  callTrend,
  countsAsIncident,
  type Distribution,
  distribution,
  inside,
  isNearMiss,
  type TimeWindow,
  type TrendCall,
  windowEnding,
} from './common.ts';
import { type DoraPostmortemInput } from './dora.ts';
import {
  type DetectionSplit,
  detectionSplit,
  durationsByQuarter,
  durationValues,
  factorsByQuarter,
  type IncidentInput,
  incidentsPerMonth,
  type MonthlyIncidents,
  type QuarterDurations,
  type QuarterFactors,
  type Recurrence,
  recurrences,
  startedMs,
} from './trends.ts';

/** The time-to-x figures and the duration each one summarises (see durations.ts). */
export const TIME_TO_X = {
  detect: 'toDetectMinutes',
  acknowledge: 'toAcknowledgeMinutes',
  mitigate: 'toMitigateMinutes',
  resolve: 'toResolveMinutes',
} as const;
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
      TIME_TO_X_KEYS.map((key) => [
        key,
        callTrend(
          { n: now_.timeToX[key].n, value: now_.timeToX[key].median },
          { n: previous.timeToX[key].n, value: previous.timeToX[key].median },
        ),
      ]),
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
  const all = postmortems
    .filter(isNearMiss)
    .sort((a, b) => instant(b.data.timeline.started) - instant(a.data.timeline.started) || a.id.localeCompare(b.id));
  const count = all.filter((pm) => inside(current, instant(pm.data.timeline.started))).length;
  const previousCount = all.filter((pm) => inside(before, instant(pm.data.timeline.started))).length;
  return {
    from: current.from,
    to: current.to,
    count,
    previousCount,
    trend: callTrend({ n: count, value: count }, { n: previousCount, value: previousCount }, 'near misses'),
    all,
  };
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
    perMonth: incidentsPerMonth(
      incidents,
      config.severities.map((level) => level.id),
      site.now,
    ),
    durations: durationsByQuarter(incidents, site.now),
    detection: detectionSplit(incidents),
    factors: factorsByQuarter(
      incidents,
      config.contributingFactorCategories.map((category) => category.id),
      site.now,
    ),
    recurrences: recurrences(incidents, config.thresholds.recurrenceDays),
  };
}
