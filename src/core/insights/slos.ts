/** SLO burn: budgets, burn rates and their figures per SLO. */
import { type Timeline } from '../durations.ts';
import { type Model, type Ref, type SloView } from '../model.ts';
import { addDays, DAY_MS, dayStart, instant, isoDate, MINUTE_MS } from '../time.ts';
import { round6 } from './common.ts';

export interface BurnInput {
  objective: number;
  timeline: Timeline;
  badMinutes: number;
  budgetPercent: number;
}

export interface Burn {
  /** Impact duration: mitigated (else the as-of instant) − started, in minutes. */
  durationMinutes: number;
  /** badMinutes ÷ durationMinutes: the share of the time that was bad. */
  badFraction?: number;
  /**
   * badFraction ÷ (1 − objective / 100): how many times faster than sustainable the budget
   * burned during the incident (1 = exactly on budget over the window; 1000 = a full outage
   * against 99.9%).
   */
  burnRate?: number;
  /** 100 × badMinutes ÷ budgetMinutes: the share of the budget this one incident consumed. */
  budgetPercent: number;
}

export function burnRate(input: BurnInput, now: number): Burn {
  const end = input.timeline.mitigated ? instant(input.timeline.mitigated) : now;
  const duration = Math.max(0, (end - instant(input.timeline.started)) / MINUTE_MS);
  const badFraction = duration > 0 ? round6(input.badMinutes / duration) : undefined;
  return {
    durationMinutes: round6(duration),
    badFraction,
    burnRate: badFraction === undefined ? undefined : round6(badFraction / (1 - input.objective / 100)),
    budgetPercent: input.budgetPercent,
  };
}

export interface BudgetPoint {
  /** `YYYY-MM-DD`. */
  date: string;
  /** Cumulative bad minutes of the listed incidents that started in the window by the end of that day. */
  consumedMinutes: number;
}

/**
 * The budget over the window, one point a day from the window's first day to the as-of day:
 * cumulative bad minutes of the given charges that started by the end of each day (the last
 * day ends at the as-of instant). Charges outside [windowStart, windowEnd] are ignored.
 */
export function budgetSeries(
  charges: readonly { started: string; badMinutes: number }[],
  windowStart: number,
  windowEnd: number,
): BudgetPoint[] {
  const points: BudgetPoint[] = [];
  const first = isoDate(windowStart);
  const last = isoDate(windowEnd);
  const inside = charges.filter((charge) => instant(charge.started) >= windowStart && instant(charge.started) <= windowEnd);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    const end = Math.min(dayStart(date) + DAY_MS, windowEnd + 1);
    const consumed = inside.filter((charge) => instant(charge.started) < end).reduce((sum, charge) => sum + charge.badMinutes, 0);
    points.push({ date, consumedMinutes: round6(consumed) });
  }
  return points;
}

export interface SloInsight {
  slo: SloView;
  /** The most recent visible incident charging this SLO in the window, with its burn. */
  lastIncident?: { postmortem: Ref; started: string; badMinutes: number } & Burn;
  /** Cumulative consumption by day, from visible incidents only (see `unlisted`). */
  series: BudgetPoint[];
  /** Minutes charged by incidents the audience may not see: in the totals, not in the series. */
  unlisted: { count: number; badMinutes: number };
}

/** Burn of the last incident and the budget-over-window series of every visible SLO. */
export function sloInsights(model: Pick<Model, 'slos' | 'postmortems' | 'site'>): SloInsight[] {
  return model.slos.map((slo) => {
    const last = slo.visibleCharges.at(-1);
    const incident = last && model.postmortems.find((pm) => pm.id === last.postmortem);
    return {
      slo,
      lastIncident:
        last && incident
          ? {
              postmortem: last.ref,
              started: last.started,
              badMinutes: last.badMinutes,
              ...burnRate(
                {
                  objective: slo.data.objective,
                  timeline: incident.data.timeline,
                  badMinutes: last.badMinutes,
                  budgetPercent: last.budgetPercent,
                },
                model.site.now,
              ),
            }
          : undefined,
      series: budgetSeries(slo.visibleCharges, slo.budget.windowStart, slo.budget.windowEnd),
      unlisted: slo.unlistedCharges,
    };
  });
}
