/**
 * Everything `/insights/` shows, computed once per model: the figures (src/core/insights/), the
 * KPI tiles (src/core/kpis.ts), the charts' specifications and the formatting the section
 * components share. The page and its components (src/components/insights/) only lay it out.
 */
import { barChart, durationUnit, PALETTE, sparkline, type ChartColor } from './charts.ts';
import { dailyConsumption } from '../core/budgets.ts';
import { formatMinutes } from '../core/durations.ts';
import { countsAsIncident, MIN_FIGURE_N, MIN_TREND_N, type Distribution, type TrendCall } from '../core/insights/common.ts';
import { insights } from '../core/insights/index.ts';
import { insightKpis } from '../core/kpis.ts';
import type { Model, Ref } from '../core/model.ts';
import { figureText, formatNumber, humanize, severityLabel } from '../core/presentation.ts';
import { PRIORITIES } from '../core/schemas/postmortems.ts';
import { RELEASE_STATUSES } from '../core/schemas/releases.ts';

/** The page's sections in order: the jump links and the components' headings use these ids. */
export const INSIGHT_SECTIONS = [
  { id: 'kpis', label: 'At a glance' },
  { id: 'budgets', label: 'Error budgets' },
  { id: 'adjustments', label: 'Budget adjustments' },
  { id: 'policy', label: 'Policy signals' },
  { id: 'governance', label: 'Freezes and factor shares' },
  { id: 'action-items', label: 'Action items' },
  { id: 'delivery', label: 'Delivery' },
  { id: 'prd-reviews', label: 'PRD reviews' },
  { id: 'trends', label: 'Trends' },
] as const;

export const TIME_TO_X_LABELS = {
  detect: ['Time to detect', 'detected − started'],
  acknowledge: ['Time to acknowledge', 'acknowledged − detected'],
  mitigate: ['Time to mitigate', 'mitigated − started'],
  resolve: ['Time to resolve', 'resolved − started'],
} as const;

export const pct = (value: number | undefined, digits = 0) => (value === undefined ? '—' : `${formatNumber(value, digits)}%`);
export const minutesText = (value: number) => `${formatNumber(value)} min`;
/** "median 45 min, p90 2 h (n = 12)", or why there is no figure. */
export const distributionText = (figure: Distribution) =>
  figure.n < MIN_FIGURE_N
    ? figureText({ n: figure.n, value: figure.median }, formatMinutes, 'no incidents in the window', MIN_FIGURE_N)
    : `median ${formatMinutes(figure.median)}, p90 ${formatMinutes(figure.p90)} (n = ${figure.n})`;
export const trendText = (trend: TrendCall, format: (value: number) => string) =>
  !trend.called
    ? trend.reason.charAt(0).toUpperCase() + trend.reason.slice(1)
    : trend.direction === 'flat'
      ? 'No change'
      : `${trend.direction === 'up' ? 'Up' : 'Down'} ${format(Math.abs(trend.change))}`;
export const ownerName = (ref: Ref | undefined) => (!ref ? 'Unknown' : ref.visible ? ref.title : 'Internal teams');
const monthLabel = (month: string) =>
  new Date(`${month}-01T00:00:00Z`).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const quarterLabel = (quarter: string) => quarter.replace('-', ' ');

const SEVERITY_COLORS: ChartColor[] = ['--bad', '--chart-7', '--chart-4', '--chart-8'];
const severityColor = (index: number): ChartColor => SEVERITY_COLORS[index] ?? PALETTE[index % PALETTE.length];
const PRIORITY_COLORS: ChartColor[] = ['--bad', '--chart-7', '--chart-4', '--chart-8'];
const RELEASE_COLORS: Record<string, ChartColor> = {
  shipped: '--ok',
  'rolled-back': '--bad',
  'in-progress': '--info',
  planned: '--chart-5',
  cancelled: '--chart-8',
};

const pages = new WeakMap<Model, InsightsPage>();

export type InsightsPage = ReturnType<typeof build>;

/** The page's data, once per model (every section component asks for it). */
export function insightsPage(model: Model): InsightsPage {
  let page = pages.get(model);
  if (!page) pages.set(model, (page = build(model)));
  return page;
}

