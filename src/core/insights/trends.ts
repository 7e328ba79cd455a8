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
  return quartersBetween(...range).map((quarter) => {
    const list = incidents.filter((incident) => quarterOf(startedMs(incident)) === quarter);
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
  return quartersBetween(...range).map((quarter) => {
    const list = incidents.filter((incident) => quarterOf(startedMs(incident)) === quarter);
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
  // Each incident's start and categories once: at 10,000 incidents the window holds a few
  // hundred neighbours of each, and comparing them must not parse or allocate per pair.
  const sorted = incidents
    .map((incident) => ({
      incident,
      started: startedMs(incident),
      categories: [...new Set(incident.data.contributingFactors.map((f) => f.category))],
    }))
    .sort((a, b) => a.started - b.started || a.incident.id.localeCompare(b.incident.id));
  const pairs: Recurrence<I>[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const earlier = sorted[i];
    for (let j = i + 1; j < sorted.length; j++) {
      const later = sorted[j];
      const daysApart = (later.started - earlier.started) / DAY_MS;
      if (daysApart > withinDays) break;
      const laterServices = later.incident.data.services;
      if (!earlier.incident.data.services.some((service) => laterServices.includes(service))) continue;
      const categories = earlier.categories.filter((category) => later.categories.includes(category));
      if (categories.length === 0) continue;
      const services = earlier.incident.data.services.filter((service) => laterServices.includes(service));
      pairs.push({ earlier: earlier.incident, later: later.incident, services, categories, daysApart: round6(daysApart) });
    }
  }
  return pairs.sort((a, b) => startedMs(b.later) - startedMs(a.later) || startedMs(b.earlier) - startedMs(a.earlier));
}
