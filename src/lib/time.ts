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

function isRealCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Why a string is not a datetime with offset, or `undefined` when it is one. */
export function explainDateTime(value: string): string | undefined {
  if (DATETIME_WITHOUT_OFFSET.test(value)) {
    return `"${value}" has no UTC offset, so its time zone would be a guess; add one, e.g. "${value.replace(' ', 'T')}Z" or "${value.replace(' ', 'T')}+01:00"`;
  }
  const match = DATETIME_WITH_OFFSET.exec(value);
  if (!match) return `"${value}" is not an ISO 8601 datetime; write e.g. "2026-03-02T09:14:00Z" or "2026-03-02T10:14:00+01:00"`;
  const [, y, mo, d, h, mi, s] = match;
  if (!isRealCalendarDate(Number(y), Number(mo), Number(d))) return `"${value}" is not a real calendar date`;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return `"${value}" is not a valid time of day`;
  return undefined;
}

/** Why a string is not a `YYYY-MM-DD` date, or `undefined` when it is one. */
export function explainDate(value: string): string | undefined {
  const match = DATE.exec(value);
  if (!match) return `"${value}" is not a date; write YYYY-MM-DD, e.g. "2026-03-02"`;
  if (!isRealCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) return `"${value}" is not a real calendar date`;
  return undefined;
}

/** Why a string is not a duration, or `undefined` when it is one. */
export function explainDuration(value: string): string | undefined {
  return DURATION.test(value) ? undefined : `"${value}" is not a duration; write <number><unit> with unit m, h, d or w, e.g. "30d" or "4h"`;
}

/** Epoch milliseconds of a validated datetime with offset. */
export function instant(value: string): number {
  return Date.parse(value);
}

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

/** `YYYY-MM-DD` of an epoch instant, in UTC. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
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
