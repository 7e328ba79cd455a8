/** The KPI tiles of /insights/ (src/core/kpis.ts): value, target, status colour, change and n, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insightKpis } from '../../src/core/kpis.ts';
import type { Insights } from '../../src/core/insights/index.ts';

const slo = (status: string) => ({ slo: { budget: { status } } });
const figures = {
  slos: [slo('healthy'), slo('healthy'), slo('at-risk'), slo('exhausted')],
  actionItems: { overdue: 2, open: 5, total: 12, completionPercent: 50 },
  policy: [{ hasP0Prevent: true }, { hasP0Prevent: false }],
  timeToX: {
    windowDays: 90,
    from: '2026-08-31',
    to: '2026-11-28',
    incidents: 4,
    previous: { incidents: 6 },
    timeToX: { mitigate: { n: 4, median: 45, p90: 90 } },
    trends: { mitigate: { called: false, reason: 'too few incidents to call a trend (n = 6 then 4; both periods need n ≥ 10)' } },
  },
  nearMisses: { count: 1, previousCount: 1, from: '2026-08-31', to: '2026-11-28' },
  dora: { org: { failedDeployments: 1, deployments: 4 } },
} as unknown as Insights;
const config = { thresholds: { atRiskPercent: 75, incidentBudgetPercent: 20, recurrenceDays: 90 } };

test('each tile: value, target, status colour, change since the previous period, n', () => {
  const tiles = Object.fromEntries(insightKpis(figures, config).map((kpi) => [kpi.label, kpi]));
  assert.deepEqual(tiles['Error budgets healthy'], {
    section: 'budgets',
    label: 'Error budgets healthy',
    value: '2 of 4',
    target: 'all, each under 75% used',
    tone: 'bad',
    change: '1 exhausted, 1 at risk; budgets are per window, no earlier period on record',
    n: '4 SLOs',
  });
  assert.equal(tiles['Policy breaches without a P0 prevent item']!.value, '1');
  assert.equal(tiles['Policy breaches without a P0 prevent item']!.tone, 'bad');
  assert.equal(tiles['Policy breaches without a P0 prevent item']!.n, '2 signals');
  assert.deepEqual(
    [tiles['Overdue action items']!.value, tiles['Overdue action items']!.tone, tiles['Overdue action items']!.change],
    ['2', 'bad', '5 open; 50% completed'],
  );
  const mitigate = tiles['Time to mitigate, median (90 days)']!;
  assert.deepEqual([mitigate.value, mitigate.tone, mitigate.target, mitigate.n], ['45 min', 'neutral', 'no target set', 'n = 4 incidents']);
  assert.match(mitigate.change, /^too few incidents to call a trend/);
  assert.equal(tiles['Incidents (90 days)']!.change, '−2 since the 90 days before (6)');
  assert.equal(tiles['Change fail rate']!.value, '25% (1 of 4)');
  assert.equal(tiles['Near misses (90 days)']!.change, 'no change since the 90 days before (1)');
});

test('colours follow the figures: at-risk budgets are amber, nothing off target is green, a called trend colours time to mitigate', () => {
  const calm = {
    ...figures,
    slos: [slo('healthy'), slo('at-risk')],
    policy: [],
    actionItems: { ...figures.actionItems, overdue: 0 },
    timeToX: { ...figures.timeToX, trends: { mitigate: { called: true, direction: 'down', change: -15 } } },
  } as unknown as Insights;
  const tiles = Object.fromEntries(insightKpis(calm, config).map((kpi) => [kpi.label, kpi]));
  assert.equal(tiles['Error budgets healthy']!.tone, 'warn');
  assert.equal(tiles['Policy breaches without a P0 prevent item']!.tone, 'ok');
  assert.equal(tiles['Overdue action items']!.tone, 'ok');
  assert.equal(tiles['Time to mitigate, median (90 days)']!.tone, 'ok');
  assert.equal(tiles['Time to mitigate, median (90 days)']!.change, '−15 min since the 90 days before');
});