function build(model: Model) {
  const { config, site } = model;
  const figures = insights(model);
  const { actionItems, releases, trends } = figures;
  const incidentCount = model.postmortems.filter(countsAsIncident).length;
  const serviceTitle = (id: string) => model.get('services', id)?.title ?? id;
  const today = new Date(site.now).toISOString().slice(0, 10);
  const isPublic = site.audience === 'public';
  const atRisk = config.thresholds.atRiskPercent;

  const factorLabel = (id: string) => config.contributingFactorCategories.find((category) => category.id === id)?.label ?? humanize(id);
  const gateLabel = (id: string) => config.gates.find((gate) => gate.id === id)?.label ?? humanize(id);
  const severityIds = config.severities.map((level) => level.id);

  // ── SLO budgets: one sparkline per SLO (small multiples), the numbers beside it ──
  const sloTiles = figures.slos.map((insight) => {
    const { slo } = insight;
    const budget = slo.budget;
    // The bad time inside the window, day by day (budgets.ts), from the listed incidents.
    const series = dailyConsumption(slo.visibleCharges, budget.windowStart, budget.asOf);
    const used = `${minutesText(budget.consumedMinutes)} of ${minutesText(budget.budgetMinutes)} (${pct(budget.consumedPercent)})`;
    return {
      insight,
      used,
      sparkline: sparkline({
        label: `${slo.title}: bad minutes day by day from ${series[0]?.date ?? budget.windowStart} to ${today}, ${used} of the budget used, status ${humanize(budget.status).toLowerCase()}.`,
        values: series.map((point) => point.consumedMinutes),
        limit: budget.budgetMinutes,
        reference: (atRisk / 100) * budget.budgetMinutes,
        color: budget.status === 'exhausted' ? '--bad' : budget.status === 'at-risk' ? '--warn' : '--accent',
      }),
    };
  });
  const sloTotals = {
    exhausted: model.slos.filter((slo) => slo.budget.status === 'exhausted').length,
    atRisk: model.slos.filter((slo) => slo.budget.status === 'at-risk').length,
  };

  // ── Action items ──
  const ownerChart = barChart({
    id: 'chart-action-items-by-owner',
    title: 'Action items by owner team and priority',
    description: `All ${actionItems.total} action items from ${model.postmortems.length} postmortems, stacked by priority for each owning team.`,
    categories: actionItems.byOwner.map((row) => ownerName(row.owner)),
    categoryHeader: 'Team',
    series: PRIORITIES.map((priority, index) => ({
      label: priority,
      values: actionItems.byOwner.map((row) => row.byPriority[priority] ?? 0),
      color: PRIORITY_COLORS[index],
    })),
    yLabel: 'Action items',
    format: (value) => formatNumber(value, 0),
    integer: true,
  });

  // ── Releases ──
  const trainChart = barChart({
    id: 'chart-releases-per-train',
    title: 'Releases per train',
    description: `Releases on each train of the calendar (every ${config.releaseTrains.every} from ${config.releaseTrains.start}), stacked by release status. The next train is ${releases.nextTrain.id} on ${releases.nextTrain.date}.`,
    categories: releases.calendar.trains.map((train) => train.id),
    categoryHeader: 'Train',
    series: RELEASE_STATUSES.map((status) => ({
      label: humanize(status),
      values: releases.calendar.trains.map((train) => train.releases.filter((release) => release.data.status === status).length),
      color: RELEASE_COLORS[status],
    })).filter((series) => series.values.some((value) => value > 0)),
    yLabel: 'Releases',
    format: (value) => formatNumber(value, 0),
    integer: true,
  });

  // ── Trends ──
  const monthChart = barChart({
    id: 'chart-incidents-per-month',
    title: 'Incidents per month by severity',
    description: `Incidents by the month they started (UTC), stacked by severity, from ${trends.perMonth[0] ? monthLabel(trends.perMonth[0].month) : '—'} to ${trends.perMonth.at(-1) ? monthLabel(trends.perMonth.at(-1)!.month) : '—'}; ${incidentCount} incidents in all (near misses are counted separately).`,
    categories: trends.perMonth.map((row) => monthLabel(row.month)),
    categoryHeader: 'Month',
    series: severityIds.map((severity, index) => ({
      label: `${severity} (${severityLabel(config, severity)})`,
      values: trends.perMonth.map((row) => row.bySeverity[severity] ?? 0),
      color: severityColor(index),
    })),
    yLabel: 'Incidents',
    format: (value) => formatNumber(value, 0),
    integer: true,
  });

  const durationCharts = (
    [
      ['detect', 'Time to detect', 'detected − started'],
      ['mitigate', 'Time to mitigate', 'mitigated − started'],
      ['resolve', 'Time to resolve', 'resolved − started'],
    ] as const
  ).map(([key, label, formula]) => {
    const spreads: Distribution[] = trends.durations.map((row) => row[key]);
    const { unit, short, divisor } = durationUnit(Math.max(0, ...spreads.map((s) => s.p90 ?? 0)));
    const scaled = (value: number | undefined) => (value === undefined ? undefined : value / divisor);
    return barChart({
      id: `chart-time-to-${key}`,
      title: `${label} by quarter: median and 90th percentile`,
      description:
        `${label} (${formula}) of the incidents that started in each quarter, median and p90 (nearest rank), in ${unit}; n per quarter: ` +
        `${trends.durations.map((row) => `${quarterLabel(row.quarter)} ${row[key].n}`).join(', ')}. Quarters without incidents have no bars.` +
        (spreads.some((s) => s.n < MIN_TREND_N)
          ? ` Quarters with fewer than ${MIN_TREND_N} incidents are too few to call a trend between them.`
          : ''),
      categories: trends.durations.map((row) => quarterLabel(row.quarter)),
      categoryHeader: 'Quarter',
      layout: 'grouped',
      series: [
        { label: 'Median', values: spreads.map((s) => scaled(s.median)), color: '--chart-1' },
        { label: '90th percentile', values: spreads.map((s) => scaled(s.p90)), color: '--chart-3' },
      ],
      yLabel: humanize(unit),
      format: (value) => formatMinutes(value * divisor),
      axisFormat: (value) => `${formatNumber(value)} ${short}`,
    });
  });

  const detectionChart = barChart({
    id: 'chart-detection-sources',
    title: 'How incidents were detected',
    description: `Share of the ${trends.detection.total} incidents by detection source: ${pct(trends.detection.alertPercent)} by an alert, ${pct(trends.detection.customerPercent)} by customer reports.`,
    categories: trends.detection.bySource.map((row) => humanize(row.source)),
    categoryHeader: 'Detected by',
    series: [{ label: 'Incidents', values: trends.detection.bySource.map((row) => row.count), color: '--chart-2' }],
    yLabel: 'Incidents',
    format: (value) => formatNumber(value, 0),
    integer: true,
  });

  const usedCategories = config.contributingFactorCategories
    .map((category) => category.id)
    .filter((id) => trends.factors.some((row) => row.byCategory[id] > 0));
  const factorChart = barChart({
    id: 'chart-factors-by-quarter',
    title: 'Contributing-factor categories by quarter',
    description: `Incidents naming each contributing-factor category, by the quarter they started (an incident counts once per category, and can name several). Categories never named are left out.`,
    categories: trends.factors.map((row) => quarterLabel(row.quarter)),
    categoryHeader: 'Quarter',
    series: usedCategories.map((id, index) => ({
      label: factorLabel(id),
      values: trends.factors.map((row) => row.byCategory[id] ?? 0),
      color: PALETTE[index % PALETTE.length],
    })),
    yLabel: 'Incidents',
    format: (value) => formatNumber(value, 0),
    integer: true,
  });

  const sharedServiceRefs = (view: (typeof trends.recurrences)[number]['later'], ids: string[]) =>
    ids.map((id) => view.services[view.data.services.indexOf(id)]).filter(Boolean);

  return {
    model,
    figures,
    kpis: insightKpis(figures, config),
    incidentCount,
    today,
    isPublic,
    atRisk,
    serviceTitle,
    factorLabel,
    gateLabel,
    sharedServiceRefs,
    sloTiles,
    sloTotals,
    charts: {
      owner: ownerChart,
      train: trainChart,
      month: monthChart,
      durations: durationCharts,
      detection: detectionChart,
      factor: factorChart,
    },
  };
}
