/**
 * SLO windows. A rolling window (`30d`) is `(asOf − window, asOf]`. A calendar window
 * (`calendar-week`, `calendar-month`, `calendar-quarter`) is the calendar period of the SLO's time
 * zone that contains the as-of instant: weeks from Monday 00:00, months and quarters from their
 * first day at 00:00. Its budget is computed over the whole period (real minutes: a week across a
 * DST change has 10,020 or 10,140), its consumption from the period start to the as-of instant.
 */
import { DURATION, durationMinutes, explainDuration, MINUTE_MS } from './time.ts';
import { DEFAULT_TIME_ZONE, localTime, zonedDayStart, zoneName } from './zones.ts';

export const CALENDAR_WINDOWS = ['calendar-week', 'calendar-month', 'calendar-quarter'] as const;
export type CalendarWindow = (typeof CALENDAR_WINDOWS)[number];

export function isCalendarWindow(window: string): window is CalendarWindow {
  return (CALENDAR_WINDOWS as readonly string[]).includes(window);
}

/** Why a string is not an SLO window, or `undefined` when it is one. */
export function explainWindow(value: string): string | undefined {
  if (isCalendarWindow(value)) return undefined;
  const problem = explainDuration(value);
  if (problem === undefined) return undefined;
  // A well-formed duration that is not usable (0 minutes, over 100 years) says why; anything
  // else is not a window at all.
  if (DURATION.test(value)) return problem;
  return `"${value}" is not an SLO window; write a rolling duration <number><unit> with unit m, h, d or w (e.g. "30d" or "4w"), or one of ${CALENDAR_WINDOWS.join(', ')}`;
}

export interface WindowSpec {
  /** A duration (`30d`) or a calendar window (`calendar-month`). */
  window: string;
  /** IANA zone of a calendar window; UTC when absent. */
  timeZone?: string;
}

export interface ResolvedWindow {
  kind: 'rolling' | 'calendar';
  /** Epoch ms: asOf − window, or the start of the calendar period. */
  start: number;
  /** Epoch ms: asOf, or the end of the calendar period (the next period's start). */
  end: number;
  /** Consumption counts bad time up to this instant: the as-of instant. */
  until: number;
  /** Minutes the budget is a share of: the rolling duration, or the whole calendar period. */
  minutes: number;
}

/** The calendar period of `kind` in `zone` that contains the instant `at`: `[start, end)`. */
export function calendarPeriod(kind: CalendarWindow, zone: string, at: number): { start: number; end: number } {
  const local = localTime(at, zone);
  let from: [number, number, number];
  let to: [number, number, number];
  if (kind === 'calendar-week') {
    const monday = local.day - (local.weekday - 1);
    from = [local.year, local.month, monday];
    to = [local.year, local.month, monday + 7];
  } else if (kind === 'calendar-month') {
    from = [local.year, local.month, 1];
    to = [local.year, local.month + 1, 1];
  } else {
    const first = local.month - ((local.month - 1) % 3);
    from = [local.year, first, 1];
    to = [local.year, first + 3, 1];
  }
  return { start: zonedDayStart(...from, zone), end: zonedDayStart(...to, zone) };
}

/** The window of an SLO as of `now` (epoch ms). */
export function resolveWindow(spec: WindowSpec, now: number): ResolvedWindow {
  if (isCalendarWindow(spec.window)) {
    const period = calendarPeriod(spec.window, spec.timeZone ?? DEFAULT_TIME_ZONE, now);
    return { kind: 'calendar', start: period.start, end: period.end, until: now, minutes: (period.end - period.start) / MINUTE_MS };
  }
  const minutes = durationMinutes(spec.window);
  return { kind: 'rolling', start: now - minutes * MINUTE_MS, end: now, until: now, minutes };
}

const monthYear = (year: number, month: number) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
const dayMonthYear = (year: number, month: number, day: number) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );

/**
 * The window as a reader names it: "November 2026 (calendar month, New York time)",
 * "Q4 2026 (calendar quarter, UTC)", "week of 2 November 2026 (calendar week, UTC)", or
 * "30d, rolling" for a rolling window.
 */
export function windowLabel(spec: WindowSpec, now: number): string {
  if (!isCalendarWindow(spec.window)) return `${spec.window}, rolling`;
  const zone = spec.timeZone ?? DEFAULT_TIME_ZONE;
  const start = localTime(calendarPeriod(spec.window, zone, now).start, zone);
  const kind = spec.window.replace('-', ' ');
  const period =
    spec.window === 'calendar-month'
      ? monthYear(start.year, start.month)
      : spec.window === 'calendar-quarter'
        ? `Q${(start.month + 2) / 3} ${start.year}`
        : `week of ${dayMonthYear(start.year, start.month, start.day)}`;
  return `${period} (${kind}, ${zoneName(zone)})`;
}

/** The kind of window in a few words, without a date: "calendar month, New York time" or "30d rolling". */
export function windowKind(spec: WindowSpec): string {
  return isCalendarWindow(spec.window)
    ? `${spec.window.replace('-', ' ')}, ${zoneName(spec.timeZone ?? DEFAULT_TIME_ZONE)}`
    : `${spec.window} rolling`;
}
