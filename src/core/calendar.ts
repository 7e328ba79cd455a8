/**
 * Recurring calendars from the site configuration: release trains, PRD and postmortem review
 * sessions. A cadence is periodic in both directions from its `start`: the start is an anchor,
 * not the first occurrence, so a handbook can date a session before the anchor it configured.
 * A train is named `<YYYY-MM>-<letter>` by its order among the trains departing that month.
 */
import { addDays, dayStart, DAY_MS, durationMinutes, explainCadenceStep, isoDate } from './time.ts';

export interface Cadence {
  every: string;
  start: string;
}

export interface Occurrence {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Steps from the cadence's anchor: 0 at `start`, negative before it. */
  index: number;
}

export interface Train extends Occurrence {
  /** `2026-11-a`. */
  id: string;
}

function stepDays(cadence: Cadence): number {
  const problem = explainCadenceStep(cadence.every);
  if (problem) throw new Error(`Invalid calendar cadence: ${problem}`);
  return durationMinutes(cadence.every) / 1440;
}

/** Occurrences whose date lies in [from, to] (inclusive, `YYYY-MM-DD`). */
export function occurrencesBetween(cadence: Cadence, from: string, to: string): Occurrence[] {
  const step = stepDays(cadence);
  const first = Math.ceil((dayStart(from) - dayStart(cadence.start)) / (step * DAY_MS));
  const result: Occurrence[] = [];
  for (let index = first; ; index++) {
    const date = addDays(cadence.start, index * step);
    if (date > to) break;
    result.push({ date, index });
  }
  return result;
}

/** The first occurrence on or after a date. */
export function nextOccurrence(cadence: Cadence, onOrAfter: string): Occurrence {
  const step = stepDays(cadence);
  const index = Math.ceil((dayStart(onOrAfter) - dayStart(cadence.start)) / (step * DAY_MS));
  return { date: addDays(cadence.start, index * step), index };
}

/** Names a train by its departure date: the n-th train departing in a month gets letter n. */
export function trainId(cadence: Cadence, occurrence: Occurrence): string {
  const month = occurrence.date.slice(0, 7);
  const step = stepDays(cadence);
  let letter = 0;
  // Earlier departures of the same month, before or after the anchor alike (a month holds at most 31).
  for (let index = occurrence.index - 1; ; index--) {
    if (addDays(cadence.start, index * step).slice(0, 7) !== month) break;
    letter++;
  }
  return `${month}-${String.fromCharCode(97 + letter)}`;
}

export function trainsBetween(cadence: Cadence, from: string, to: string): Train[] {
  return occurrencesBetween(cadence, from, to).map((occurrence) => ({ ...occurrence, id: trainId(cadence, occurrence) }));
}

export function nextTrain(cadence: Cadence, now: number): Train {
  const occurrence = nextOccurrence(cadence, isoDate(now));
  return { ...occurrence, id: trainId(cadence, occurrence) };
}
