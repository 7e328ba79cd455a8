/**
 * Review sessions of both kinds — postmortem reviews (`postmortemReviews`, default weekly) and PRD
 * reviews (`prdReviews`, default every 14 days) — and what their pre-read packs hold. Pure: the
 * model passes in its views and the as-of date.
 */
import { addDays, DAY_MS, instant } from './time.ts';
import { firstPosition, oncePerList } from './lists.ts';
import { reviewPackPath } from './routes.ts';

export const REVIEW_KINDS = ['postmortem', 'prd'] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];
/** Days before a session by which its pack is read: the day before, so questions can be raised. */
export const READ_BY_DAYS_BEFORE = 1;

export interface SessionItem {
  id: string;
  /** The booked session, authored or derived from the cadence. */
  reviewSession?: string;
  data: { status: string };
}

export interface ReviewSession<P, R> {
  /** `YYYY-MM-DD`. */
  date: string;
  kind: ReviewKind;
  /** The day the pack is to be read by. */
  readBy: string;
  /** The pack's route. */
  url: string;
  /** The in-review entries booked into it (postmortems for a postmortem session, PRDs for a PRD one). */
  postmortems: P[];
  prds: R[];
}

/**
 * Upcoming sessions (on or after `today`) with at least one in-review item, by date and kind.
 * Only in-review entries are discussed: a published postmortem or an approved PRD was reviewed.
 */
export function upcomingSessions<P extends SessionItem, R extends SessionItem>(
  postmortems: readonly P[],
  prds: readonly R[],
  today: string,
): ReviewSession<P, R>[] {
  const sessions = new Map<string, ReviewSession<P, R>>();
  const add = (kind: ReviewKind, date: string) => {
    const key = `${date}/${kind}`;
    let session = sessions.get(key);
    if (!session) {
      session = { date, kind, readBy: addDays(date, -READ_BY_DAYS_BEFORE), url: reviewPackPath(date), postmortems: [], prds: [] };
      sessions.set(key, session);
    }
    return session;
  };
  for (const view of postmortems)
    if (view.data.status === 'in-review' && view.reviewSession && view.reviewSession >= today)
      add('postmortem', view.reviewSession).postmortems.push(view);
  for (const view of prds)
    if (view.data.status === 'in-review' && view.reviewSession && view.reviewSession >= today)
      add('prd', view.reviewSession).prds.push(view);
  return [...sessions.values()].sort((a, b) => a.date.localeCompare(b.date) || REVIEW_KINDS.indexOf(a.kind) - REVIEW_KINDS.indexOf(b.kind));
}

/**
 * A list of incidents in start order (epoch ms): a review pack asks for the incidents of a window
 * of every incident it holds, and finding them by scanning the handbook each time took 0.8 s at
 * 10,000 docs.
 */
const startOrder = oncePerList((others: readonly SimilarCandidate[]) =>
  others
    .map((candidate) => ({ started: instant(candidate.data.timeline.started), candidate }))
    // A start that is not an instant is in no window.
    .filter((entry) => !Number.isNaN(entry.started))
    .sort((a, b) => a.started - b.started),
);

export interface SimilarCandidate {
  id: string;
  data: { services: readonly string[]; contributingFactors: readonly { category: string }[]; timeline: { started: string } };
}

/**
 * Earlier incidents like this one: same service or same contributing-factor category, started
 * before it and at most `withinDays` days earlier (thresholds.recurrenceDays). Latest first.
 */
export function similarPastIncidents<T extends SimilarCandidate>(
  incident: T,
  others: readonly T[],
  withinDays: number,
): { incident: T; services: string[]; categories: string[] }[] {
  const started = instant(incident.data.timeline.started);
  const categories = new Set(incident.data.contributingFactors.map((factor) => factor.category));
  const earliest = started - withinDays * DAY_MS;
  // The window first: a review pack asks this of every incident it holds, against the whole
  // handbook, and only the few in the window need their lists compared.
  const order = startOrder(others);
  const startOf = (entry: { started: number }) => entry.started;
  const inWindow = order
    .slice(firstPosition(order, startOf, earliest), firstPosition(order, startOf, started))
    .map((entry) => entry.candidate as T)
    .filter((other) => other.id !== incident.id);
  return inWindow
    .map((other) => ({
      incident: other,
      services: other.data.services.filter((service) => incident.data.services.includes(service)),
      categories: [...new Set(other.data.contributingFactors.map((factor) => factor.category))].filter((category) =>
        categories.has(category),
      ),
    }))
    .filter((match) => match.services.length > 0 || match.categories.length > 0)
    .sort(
      (a, b) =>
        instant(b.incident.data.timeline.started) - instant(a.incident.data.timeline.started) || a.incident.id.localeCompare(b.incident.id),
    );
}
