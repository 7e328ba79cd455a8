/**
 * Error budgets. budgetMinutes = (100 − objective) / 100 × window minutes; a postmortem charges
 * an SLO `minutes` when given, else (mitigated − started) × (fraction ?? 1). Consumption counts
 * the incidents whose `timeline.started` lies in the window ending at the as-of instant.
 */
import { durationMinutes, instant, MINUTE_MS } from './time.ts';
import type { Timeline } from './durations.ts';

export type BudgetStatus = 'healthy' | 'at-risk' | 'exhausted';

export interface SloTarget {
  objective: number;
  window: string;
}

export interface ImpactCharge {
  slo: string;
  minutes?: number;
  fraction?: number;
}

export interface IncidentForBudget {
  id: string;
  timeline: Timeline;
  impact?: { slos?: ImpactCharge[] };
}

export interface BudgetCharge {
  postmortem: string;
  started: string;
  badMinutes: number;
  /** 100 × badMinutes / budgetMinutes. */
  budgetPercent: number;
}

export interface BudgetReport {
  budgetMinutes: number;
  consumedMinutes: number;
  consumedPercent: number;
  remainingMinutes: number;
  remainingPercent: number;
  status: BudgetStatus;
  /** Charges of incidents that started inside the window, oldest first. */
  charges: BudgetCharge[];
  windowStart: number;
  windowEnd: number;
}

/** (100 − objective) / 100 × window in minutes: 99.9 over 30d = 43.2. */
export function budgetMinutes(target: SloTarget): number {
  return roundMinutes(((100 - target.objective) / 100) * durationMinutes(target.window));
}

/**
 * Bad minutes one incident charges one SLO. Without `minutes`, the impact lasted from `started`
 * to `mitigated`; an incident not yet mitigated is charged up to the as-of instant.
 */
export function badMinutes(timeline: Timeline, charge: ImpactCharge, now: number): number {
  if (charge.minutes !== undefined) return charge.minutes;
  const end = timeline.mitigated ? instant(timeline.mitigated) : now;
  const minutes = Math.max(0, (end - instant(timeline.started)) / MINUTE_MS);
  return roundMinutes(minutes * (charge.fraction ?? 1));
}

/** Floating-point noise off: minutes to a millionth. */
function roundMinutes(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function percentOf(part: number, whole: number): number {
  return whole === 0 ? (part === 0 ? 0 : Infinity) : roundMinutes((100 * part) / whole);
}

export function budgetStatus(consumedMinutes: number, budget: number, atRiskPercent: number): BudgetStatus {
  // Compared as rounded percentages: 0.75 × 43.2 is 32.400000000000006 in floating point, which
  // would leave a budget consumed to exactly 75% "healthy".
  const percent = percentOf(consumedMinutes, budget);
  if (percent >= 100) return 'exhausted';
  if (percent >= atRiskPercent) return 'at-risk';
  return 'healthy';
}

/** The budget report of one SLO at the as-of instant. */
export function sloBudget(
  sloId: string,
  target: SloTarget,
  incidents: readonly IncidentForBudget[],
  now: number,
  atRiskPercent: number,
): BudgetReport {
  const budget = budgetMinutes(target);
  const windowStart = now - durationMinutes(target.window) * MINUTE_MS;
  const charges: BudgetCharge[] = [];
  for (const incident of incidents) {
    const started = instant(incident.timeline.started);
    if (started < windowStart || started > now) continue;
    for (const charge of incident.impact?.slos ?? []) {
      if (charge.slo !== sloId) continue;
      const minutes = badMinutes(incident.timeline, charge, now);
      charges.push({ postmortem: incident.id, started: incident.timeline.started, badMinutes: minutes, budgetPercent: percentOf(minutes, budget) });
    }
  }
  charges.sort((a, b) => instant(a.started) - instant(b.started));
  const consumed = roundMinutes(charges.reduce((sum, charge) => sum + charge.badMinutes, 0));
  return {
    budgetMinutes: budget,
    consumedMinutes: consumed,
    consumedPercent: percentOf(consumed, budget),
    remainingMinutes: roundMinutes(budget - consumed),
    remainingPercent: roundMinutes(100 - percentOf(consumed, budget)),
    status: budgetStatus(consumed, budget, atRiskPercent),
    charges,
    windowStart,
    windowEnd: now,
  };
}

/** The SLO charges of one incident, whatever the window: used on the incident's own page. */
export function incidentCharges(incident: IncidentForBudget, targets: ReadonlyMap<string, SloTarget>, now: number) {
  return (incident.impact?.slos ?? []).map((charge) => {
    const minutes = badMinutes(incident.timeline, charge, now);
    const target = targets.get(charge.slo);
    return { slo: charge.slo, badMinutes: minutes, budgetPercent: target ? percentOf(minutes, budgetMinutes(target)) : 0 };
  });
}
