/**
 * `/calendar.ics`: release trains, PRD and postmortem review sessions as all-day events people can
 * subscribe to; `/teams/<id>/calendar.ics`: one team's due dates (handbook reviews, action items)
 * and the review sessions with an item it owns. Valid iCalendar (RFC 5545): CRLF line endings,
 * lines folded at 75 octets, TEXT values escaped, stable UIDs (`train-2026-11-a@<host>`,
 * `prd-review-2026-11-19@<host>`, `postmortem-review-2026-12-01@<host>`), and DTSTAMP set to the
 * as-of instant in UTC so the same content builds the same file. Pure: model in, text out.
 */
import { trainsBetween, occurrencesBetween } from '../core/calendar.ts';
import type { Model, PostmortemView } from '../core/model.ts';
import { reviewPackPath, REVIEWS_PATH } from '../core/routes.ts';
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
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
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
      ? [
          `Releases on this train:`,
          ...riding.map(
            (release) =>
              `- ${release.title === release.data.version ? release.title : `${release.title} (${release.data.version})`}: ${humanize(release.data.status).toLowerCase()} — ${site.url}${release.url}`,
          ),
        ]
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
      ...(decided.length
        ? [
            'Decisions taken at this session:',
            ...decided.map(({ prd, decision }) => `- ${prd.title}: ${humanize(decision.outcome).toLowerCase()} — ${site.url}${prd.url}`),
          ]
        : []),
    ];
    if (lines.length === 0) lines.push(date < today ? 'No PRDs were reviewed at this session.' : 'No PRDs scheduled for this session yet.');
    events.push({
      uid: `prd-review-${date}@${host}`,
      date,
      summary: scheduled.length
        ? `PRD review session (${scheduled.length} PRD${scheduled.length === 1 ? '' : 's'} in review)`
        : 'PRD review session',
      description: lines.join('\n'),
      url: `${site.url}/prds/`,
      categories: ['PRD review'],
    });
  }
  // Postmortem review sessions: the cadence, plus any date an in-review postmortem is booked on.
  const postmortemsInReview = model.postmortems.filter((view) => view.data.status === 'in-review' && view.reviewSession);
  const postmortemSessions = new Set(occurrencesBetween(config.postmortemReviews, from, to).map((occurrence) => occurrence.date));
  for (const view of postmortemsInReview)
    if (view.reviewSession! >= from && view.reviewSession! <= to) postmortemSessions.add(view.reviewSession!);
  for (const date of [...postmortemSessions].sort())
    events.push(
      postmortemSessionEvent(
        model,
        date,
        postmortemsInReview.filter((view) => view.reviewSession === date),
        host,
      ),
    );
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

/** One postmortem review session: what is on it, and where its pre-read pack is. */
function postmortemSessionEvent(model: Model, date: string, scheduled: readonly PostmortemView[], host: string): CalendarEvent {
  const { site } = model;
  const today = isoDate(site.now);
  const lines = scheduled.length
    ? [
        'Postmortems in review at this session:',
        ...scheduled.map((view) => `- ${view.title} (${view.severity}) — ${site.url}${view.url}`),
        `Pre-read pack: ${site.url}${reviewPackPath(date)}`,
      ]
    : [date < today ? 'No postmortems were reviewed at this session.' : 'No postmortems scheduled for this session yet.'];
  return {
    uid: `postmortem-review-${date}@${host}`,
    date,
    summary: scheduled.length
      ? `Postmortem review session (${scheduled.length} postmortem${scheduled.length === 1 ? '' : 's'} in review)`
      : 'Postmortem review session',
    description: lines.join('\n'),
    url: scheduled.length ? `${site.url}${reviewPackPath(date)}` : `${site.url}${REVIEWS_PATH}`,
    categories: ['Postmortem review'],
  };
}

/**
 * A team's calendar: the review-due date of each handbook page it owns, the due date of each open
 * or in-progress action item it owns, and each upcoming review session with an item it owns (a
 * postmortem of one of its services, a PRD it owns).
 */
