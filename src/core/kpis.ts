/**
 * The tiles at the top of `/insights/`: each headline figure with its target, a status colour,
 * its change since the previous period and the n it rests on. Pure: the insights and the
 * configuration in, plain text out, so the page only lays the tiles out.
 */
import type { SiteConfig } from './schemas/config.ts';
import { MIN_FIGURE_N, type TrendCall } from './insights/common.ts';
import { type Insights } from './insights/index.ts';
import { formatMinutes } from './durations.ts';
import { formatNumber, shareText, type Tone } from './presentation.ts';

export interface Kpi {
  /** The section of the page that explains it (`#budgets`). */
  section: string;
  label: string;
  value: string;
  /** The target, or that none is set: a figure is only coloured against a target. */
  target: string;
  tone: Tone;
  /** Since the previous period, or why there is no comparison. */
  change: string;
  /** What the figure rests on: "8 SLOs", "n = 5 incidents". */
  n: string;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "+2 since the 90 days before (3)", "no change since …": counts compare directly, without a trend test. */
function countChange(current: number, previous: number, days: number): string {
  const delta = current - previous;
  const before = `the ${days} days before (${previous})`;
  return delta === 0 ? `no change since ${before}` : `${delta > 0 ? '+' : '−'}${Math.abs(delta)} since ${before}`;
}

/** A median's change when the trend may be called, else why not. */
function trendChange(trend: TrendCall, days: number): string {
  if (!trend.called) return trend.reason;
  if (trend.direction === 'flat') return `no change since the ${days} days before`;
  return `${trend.direction === 'up' ? '+' : '−'}${formatMinutes(Math.abs(trend.change))} since the ${days} days before`;
}

export function insightKpis(figures: Insights, config: Pick<SiteConfig, 'thresholds'>): Kpi[] {
  const { slos, actionItems, policy, timeToX, nearMisses, dora } = figures;
  const atRisk = config.thresholds.atRiskPercent;
  const exhausted = slos.filter((insight) => insight.slo.budget.status === 'exhausted').length;
  const risky = slos.filter((insight) => insight.slo.budget.status === 'at-risk').length;
  const healthy = slos.length - exhausted - risky;
  const days = timeToX.windowDays;
  const missingPrevent = policy.filter((signal) => !signal.hasP0Prevent).length;
  const mitigate = timeToX.timeToX.mitigate;
  const noComparison = 'no earlier period on record';
  return [
    {
      section: 'budgets',
      label: 'Error budgets healthy',
      value: `${healthy} of ${slos.length}`,
      target: `all, each under ${atRisk}% used`,
      tone: exhausted > 0 ? 'bad' : risky > 0 ? 'warn' : 'ok',
      change: `${exhausted} exhausted, ${risky} at risk; budgets are per window, ${noComparison}`,
      n: plural(slos.length, 'SLO'),
    },
    {
      section: 'policy',
      label: 'Policy breaches without a P0 prevent item',
      value: String(missingPrevent),
      target: '0',
      tone: missingPrevent > 0 ? 'bad' : 'ok',
      change: `${plural(policy.length, 'incident')} over ${config.thresholds.incidentBudgetPercent}% of a budget in all`,
      n: plural(policy.length, 'signal'),
    },
    {
      section: 'action-items',
      label: 'Overdue action items',
      value: String(actionItems.overdue),
      target: '0',
      tone: actionItems.overdue > 0 ? 'bad' : 'ok',
      change: `${actionItems.open} open; ${actionItems.completionPercent === undefined ? 'no completion rate yet' : `${formatNumber(actionItems.completionPercent, 0)}% completed`}`,
      n: plural(actionItems.total, 'item'),
    },
    {
      section: 'time-to-x',
      label: `Time to mitigate, median (${days} days)`,
      value: mitigate.n < MIN_FIGURE_N || mitigate.median === undefined ? `n = ${mitigate.n}: too few` : formatMinutes(mitigate.median),
      target: 'no target set',
      tone:
        !timeToX.trends.mitigate.called || timeToX.trends.mitigate.direction === 'flat'
          ? 'neutral'
          : timeToX.trends.mitigate.direction === 'down'
            ? 'ok'
            : 'warn',
      change: trendChange(timeToX.trends.mitigate, days),
      n: `n = ${plural(mitigate.n, 'incident')}`,
    },
    {
      section: 'time-to-x',
      label: `Incidents (${days} days)`,
      value: String(timeToX.incidents),
      target: 'no target set',
      tone: 'neutral',
      change: countChange(timeToX.incidents, timeToX.previous.incidents, days),
      n: `${timeToX.from} to ${timeToX.to}`,
    },
    {
      section: 'delivery',
      label: 'Change fail rate',
      value: shareText(dora.org.failedDeployments, dora.org.deployments),
      target: 'no target set',
      tone: 'neutral',
      change: noComparison,
      n: plural(dora.org.deployments, 'deployment'),
    },
    {
      section: 'near-misses',
      label: `Near misses (${days} days)`,
      value: String(nearMisses.count),
      target: 'no target set: reporting them is good',
      tone: 'neutral',
      change: countChange(nearMisses.count, nearMisses.previousCount, days),
      n: `${nearMisses.from} to ${nearMisses.to}`,
    },
  ];
}
