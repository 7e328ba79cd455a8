/**
 * `/calendar.ics`: release trains and PRD review sessions as all-day events people can subscribe
 * to. Valid iCalendar (RFC 5545): CRLF line endings, lines folded at 75 octets, TEXT values
 * escaped, stable UIDs (`train-2026-11-a@<host>`, `prd-review-2026-11-19@<host>`), and DTSTAMP set
 * to the as-of instant in UTC so the same content builds the same file. Pure: model in, text out.
 */
import { trainsBetween, occurrencesBetween } from '../core/calendar.ts';
import type { Model } from '../core/model.ts';
import { humanize } from '../core/presentation.ts';
import { addDays, isoDate } from '../core/time.ts';

export const CALENDAR_PATH = '/calendar.ics';
/** Months of history and of future the calendar covers, around the as-of date. */
export const CALENDAR_MONTHS_BEFORE = 3;
export const CALENDAR_MONTHS_AFTER = 6;

export interface CalendarEvent {
  uid: string;
  /** All-day event on this date (`YYYY-MM-DD`). */
  date: string;
  summary: string;
  description: string;
  url: string;
  categories: string[];
}

/** Escapes an iCalendar TEXT value: `\`, `;`, `,` and line breaks; drops other control characters. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

/** Folds a content line so no line exceeds 75 octets (UTF-8), never splitting a character. */
export function foldLine(line: string, limit = 75): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    // Continuation lines start with a space, which counts towards their 75 octets.
    const room = parts.length === 0 ? limit : limit - 1;
    if (octets + size > room) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** `20261128T120000Z`. */
export function utcStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

const basicDate = (date: string) => date.replace(/-/g, '');

/** The date `months` calendar months from `date` (negative goes back). */
function addMonths(date: string, months: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCMonth(value.getUTCMonth() + months);
  return isoDate(value.getTime());
}

/** The events of the calendar: trains and review sessions from 3 months before to 6 after the as-of date. */
export function calendarEvents(model: Model): CalendarEvent[] {
  const { site, config } = model;
  const host = new URL(site.url).host;
  const today = isoDate(site.now);
  const from = addMonths(today, -CALENDAR_MONTHS_BEFORE);
  const to = addMonths(today, CALENDAR_MONTHS_AFTER);
  const events: CalendarEvent[] = [];

  for (const train of trainsBetween(config.releaseTrains, from, to)) {
    const riding = model.releases.filter((release) => release.data.train === train.id);
    const lines = riding.length
      ? [`Releases on this train:`, ...riding.map((release) => `- ${release.title === release.data.version ? release.title : `${release.title} (${release.data.version})`}: ${humanize(release.data.status).toLowerCase()} — ${site.url}${release.url}`)]
      : ['No releases on this train.'];
    events.push({
      uid: `train-${train.id}@${host}`,
      date: train.date,
      summary: `Release train ${train.id} departs`,
      description: lines.join('\n'),
      url: `${site.url}/releases/`,
      categories: ['Release train'],
    });
  }

  // Sessions on the cadence, plus any other date an in-review PRD is booked on or a decision was taken.
  const inReview = model.prds.filter((prd) => prd.data.status === 'in-review' && prd.reviewSession);
  const decisions = model.prds.flatMap((prd) => (prd.data.review?.decisions ?? []).map((decision) => ({ prd, decision })));
  const sessions = new Set(occurrencesBetween(config.prdReviews, from, to).map((occurrence) => occurrence.date));
  for (const date of [...inReview.map((prd) => prd.reviewSession!), ...decisions.map(({ decision }) => decision.date)]) {
    if (date >= from && date <= to) sessions.add(date);
  }
  for (const date of [...sessions].sort()) {
    const scheduled = inReview.filter((prd) => prd.reviewSession === date);
    const decided = decisions.filter(({ decision }) => decision.date === date);
    const lines = [
      ...(scheduled.length ? ['PRDs in review at this session:', ...scheduled.map((prd) => `- ${prd.title} — ${site.url}${prd.url}`)] : []),
      ...(decided.length ? ['Decisions taken at this session:', ...decided.map(({ prd, decision }) => `- ${prd.title}: ${humanize(decision.outcome).toLowerCase()} — ${site.url}${prd.url}`)] : []),
    ];
    if (lines.length === 0) lines.push(date < today ? 'No PRDs were reviewed at this session.' : 'No PRDs scheduled for this session yet.');
    events.push({
      uid: `prd-review-${date}@${host}`,
      date,
      summary: scheduled.length ? `PRD review session (${scheduled.length} PRD${scheduled.length === 1 ? '' : 's'} in review)` : 'PRD review session',
      description: lines.join('\n'),
      url: `${site.url}/prds/`,
      categories: ['PRD review'],
    });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

/** The calendar as iCalendar text. */
export function calendar(model: Model): string {
  const { site } = model;
  const stamp = utcStamp(site.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Almanac//${escapeText(site.name)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(`${site.name}: release trains and PRD reviews`)}`,
    `X-WR-CALNAME:${escapeText(`${site.name}: release trains and PRD reviews`)}`,
    `X-WR-CALDESC:${escapeText(`Release train departures and PRD review sessions from ${site.name}.`)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
  ];
  for (const event of calendarEvents(model)) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(event.date)}`,
      `DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `URL:${event.url}`,
      `CATEGORIES:${event.categories.map(escapeText).join(',')}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map((line) => foldLine(line)).join('\r\n')}\r\n`;
}