export function teamCalendarEvents(model: Model, teamId: string): CalendarEvent[] {
  const { site } = model;
  const host = new URL(site.url).host;
  const events: CalendarEvent[] = [];
  for (const page of model.handbook.filter((view) => view.owner.visible && view.owner.id === teamId)) {
    events.push({
      uid: `handbook-review-${page.id}-${page.reviewDue}@${host}`,
      date: page.reviewDue,
      summary: `Handbook review due: ${page.title}`,
      description: `Re-read "${page.title}" (last reviewed ${page.data.lastReviewed}, every ${page.data.reviewEvery}) and update lastReviewed.\n${site.url}${page.url}`,
      url: `${site.url}${page.url}`,
      categories: ['Handbook review'],
    });
  }
  for (const item of model.actionItems.filter(
    (view) => view.ownerId === teamId && (view.status === 'open' || view.status === 'in-progress'),
  )) {
    events.push({
      uid: `action-item-${item.postmortem}-${item.index}@${host}`,
      date: item.due,
      summary: `${item.priority} action item due: ${item.title}`,
      description: `${humanize(item.type)} item from "${item.postmortemTitle}", ${humanize(item.status).toLowerCase()}${item.overdue ? ', overdue' : ''}.\n${site.url}${item.postmortemUrl}`,
      url: `${site.url}${item.postmortemUrl}`,
      categories: ['Action item'],
    });
  }
  const serviceTeam = new Map(model.services.map((service) => [service.id, service.team.visible ? service.team.id : '']));
  for (const session of model.reviews) {
    const postmortems = session.postmortems.filter((view) => view.data.services.some((service) => serviceTeam.get(service) === teamId));
    const prds = session.prds.filter((view) => view.owner.visible && view.owner.id === teamId);
    if (postmortems.length + prds.length === 0) continue;
    const kind = session.kind === 'postmortem' ? 'Postmortem' : 'PRD';
    const items = [...postmortems, ...prds];
    events.push({
      uid: `${session.kind}-review-${session.date}-${teamId}@${host}`,
      date: session.date,
      summary: `${kind} review session: ${items.length === 1 ? items[0].title : `${items.length} of your ${session.kind === 'postmortem' ? 'postmortems' : 'PRDs'}`}`,
      description: [
        `Yours at this session:`,
        ...items.map((view) => `- ${view.title} — ${site.url}${view.url}`),
        `Pre-read pack (read by ${session.readBy}): ${site.url}${session.url}`,
      ].join('\n'),
      url: `${site.url}${session.url}`,
      categories: [`${kind} review`],
    });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
}

/** The site calendar as iCalendar text. */
export function calendar(model: Model): string {
  const { site } = model;
  return icsText(
    model,
    `${site.name}: release trains and review sessions`,
    `Release train departures, PRD and postmortem review sessions from ${site.name}.`,
    calendarEvents(model),
  );
}

/** A team's calendar as iCalendar text (`/teams/<id>/calendar.ics`). */
export function teamCalendar(model: Model, teamId: string): string {
  const team = model.get('teams', teamId);
  const name = team?.title ?? teamId;
  return icsText(
    model,
    `${name}: due dates and reviews (${model.site.name})`,
    `Handbook pages due for review, open action items and review sessions of ${name}, from ${model.site.name}.`,
    teamCalendarEvents(model, teamId),
  );
}

function icsText(model: Model, name: string, description: string, events: readonly CalendarEvent[]): string {
  const { site } = model;
  const stamp = utcStamp(site.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//Almanac//${escapeText(site.name)}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `NAME:${escapeText(name)}`,
    `X-WR-CALNAME:${escapeText(name)}`,
    `X-WR-CALDESC:${escapeText(description)}`,
    'REFRESH-INTERVAL;VALUE=DURATION:PT12H',
    'X-PUBLISHED-TTL:PT12H',
  ];
  for (const event of events) {
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
