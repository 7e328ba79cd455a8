/**
 * Time arithmetic for the content model. Everything here works on epoch milliseconds so that
 * datetimes written with different UTC offsets compare and subtract correctly.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/** ISO 8601 datetime that carries an explicit offset (`Z` or `±hh:mm`). */
export const DATETIME_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The same shape without the offset: recognised so the error can say what is missing. */
const DATETIME_WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
export const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DURATION = /^(\d+(?:\.\d+)?)(m|h|d|w)$/;

const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 24 * 60, w: 7 * 24 * 60 };

/**
 * The longest duration accepted: 100 years. Every duration is added to or subtracted from a date
 * somewhere (a window start, a review due date, the next session); past this bound such a date
 * would leave the years a page can show, or the range `Date` can hold at all.
 */
export const MAX_DURATION_MINUTES = 36_500 * 24 * 60;
/**
 * The last instant a page can show: `toISOString` writes years after 9999 as `+010000-…`, which
 * every `YYYY-MM-DD` slice, feed and calendar would print wrong.
 */
export const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
/** `Date` parses offsets up to ±23:59; the message says so, and what real zones use. */
const OFFSET_RULE = 'an offset is Z or ±hh:mm with hours 00–23 and minutes 00–59 (real time zones run from -12:00 to +14:00)';
const YEAR_RULE = 'years run from 0001 to 9999';

/**
 * Whether year-month-day exists in the proleptic Gregorian calendar. `setUTCFullYear` is used
 * because `Date.UTC` reads years 0–99 as 1900–1999, which made year 0001 "not a real date".
 */
function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a `YYYY-MM-DD` triple is not a date the site can publish, or `undefined`. */
function explainCalendarDate(value: string, year: string, month: string, day: string): string | undefined {
  if (Number(year) < 1) return `"${value}" has the year ${year}; ${YEAR_RULE}`;
  if (!isRealCalendarDate(Number(year), Number(month), Number(day))) return `"${value}" is not a real calendar date`;
  return undefined;
}

/** Why a string is not a datetime with offset, or `undefined` when it is one. */
export function explainDateTime(value: string): string | undefined {
  if (DATETIME_WITHOUT_OFFSET.test(value)) {
    return `"${value}" has no UTC offset, so its time zone would be a guess; add one, e.g. "${value.replace(' ', 'T')}Z" or "${value.replace(' ', 'T')}+01:00"`;
  }
  const match = DATETIME_WITH_OFFSET.exec(value);
  if (!match) return `"${value}" is not an ISO 8601 datetime; write e.g. "2026-03-02T09:14:00Z" or "2026-03-02T10:14:00+01:00"`;
  const [, y, mo, d, h, mi, s, offset] = match;
  const dateProblem = explainCalendarDate(value, y, mo, d);
  if (dateProblem) return dateProblem;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return `"${value}" is not a valid time of day`;
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) {
    return `"${value}" has the UTC offset ${offset}, which no clock uses; ${OFFSET_RULE}`;
  }
  const ms = Date.parse(value);
  // Belt and braces: whatever the checks above let through must parse, or pages would crash.
  if (Number.isNaN(ms)) return `"${value}" is not an ISO 8601 datetime; write e.g. "2026-03-02T09:14:00Z" or "2026-03-02T10:14:00+01:00"`;
  if (ms > LAST_INSTANT_MS)
    return `"${value}" is ${new Date(ms).toISOString()} in UTC, after 9999-12-31T23:59:59Z, the last instant the site can show; ${YEAR_RULE} in UTC too`;
  return undefined;
}

/** Why a string is not a `YYYY-MM-DD` date, or `undefined` when it is one. */
export function explainDate(value: string): string | undefined {
  const match = DATE.exec(value);
  if (!match) return `"${value}" is not a date; write YYYY-MM-DD, e.g. "2026-03-02"`;
  return explainCalendarDate(value, match[1], match[2], match[3]);
}

/**
 * Why a string is not a duration, or `undefined` when it is one. Every duration of the content
 * model is a period (a window, a review interval, a cadence), so it must be longer than 0; a `0d`
 * window would be a 0-minute budget that every incident exhausts.
 */
export function explainDuration(value: string): string | undefined {
  const match = DURATION.exec(value);
  if (!match) return `"${value}" is not a duration; write <number><unit> with unit m, h, d or w, e.g. "30d" or "4h"`;
  const minutes = Number(match[1]) * UNIT_MINUTES[match[2]];
  if (minutes === 0) return `"${value}" is 0 minutes long; a window or period must be longer than 0, e.g. "30d"`;
  if (minutes > MAX_DURATION_MINUTES)
    return `"${value}" is longer than 100 years; write at most "36500d" (dates further out cannot be shown)`;
  return undefined;
}

/**
 * Why a duration cannot be a calendar cadence (release trains, review sessions), or `undefined`:
 * occurrences fall on dates, so the step must be whole days.
 */
export function explainCadenceStep(value: string): string | undefined {
  const problem = explainDuration(value);
  if (problem) return problem;
  const days = durationMinutes(value) / 1440;
  return Number.isInteger(days)
    ? undefined
    : `"${value}" is not whole days or weeks; a cadence falls on dates, so write e.g. "14d" or "2w"`;
}

/** Epoch milliseconds of a validated datetime with offset. */
export function instant(value: string): number {
  // Budgets read the same timelines again for every day and release they check; parsing a
  // datetime costs far more than finding it in a map.
  let ms = instants.get(value);
  if (ms === undefined) {
    if (instants.size >= MAX_REMEMBERED_INSTANTS) instants.clear();
    instants.set(value, (ms = Date.parse(value)));
  }
  return ms;
}

const instants = new Map<string, number>();
/** Enough for every datetime of a large handbook (four or five per postmortem). */
const MAX_REMEMBERED_INSTANTS = 200_000;

/** Epoch milliseconds of midnight UTC starting a `YYYY-MM-DD` date. */
export function dayStart(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

/** Minutes in a validated duration string (`30d` → 43200). */
export function durationMinutes(value: string): number {
  const match = DURATION.exec(value);
  if (!match) throw new Error(`Not a duration: "${value}"`);
  return Number(match[1]) * UNIT_MINUTES[match[2]];
}

/** Minutes from `from` to `to` (both datetimes with offset); negative when `to` is earlier. */
export function minutesBetween(from: string, to: string): number {
  return (instant(to) - instant(from)) / MINUTE_MS;
}

/**
 * `YYYY-MM-DD` of an epoch instant, in UTC. The date part is cut at the `T`, not at 10
 * characters, so a derived date past year 9999 (a due date far out) reads `+010000-01-05`, not
 * a truncated `+010000-01`.
 */
export function isoDate(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(0, iso.indexOf('T'));
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  return isoDate(dayStart(date) + days * DAY_MS);
}

/** The median of a list of numbers, or `undefined` for an empty list. */
export function median(values: readonly number[]): number | undefined {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of a list, or `undefined` for an empty list. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  if (p === 50 && sorted.length % 2 === 0) {
    return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
