/**
 * Wall-clock time in an IANA time zone, through `Intl.DateTimeFormat` (the runtime's own time-zone
 * database, so no date library): the local date and time of an instant, and the instant a local
 * day begins. Calendar-aligned SLO windows (windows.ts) are built on these.
 */
import { DAY_MS } from './time.ts';

/** The zone of a calendar window when the SLO names none. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** Named in messages as valid examples. */
const EXAMPLE_ZONES = '"UTC", "Europe/Berlin" or "America/New_York"';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let found = formatters.get(zone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, found);
  }
  return found;
}

/** Why a string is not an IANA time zone the runtime knows, or `undefined` when it is one. */
export function explainTimeZone(value: string): string | undefined {
  try {
    formatter(value);
    return undefined;
  } catch {
    return `"${value}" is not an IANA time zone name; write e.g. ${EXAMPLE_ZONES}`;
  }
}

export interface LocalTime {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The wall-clock date and time of an instant in `zone`. */
export function localTime(ms: number, zone: string): LocalTime {
  // UTC is the zone of every quarter and of most windows: read from the date itself, as
  // formatting through Intl would give it (years 1–9999, where Intl's calendar has no era), at a
  // hundredth of the cost. Budgets and quarters ask for hundreds of thousands of these.
  if (zone === 'UTC') {
    const date = new Date(ms);
    const year = date.getUTCFullYear();
    if (year >= 1 && year <= 9999)
      return {
        year,
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: date.getUTCHours(),
        minute: date.getUTCMinutes(),
        second: date.getUTCSeconds(),
        weekday: date.getUTCDay() || 7,
      };
  }
  const parts: Record<string, string> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday],
  };
}

/** Offset of `zone` from UTC at an instant, in milliseconds (New York in winter: −5 h). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const local = localTime(ms, zone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

const dayKey = (local: Pick<LocalTime, 'year' | 'month' | 'day'>) => local.year * 10_000 + local.month * 100 + local.day;

/**
 * The instant local day `year-month-day` begins in `zone`: 00:00 there, or, where a DST change
 * skips midnight, the first instant of that date. Month and day may overflow (`month` 13 is
 * January of the next year), as with `Date.UTC`.
 */
export function zonedDayStart(year: number, month: number, day: number, zone: string): number {
  if (zone === 'UTC') return Date.UTC(year, month - 1, day);
  // Budgets and quarters ask for the same few days again and again (each formatting costs
  // microseconds through Intl); the answer for a day and zone never changes.
  const key = `${zone}|${year}|${month}|${day}`;
  let start = dayStarts.get(key);
  if (start === undefined) dayStarts.set(key, (start = findDayStart(year, month, day, zone)));
  return start;
}

const dayStarts = new Map<string, number>();

function findDayStart(year: number, month: number, day: number, zone: string): number {
  const utc = Date.UTC(year, month - 1, day);
  const normal = new Date(utc);
  const target = dayKey({ year: normal.getUTCFullYear(), month: normal.getUTCMonth() + 1, day: normal.getUTCDate() });
  // Two rounds: the offset at the guess may differ from the offset at the answer near a change.
  const guess = utc - zoneOffsetMs(utc, zone);
  const candidate = utc - zoneOffsetMs(guess, zone);
  const local = localTime(candidate, zone);
  if (dayKey(local) === target && local.hour === 0 && local.minute === 0 && local.second === 0) return candidate;
  // Midnight does not exist that day: the day starts at the first instant whose local date is it.
  let low = candidate - DAY_MS;
  let high = candidate + DAY_MS;
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (dayKey(localTime(middle, zone)) >= target) high = middle;
    else low = middle;
  }
  return high;
}

/** A reader's name for a zone: "New York time" for America/New_York, "UTC" for UTC. */
export function zoneName(zone: string): string {
  if (/^(Etc\/)?(UTC|UCT|Zulu|Universal|GMT)$/i.test(zone)) return 'UTC';
  const city = zone.split('/').at(-1)!.replace(/_/g, ' ');
  return `${city} time`;
}
