/** Incident trends by month and quarter: severity, detection, contributing factors, recurrence. */
import { type Durations, type Timeline } from '../durations.ts';
import { DETECTION_SOURCES } from '../schemas/postmortems.ts';
import { DAY_MS, instant, isoDate } from '../time.ts';
import { countBy, type Distribution, distribution, ratioPercent, round6 } from './common.ts';

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
  for (let label = first; label <= last;) {
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
  for (let label = first; label <= last;) {
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

export const startedMs = (incident: IncidentInput) => instant(incident.data.timeline.started);

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
  return [
    of(
      Math.max(
        earliest.getTime(),
        started.reduce((a, b) => Math.min(a, b)),
      ),
    ),
    of(now),
  ];
}

/**
 * Incidents by the period of their start (`of` its instant), each period's in the order given:
 * one pass, where filtering the whole list for each period of a ten-year chart went over 10,000
 * incidents 120 times.
 */
function byPeriod<I extends IncidentInput>(incidents: readonly I[], of: (ms: number) => string): Map<string, I[]> {
  return Map.groupBy(incidents, (incident) => of(startedMs(incident)));
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
  const byMonth = byPeriod(incidents, monthOf);
  return monthsBetween(...range).map((month) => {
    const list = byMonth.get(month) ?? [];
    return {
      month,
      bySeverity: Object.fromEntries(severities.map((severity) => [severity, list.filter((i) => i.severity === severity).length])),
      total: list.length,
    };
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
export function durationValues(incidents: readonly IncidentInput[], key: keyof Durations): number[] {
  return incidents.flatMap((incident) => (incident.durations[key] === undefined ? [] : [incident.durations[key]!]));
}

/**
 * Median and p90 (nearest rank) of time to detect / mitigate / resolve by quarter of
 * `timeline.started`; an incident without `mitigated`/`resolved` is left out of that figure.
 */
export function durationsByQuarter(incidents: readonly IncidentInput[], now: number): QuarterDurations[] {
  const range = periodRange(incidents, quarterOf, now);
  if (!range) return [];
  const byQuarter = byPeriod(incidents, quarterOf);
  return quartersBetween(...range).map((quarter) => {
    const list = byQuarter.get(quarter) ?? [];
    const of = (key: keyof Durations) => distribution(durationValues(list, key));
    return {
      quarter,
      incidents: list.length,
      detect: of('toDetectMinutes'),
      mitigate: of('toMitigateMinutes'),
      resolve: of('toResolveMinutes'),
    };
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
  const bySource = sources.map((source) => ({
    source,
    count: bySourceCount.get(source) ?? 0,
    percent: ratioPercent(bySourceCount.get(source) ?? 0, total),
  }));
  return {
    total,
    bySource,
    alertPercent: ratioPercent(bySourceCount.get('alert') ?? 0, total),
    customerPercent: ratioPercent(bySourceCount.get('customer-report') ?? 0, total),
  };
}

export interface QuarterFactors {
  quarter: string;
  /** Incidents naming each category at least once (an incident counts once per category). */
  byCategory: Record<string, number>;
}

export function factorsByQuarter(incidents: readonly IncidentInput[], categories: readonly string[], now: number): QuarterFactors[] {
  const range = periodRange(incidents, quarterOf, now);
  if (!range) return [];
  const byQuarter = byPeriod(incidents, quarterOf);
  return quartersBetween(...range).map((quarter) => {
    const list = byQuarter.get(quarter) ?? [];
    return {
      quarter,
      byCategory: Object.fromEntries(
        categories.map((category) => [
          category,
          list.filter((i) => i.data.contributingFactors.some((f) => f.category === category)).length,
        ]),
      ),
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
  // Each incident's start and categories once, in start order; then, service by service, each
  // incident is paired only with the later incidents of the same service inside the window (at
  // 10,000 incidents a window holds a few hundred incidents, and a few of them share a service).
  const sorted = incidents
    .map((incident) => ({
      incident,
      started: startedMs(incident),
      categories: [...new Set(incident.data.contributingFactors.map((f) => f.category))],
    }))
    .sort((a, b) => a.started - b.started || a.incident.id.localeCompare(b.incident.id));
  const byService = new Map<string, number[]>();
  sorted.forEach(({ incident }, position) => {
    for (const service of new Set(incident.data.services)) {
      const list = byService.get(service);
      if (list) list.push(position);
      else byService.set(service, [position]);
    }
  });
  const found: { earlier: number; later: number; pair: Recurrence<I> }[] = [];
  for (const [service, positions] of byService) {
    for (const [k, i] of positions.entries()) {
      const earlier = sorted[i];
      for (let next = k + 1; next < positions.length; next++) {
        const j = positions[next];
        const later = sorted[j];
        const daysApart = (later.started - earlier.started) / DAY_MS;
        if (daysApart > withinDays) break;
        const laterServices = later.incident.data.services;
        const services = earlier.incident.data.services.filter((name) => laterServices.includes(name));
        // A pair is met once per service the two share: it is taken at the first of them.
        if (services[0] !== service) continue;
        const categories = earlier.categories.filter((category) => later.categories.includes(category));
        if (categories.length === 0) continue;
        found.push({
          earlier: i,
          later: j,
          pair: { earlier: earlier.incident, later: later.incident, services, categories, daysApart: round6(daysApart) },
        });
      }
    }
  }
  // Latest pair first; pairs that start together in the order of their positions.
  return found
    .sort(
      (a, b) =>
        sorted[b.later].started - sorted[a.later].started ||
        sorted[b.earlier].started - sorted[a.earlier].started ||
        a.earlier - b.earlier ||
        a.later - b.later,
    )
    .map((entry) => entry.pair);
}
