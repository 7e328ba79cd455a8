/** PRD review sessions. */
import { type Cadence, occurrencesBetween } from '../calendar.ts';
import { type Model, type PrdView } from '../model.ts';
import { addDays, durationMinutes, isoDate } from '../time.ts';

export interface ReviewSession<P> {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Whether the date is on the configured cadence (an authored session may not be). */
  onCadence: boolean;
  prds: P[];
}

/**
 * Review sessions on or after `today`: the next `count` sessions of the cadence, plus any later
 * or off-cadence date a PRD is booked into, each with the PRDs whose `reviewSession` is that date.
 */
export function reviewSessions<P extends { reviewSession?: string }>(
  cadence: Cadence,
  prds: readonly P[],
  today: string,
  count = 4,
): ReviewSession<P>[] {
  const step = durationMinutes(cadence.every) / 1440;
  const upcoming = occurrencesBetween(cadence, today, addDays(today, step * count - 1)).map((occurrence) => occurrence.date);
  const booked = prds.flatMap((prd) => (prd.reviewSession && prd.reviewSession >= today ? [prd.reviewSession] : []));
  const latest = [...upcoming, ...booked].reduce((max, date) => (date > max ? date : max), today);
  const cadenceDates = new Set(occurrencesBetween(cadence, today, latest).map((occurrence) => occurrence.date));
  return [...new Set([...upcoming, ...booked])].sort().map((date) => ({
    date,
    onCadence: cadenceDates.has(date),
    prds: prds.filter((prd) => prd.reviewSession === date),
  }));
}

export function reviewSessionInsights(model: Pick<Model, 'prds' | 'config' | 'site'>, count = 4): ReviewSession<PrdView>[] {
  return reviewSessions(model.config.prdReviews, model.prds, isoDate(model.site.now), count);
}
