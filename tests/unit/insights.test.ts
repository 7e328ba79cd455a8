/** Insights (src/core/insights/): every figure pinned with small hand-built inputs. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  actionItemClockStart,
  actionItemGroups,
  daysToClose,
  summarizeActionItems,
  type ActionItemInput,
} from '../../src/core/insights/action-items.ts';
import {
  callTrend,
  countsAsIncident,
  distribution,
  MIN_FIGURE_N,
  windowEnding,
  firstRows,
  LISTED_ROWS,
  listedSentence,
} from '../../src/core/insights/common.ts';
import { doraKeys, doraReport, type DoraPostmortemInput, type DoraReleaseInput } from '../../src/core/insights/dora.ts';
import { policySignals } from '../../src/core/insights/policy.ts';
import { reviewSessions } from '../../src/core/insights/prd-reviews.ts';
import { gateSummary, trainCalendar, type ReleaseInput } from '../../src/core/insights/releases.ts';
import { budgetSeries, burnRate } from '../../src/core/insights/slos.ts';
import { nearMissInsights, timeToXInsights } from '../../src/core/insights/time-to-x.ts';
import {
  detectionSplit,
  durationsByQuarter,
  factorsByQuarter,
  incidentsPerMonth,
  monthsBetween,
  quarterOf,
  quartersBetween,
  recurrences,
  type IncidentInput,
} from '../../src/core/insights/trends.ts';
import type { PostmortemView } from '../../src/core/model.ts';
import { figureText, shareText } from '../../src/core/presentation.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');

function item(overrides: Partial<ActionItemInput>): ActionItemInput {
  return { postmortem: 'pm-a', ownerId: 'checkout', priority: 'P1', status: 'open', due: '2026-12-31', overdue: false, ...overrides };
}

describe('action items', () => {
  const starts = new Map([
    ['pm-a', '2026-11-10'],
    ['pm-b', '2026-11-01'],
  ]);
  const items = [
    item({ status: 'done', doneAt: '2026-11-13', priority: 'P0' }), // 3 days
    item({ status: 'done', doneAt: '2026-11-20' }), // 10 days
    item({ status: 'done', postmortem: 'pm-b', doneAt: '2026-11-04', ownerId: 'platform' }), // 3 days
    item({ status: 'done', postmortem: 'pm-b', ownerId: 'platform', priority: 'P2' }), // done, no doneAt: not in the median
    item({ status: 'wont-do', priority: 'P3' }),
    item({ status: 'open', overdue: true, due: '2026-11-01', ownerId: 'platform' }),
    item({ status: 'in-progress', priority: 'P0' }),
    item({ status: 'open', priority: 'P2', ownerId: 'secret', owner: { visible: false, collection: 'teams', label: 'an internal team' } }),
    item({ status: 'open', priority: 'P2', ownerId: 'hush', owner: { visible: false, collection: 'teams', label: 'an internal team' } }),
  ];
  const summary = summarizeActionItems(items, starts);

  it('completion rate = done / (all − wont-do): 4 / (9 − 1) = 50%', () => {
    assert.equal(summary.total, 9);
    assert.equal(summary.done, 4);
    assert.equal(summary.wontDo, 1);
    assert.equal(summary.completionPercent, 50);
  });
  it('counts open (open + in-progress) and overdue', () => {
    assert.equal(summary.open, 4);
    assert.equal(summary.overdue, 1);
    assert.deepEqual(summary.byStatus, { open: 3, 'in-progress': 1, done: 4, 'wont-do': 1 });
  });
  it('median days to close over done items with doneAt: median(3, 10, 3) = 3', () => {
    assert.equal(summary.closedWithDate, 3);
    assert.equal(summary.medianDaysToClose, 3);
  });
  it('counts by priority', () => {
    assert.deepEqual(
      summary.byPriority.map((row) => [row.priority, row.total, row.open, row.done]),
      [
        ['P0', 2, 1, 1],
        ['P1', 3, 1, 2],
        ['P2', 3, 2, 1],
        ['P3', 1, 0, 0],
      ],
    );
  });
  it('counts by owner team, with hidden teams in one unnamed bucket', () => {
    const byOwner = Object.fromEntries(
      summary.byOwner.map((row) => [row.ownerId ?? '(hidden)', [row.total, row.open, row.byPriority.P0, row.byPriority.P2]]),
    );
    assert.deepEqual(byOwner, { checkout: [4, 1, 2, 0], platform: [3, 1, 0, 1], '(hidden)': [2, 2, 0, 2] });
    assert.equal(JSON.stringify(summary.byOwner).includes('secret'), false, 'a hidden team id never appears');
  });
  it('completion is undefined (not 0%) when every item is wont-do', () => {
    assert.equal(summarizeActionItems([item({ status: 'wont-do' })], starts).completionPercent, undefined);
  });
  it('days to close are whole days, 0 when done before the clock started', () => {
    assert.equal(daysToClose('2026-11-10', '2026-11-13'), 3);
    assert.equal(daysToClose('2026-11-10', '2026-11-08'), 0);
  });
  it('the clock starts on the UTC date the incident was resolved (else mitigated)', () => {
    assert.equal(
      actionItemClockStart({
        started: '2026-11-10T20:00:00-02:00',
        detected: '2026-11-10T20:00:00-02:00',
        resolved: '2026-11-10T23:30:00-02:00',
      }),
      '2026-11-11',
    );
    assert.equal(
      actionItemClockStart({ started: '2026-11-10T08:00:00Z', detected: '2026-11-10T08:00:00Z', mitigated: '2026-11-10T09:00:00Z' }),
      '2026-11-10',
    );
    assert.equal(actionItemClockStart({ started: '2026-11-10T08:00:00Z', detected: '2026-11-10T08:00:00Z' }), undefined);
  });
});

function release(
  id: string,
  date: string,
  status: string,
  options: { train?: string; incidents?: number; gates?: string[] } = {},
): ReleaseInput {
  return {
    id,
    data: {
      train: options.train ?? 'x',
      date,
      status,
      gates: (options.gates ?? []).map((s, i) => ({
        gate: ['unit-tests', 'integration-tests', 'security-review', 'canary'][i % 4],
        status: s,
      })),
    },
    incidents: Array.from({ length: options.incidents ?? 0 }, () => ({})),
  };
}

describe('release trains and gates', () => {
  it('gates pass rate = passed / gates with an outcome; waived counted separately', () => {
    const summary = gateSummary([
      release('a', '2026-11-09', 'shipped', { gates: ['passed', 'passed', 'waived', 'passed'] }),
      release('b', '2026-11-23', 'cancelled', { gates: ['passed', 'failed', 'pending'] }),
      release('c', '2026-12-07', 'planned', { gates: ['pending'] }),
    ]);
    assert.deepEqual(
      { passed: summary.passed, failed: summary.failed, waived: summary.waived, pending: summary.pending, decided: summary.decided },
      { passed: 4, failed: 1, waived: 1, pending: 2, decided: 6 },
    );
    assert.equal(summary.passPercent, 66.666667);
    assert.equal(summary.waivedPercent, 16.666667);
    const integration = summary.byGate.find((gate) => gate.gate === 'integration-tests')!;
    assert.deepEqual([integration.passed, integration.failed, integration.passPercent], [1, 1, 50]);
  });
  it('has no pass rate when no gate has an outcome', () => {
    assert.equal(gateSummary([release('c', '2026-12-07', 'planned', { gates: ['pending'] })]).passPercent, undefined);
  });
  it('puts releases on their train and flags the next train and off-calendar trains', () => {
    const releases = [
      release('a', '2026-11-10', 'shipped', { train: '2026-11-a' }),
      release('b', '2026-11-11', 'shipped', { train: '2026-11-a' }),
      release('c', '2026-12-07', 'planned', { train: '2026-12-a' }),
      release('hotfix', '2026-11-15', 'shipped', { train: 'hotfix-1' }),
      release('old', '2026-10-12', 'shipped', { train: '2026-10-a' }), // before the range: neither on a row nor off-calendar
    ];
    const calendar = trainCalendar({ every: '14d', start: '2026-01-05' }, releases, '2026-11-01', '2026-12-31', '2026-11-28');
    assert.deepEqual(
      calendar.trains.map((train) => [train.id, train.releases.map((r) => r.id).join(','), train.next, train.past]),
      [
        ['2026-11-a', 'a,b', false, true],
        ['2026-11-b', '', false, true],
        ['2026-12-a', 'c', true, false],
        ['2026-12-b', '', false, false],
      ],
    );
    assert.deepEqual(
      calendar.offCalendar.map((r) => r.id),
      ['hotfix'],
    );
  });
});

function incident(
  id: string,
  started: string,
  overrides: {
    severity?: string;
    toMitigate?: number;
    toResolve?: number;
    toDetect?: number;
    services?: string[];
    detection?: string;
    factors?: string[];
  } = {},
): IncidentInput {
  return {
    id,
    severity: overrides.severity ?? 'SEV2',
    durations: {
      toDetectMinutes: overrides.toDetect ?? 5,
      ...(overrides.toMitigate === undefined ? {} : { toMitigateMinutes: overrides.toMitigate }),
      ...(overrides.toResolve === undefined ? {} : { toResolveMinutes: overrides.toResolve }),
    },
    data: {
      timeline: { started, detected: started },
      services: overrides.services ?? ['checkout-api'],
      detection: overrides.detection,
      contributingFactors: (overrides.factors ?? ['change']).map((category) => ({ category })),
    },
  };
}

/** A release for the DORA figures: id, date (YYYY-MM-DD), status, services, and optional hotfix / merge times. */
function deployment(
  id: string,
  date: string,
  status: string,
  services: string[],
  options: { hotfix?: boolean; mergedAt?: (string | undefined)[] } = {},
): DoraReleaseInput {
  return {
    id,
    data: {
      date,
      status,
      services,
      hotfix: options.hotfix ?? false,
      changes: (options.mergedAt ?? []).map((mergedAt) => (mergedAt ? { mergedAt } : {})),
    },
  };
}

/** A postmortem for the DORA figures: which releases it names and when impact started and ended. */
function review(
  id: string,
  started: string,
  mitigated: string | undefined,
  releases: string[],
  services: string[],
  options: { kind?: string; draft?: boolean } = {},
): DoraPostmortemInput {
  return {
    id,
    draft: options.draft ?? false,
    data: {
      kind: options.kind ?? 'incident',
      status: options.draft ? 'draft' : 'published',
      services,
      releases,
      timeline: { started, detected: started, ...(mitigated ? { mitigated } : {}) },
    },
  };
}

describe('DORA keys', () => {
  // The 90-day window ending 2026-11-28T12:00Z is (2026-08-30T12:00Z, 2026-11-28T12:00Z]: release dates 2026-08-31 … 2026-11-28 count.
  const window = windowEnding(NOW, 90);
  const releases = [
    // Lead times to 2026-11-02T00:00Z: from 2026-10-30T12:00Z = 60 h; from 2026-11-01T00:00+02:00 (= 2026-10-31T22:00Z) = 26 h; one change has no mergedAt.
    deployment('r1', '2026-11-02', 'shipped', ['checkout'], { mergedAt: ['2026-10-30T12:00:00Z', '2026-11-01T00:00:00+02:00', undefined] }),
    // Failed: named by i1 (payments, 90 min to mitigate, the earliest) and i2 (checkout, 10 min).
    deployment('r2', '2026-10-01', 'shipped', ['checkout', 'payments']),
    // Failed because rolled back; no postmortem names it, so no recovery time. Merged after midnight of its date: lead time 0, not negative.
    deployment('r3', '2026-09-15', 'rolled-back', ['checkout'], { mergedAt: ['2026-09-15T09:00:00Z'] }),
    // A hotfix, merged 6 h before midnight of its date.
    deployment('r4', '2026-10-20', 'shipped', ['payments'], { hotfix: true, mergedAt: ['2026-10-19T18:00:00Z'] }),
    // Named by a near miss only: not failed.
    deployment('r5', '2026-11-20', 'shipped', ['checkout']),
    // Before the window: not a deployment, though an incident names it.
    deployment('r6', '2026-08-30', 'shipped', ['checkout']),
    deployment('r7', '2026-11-25', 'planned', ['checkout']),
    deployment('r8', '2026-11-03', 'cancelled', ['checkout']),
    // Named by a draft (does not count) and by incident i4 (30 min).
    deployment('r9', '2026-11-10', 'shipped', ['checkout']),
  ];
  const postmortems = [
    review('i2', '2026-10-03T08:00:00Z', '2026-10-03T08:10:00Z', ['r2'], ['checkout']),
    review('i1', '2026-10-01T10:00:00Z', '2026-10-01T11:30:00Z', ['r2'], ['payments']),
    review('i3', '2026-08-30T10:00:00Z', '2026-08-30T10:05:00Z', ['r6'], ['checkout']),
    review('i4', '2026-11-10T10:00:00+01:00', '2026-11-10T09:30:00Z', ['r9'], ['checkout']),
    review('d1', '2026-11-10T08:00:00Z', '2026-11-10T08:01:00Z', ['r9'], ['checkout'], { draft: true }),
    review('nm', '2026-11-20T10:00:00Z', '2026-11-20T10:20:00Z', ['r5'], ['checkout'], { kind: 'near-miss' }),
  ];
  const report = doraReport(releases, postmortems, ['checkout', 'payments', 'storefront'], window);

  it('the window is (as-of − 90 d, as-of], written as its first and last day', () => {
    assert.deepEqual([report.from, report.to, report.windowDays], ['2026-08-31', '2026-11-28', 90]);
    // At midnight the start day itself is excluded: the window (2026-08-30T00:00Z, 2026-11-28T00:00Z] holds the dates 2026-08-31 … 2026-11-28.
    const midnight = windowEnding(Date.parse('2026-11-28T00:00:00Z'));
    assert.deepEqual([midnight.from, midnight.to], ['2026-08-31', '2026-11-28']);
    const edge = doraKeys(
      [
        deployment('first', '2026-08-31', 'shipped', []),
        deployment('out', '2026-08-30', 'shipped', []),
        deployment('last', '2026-11-28', 'shipped', []),
      ],
      [],
      midnight,
    );
    assert.equal(edge.deployments, 2);
  });
  it('deployments: shipped or rolled back in the window = r1, r2, r3, r4, r5, r9 = 6, i.e. 6 ÷ (90/7) = 0.466667 a week', () => {
    assert.equal(report.org.deployments, 6);
    assert.equal(report.org.deploymentsPerWeek, 0.466667);
  });
  it('failed: rolled back (r3) or named by an incident (r2, r9); not by a near miss (r5) or a draft = 3 of 6 = 0.5', () => {
    assert.equal(report.org.failedDeployments, 3);
    assert.equal(report.org.changeFailRate, 0.5);
  });
  it('recovery: earliest naming incident per failed deployment, r2 → 90 min (i1), r9 → 30 min; even count, median = (30 + 90) / 2 = 60', () => {
    assert.deepEqual(report.org.failedDeploymentRecoveryMinutes, { median: 60, n: 2 });
  });
  it('rework rate: 1 hotfix of 6 deployments = 0.166667', () => {
    assert.equal(report.org.hotfixDeployments, 1);
    assert.equal(report.org.reworkRate, 0.166667);
  });
  it('lead time: changes with mergedAt only, never below 0: [60, 26, 0, 6] h, median (6 + 26) / 2 = 16', () => {
    assert.deepEqual(report.org.leadTimeHours, { median: 16, n: 4 });
  });
  it('per service: the releases and postmortems that list the service', () => {
    const [checkout, payments] = report.services;
    // checkout: r1, r2, r3, r5, r9; failed r2 (i2 lists checkout), r3, r9; recovery r2 → 10 (i2: i1 does not list checkout), r9 → 30.
    assert.deepEqual(checkout, {
      service: 'checkout',
      deployments: 5,
      deploymentsPerWeek: 0.388889,
      failedDeployments: 3,
      changeFailRate: 0.6,
      failedDeploymentRecoveryMinutes: { median: 20, n: 2 },
      hotfixDeployments: 0,
      reworkRate: 0,
      leadTimeHours: { median: 26, n: 3 },
    });
    assert.deepEqual(payments, {
      service: 'payments',
      deployments: 2,
      deploymentsPerWeek: 0.155556,
      failedDeployments: 1,
      changeFailRate: 0.5,
      failedDeploymentRecoveryMinutes: { median: 90, n: 1 },
      hotfixDeployments: 1,
      reworkRate: 0.5,
      leadTimeHours: { median: 6, n: 1 },
    });
  });
  it('a service without deployments has counts of 0 and no rates or medians (absent, not 0)', () => {
    assert.deepEqual(report.services[2], {
      service: 'storefront',
      deployments: 0,
      deploymentsPerWeek: 0,
      failedDeployments: 0,
      changeFailRate: undefined,
      failedDeploymentRecoveryMinutes: { n: 0 },
      hotfixDeployments: 0,
      reworkRate: undefined,
      leadTimeHours: { n: 0 },
    });
  });
  it('a failed deployment whose earliest incident is not mitigated yet has no recovery time', () => {
    const keys = doraKeys(
      [deployment('r', '2026-11-20', 'shipped', ['x'])],
      [review('open', '2026-11-21T10:00:00Z', undefined, ['r'], ['x'])],
      window,
    );
    assert.equal(keys.failedDeployments, 1);
    assert.deepEqual(keys.failedDeploymentRecoveryMinutes, { n: 0 });
  });
  it('counts as an incident: kind incident and not a draft', () => {
    assert.equal(countsAsIncident({ data: { kind: 'incident', status: 'published' } }), true);
    assert.equal(countsAsIncident({ data: { status: 'in-review' } }), true);
    assert.equal(countsAsIncident({ data: { kind: 'near-miss', status: 'published' } }), false);
    assert.equal(countsAsIncident({ draft: true, data: { kind: 'incident', status: 'draft' } }), false);
  });
});

describe('distributions and trends', () => {
  it('{ n, median, p90 } with nearest-rank p90 (the ⌈0.9 n⌉-th smallest) at small n', () => {
    assert.deepEqual(distribution([]), { n: 0 });
    assert.deepEqual(distribution([7]), { n: 1, median: 7, p90: 7 });
    assert.deepEqual(distribution([30, 10]), { n: 2, median: 20, p90: 30 }); // ⌈1.8⌉ = 2nd
    assert.deepEqual(distribution([30, 10, 20]), { n: 3, median: 20, p90: 30 }); // ⌈2.7⌉ = 3rd
    assert.deepEqual(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), { n: 10, median: 5.5, p90: 9 }); // ⌈9⌉ = 9th
    assert.deepEqual(distribution([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), { n: 11, median: 6, p90: 10 }); // ⌈9.9⌉ = 10th
  });
  it('calls a trend only when both periods have n ≥ 10', () => {
    const refused = callTrend({ n: 12, value: 30 }, { n: 9, value: 60 });
    assert.equal(refused.called, false);
    assert.match(refused.called ? '' : refused.reason, /too few incidents to call a trend \(n = 9 then 12; both periods need n ≥ 10\)/);
    assert.deepEqual(callTrend({ n: 10, value: 30 }, { n: 10, value: 45 }), { called: true, direction: 'down', change: -15 });
    assert.deepEqual(callTrend({ n: 10, value: 45 }, { n: 11, value: 45 }), { called: true, direction: 'flat', change: 0 });
  });
  it('time to x over the incidents that started in the 90 days ending at the as-of instant, with the 90 days before for the trend', () => {
    // 10 incidents in the window (toDetect 1..10), 10 in the one before (toDetect 11..20), one older. Mitigated only for 3 of the current ones.
    const current = Array.from({ length: 10 }, (_, i) =>
      incident(`c${i}`, `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00Z`, {
        toDetect: i + 1,
        ...(i < 3 ? { toMitigate: 10 * (i + 1) } : {}),
      }),
    );
    const previous = Array.from({ length: 10 }, (_, i) =>
      incident(`p${i}`, `2026-07-${String(i + 1).padStart(2, '0')}T10:00:00Z`, { toDetect: 11 + i }),
    );
    const figures = timeToXInsights([...current, ...previous, incident('old', '2026-01-01T00:00:00Z', { toDetect: 999 })], NOW);
    assert.deepEqual([figures.from, figures.to, figures.incidents], ['2026-08-31', '2026-11-28', 10]);
    assert.deepEqual([figures.previous.from, figures.previous.to, figures.previous.incidents], ['2026-06-02', '2026-08-30', 10]);
    assert.deepEqual(figures.timeToX.detect, { n: 10, median: 5.5, p90: 9 });
    assert.deepEqual(figures.timeToX.mitigate, { n: 3, median: 20, p90: 30 });
    assert.deepEqual(figures.timeToX.acknowledge, { n: 0 });
    assert.deepEqual(figures.previous.timeToX.detect, { n: 10, median: 15.5, p90: 19 });
    assert.deepEqual(figures.trends.detect, { called: true, direction: 'down', change: -10 });
    assert.equal(figures.trends.mitigate.called, false);
  });
  it('near misses are counted on their own, against the period before; drafts never count', () => {
    const near = [
      review('n1', '2026-11-20T10:00:00Z', undefined, [], ['x'], { kind: 'near-miss' }),
      review('n2', '2026-09-01T10:00:00Z', undefined, [], ['x'], { kind: 'near-miss' }),
      review('n3', '2026-07-01T10:00:00Z', undefined, [], ['x'], { kind: 'near-miss' }),
      review('n4', '2026-11-21T10:00:00Z', undefined, [], ['x'], { kind: 'near-miss', draft: true }),
      review('i', '2026-11-22T10:00:00Z', undefined, [], ['x']),
    ];
    const figures = nearMissInsights(near, NOW);
    assert.deepEqual([figures.count, figures.previousCount], [2, 1]);
    assert.deepEqual(
      figures.all.map((pm) => pm.id),
      ['n1', 'n2', 'n3'],
    );
    assert.equal(figures.trend.called, false);
  });
});

describe('SLO burn', () => {
  const timeline = { started: '2026-11-20T10:00:00+01:00', detected: '2026-11-20T09:05:00Z', mitigated: '2026-11-20T09:40:00Z' }; // 40 min
  it('burn rate = (bad / duration) / (1 − objective/100): 10 of 40 min against 99.9% = 0.25 / 0.001 = 250', () => {
    assert.deepEqual(burnRate({ objective: 99.9, timeline, badMinutes: 10, budgetPercent: 23.148148 }, NOW), {
      durationMinutes: 40,
      badFraction: 0.25,
      burnRate: 250,
      budgetPercent: 23.148148,
    });
  });
  it('a full outage against 99% burns 100× and an unmitigated incident runs to the as-of instant', () => {
    const open = { started: '2026-11-28T11:00:00Z', detected: '2026-11-28T11:00:00Z' };
    const burn = burnRate({ objective: 99, timeline: open, badMinutes: 60, budgetPercent: 14.88 }, NOW);
    assert.equal(burn.durationMinutes, 60);
    assert.equal(burn.burnRate, 100);
  });
  it('the budget series is cumulative by day and ignores charges outside the window', () => {
    const start = Date.parse('2026-11-25T12:00:00Z');
    const series = budgetSeries(
      [
        { started: '2026-11-25T11:00:00Z', badMinutes: 100 }, // before the window
        { started: '2026-11-26T10:00:00Z', badMinutes: 5 },
        { started: '2026-11-27T00:59:00+01:00', badMinutes: 2.5 }, // 23:59Z on the 26th
        { started: '2026-11-28T11:00:00Z', badMinutes: 1 },
        { started: '2026-11-28T13:00:00Z', badMinutes: 50 }, // after the as-of instant
      ],
      start,
      NOW,
    );
    assert.deepEqual(series, [
      { date: '2026-11-25', consumedMinutes: 0 },
      { date: '2026-11-26', consumedMinutes: 7.5 },
      { date: '2026-11-27', consumedMinutes: 7.5 },
      { date: '2026-11-28', consumedMinutes: 8.5 },
    ]);
  });
});

describe('error-budget policy signals', () => {
  const view = (id: string, impacts: [string, number, boolean][], actions: [string, string][]) =>
    ({
      id,
      sloImpact: impacts.map(([slo, budgetPercent, exceeds]) => ({
        slo: { visible: true, collection: 'slos', id: slo, url: `/slos/${slo}/`, title: slo },
        sloId: slo,
        badMinutes: 1,
        budgetPercent,
        exceedsIncidentThreshold: exceeds,
      })),
      actionItems: actions.map(([priority, type]) => ({ priority, type })),
    }) as unknown as PostmortemView;
  it('lists incidents that alone consumed more than the threshold, and whether a P0 prevent item answers it', () => {
    const signals = policySignals([
      view(
        'big',
        [
          ['checkout', 43.98, true],
          ['search', 5, false],
        ],
        [['P0', 'prevent']],
      ),
      view(
        'unanswered',
        [['payments', 69.4, true]],
        [
          ['P0', 'mitigate'],
          ['P1', 'prevent'],
        ],
      ),
      view('small', [['checkout', 20, false]], []),
    ]);
    assert.deepEqual(
      signals.map((s) => [s.postmortem.id, s.slo.visible && s.slo.id, s.budgetPercent, s.hasP0Prevent]),
      [
        ['big', 'checkout', 43.98, true],
        ['unanswered', 'payments', 69.4, false],
      ],
    );
  });
});

describe('PRD review sessions', () => {
  it('lists the next sessions with their PRDs, plus later and off-cadence bookings', () => {
    const prds = [
      { id: 'a', reviewSession: '2026-12-10' },
      { id: 'b', reviewSession: '2026-12-24' },
      { id: 'c', reviewSession: '2027-01-07' },
      { id: 'd', reviewSession: '2026-12-15' },
      { id: 'past', reviewSession: '2026-11-12' },
      { id: 'none' },
    ];
    const sessions = reviewSessions({ every: '14d', start: '2026-01-08' }, prds, '2026-11-28', 2);
    assert.deepEqual(
      sessions.map((s) => [s.date, s.onCadence, s.prds.map((p) => p.id).join(',')]),
      [
        ['2026-12-10', true, 'a'],
        ['2026-12-15', false, 'd'],
        ['2026-12-24', true, 'b'],
        ['2027-01-07', true, 'c'],
      ],
    );
  });
});

describe('trends', () => {
  it('names months and quarters in UTC', () => {
    assert.equal(quarterOf(Date.parse('2026-04-01T00:30:00+02:00')), '2026-Q1');
    assert.deepEqual(monthsBetween('2025-11', '2026-02'), ['2025-11', '2025-12', '2026-01', '2026-02']);
    assert.deepEqual(quartersBetween('2025-Q4', '2026-Q2'), ['2025-Q4', '2026-Q1', '2026-Q2']);
  });
  it('labels years below 1000 with four digits', () => {
    assert.equal(quarterOf(Date.parse('0001-02-03T00:00:00Z')), '0001-Q1');
    assert.deepEqual(monthsBetween('0009-11', '0010-01'), ['0009-11', '0009-12', '0010-01']);
    assert.deepEqual(quartersBetween('0999-Q4', '1000-Q1'), ['0999-Q4', '1000-Q1']);
  });
  it('a trend reaches at most 10 years back and stops at the as-of month (years 0001 and 9999 are valid)', () => {
    const rows = incidentsPerMonth(
      [incident('a', '0001-01-01T00:00:00+14:00'), incident('b', '2026-11-02T10:00:00Z'), incident('c', '9999-12-31T10:00:00-12:00')],
      ['SEV1', 'SEV2', 'SEV3'],
      NOW,
    );
    // 2016-11 … 2026-11: 10 × 12 + 1 months; only b falls inside.
    assert.equal(rows.length, 121);
    assert.equal(rows[0].month, '2016-11');
    assert.equal(rows.at(-1)!.month, '2026-11');
    assert.equal(
      rows.reduce((sum, row) => sum + row.total, 0),
      1,
    );
    assert.deepEqual(
      durationsByQuarter([incident('c', '9999-12-31T10:00:00-12:00')], NOW),
      [],
      'an incident after the as-of instant makes no trend',
    );
  });
  it('counts incidents per month by severity, with empty months in between', () => {
    const rows = incidentsPerMonth(
      [
        incident('a', '2026-09-03T10:00:00Z', { severity: 'SEV1' }),
        incident('b', '2026-09-30T23:30:00-01:00', { severity: 'SEV3' }),
        incident('c', '2026-11-02T10:00:00Z', { severity: 'SEV3' }),
      ],
      ['SEV1', 'SEV2', 'SEV3'],
      NOW,
    );
    assert.deepEqual(rows, [
      { month: '2026-09', bySeverity: { SEV1: 1, SEV2: 0, SEV3: 0 }, total: 1 },
      { month: '2026-10', bySeverity: { SEV1: 0, SEV2: 0, SEV3: 1 }, total: 1 },
      { month: '2026-11', bySeverity: { SEV1: 0, SEV2: 0, SEV3: 1 }, total: 1 },
    ]);
  });
  it('median and p90 of detect / mitigate / resolve by quarter', () => {
    const rows = durationsByQuarter(
      [
        incident('a', '2026-07-01T10:00:00Z', { toDetect: 2, toMitigate: 30, toResolve: 100 }),
        incident('b', '2026-08-01T10:00:00Z', { toDetect: 10, toMitigate: 60, toResolve: 200 }),
        incident('c', '2026-09-01T10:00:00Z', { toDetect: 4, toMitigate: 90, toResolve: 400 }),
        incident('d', '2026-09-02T10:00:00Z', { toDetect: 8 }),
        incident('e', '2026-11-01T10:00:00Z', { toDetect: 1, toMitigate: 5, toResolve: 7 }),
      ],
      NOW,
    );
    assert.deepEqual(
      rows.map((row) => row.quarter),
      ['2026-Q3', '2026-Q4'],
    );
    const [q3, q4] = rows;
    assert.equal(q3.incidents, 4);
    assert.deepEqual(q3.detect, { n: 4, median: 6, p90: 10 });
    assert.deepEqual(q3.mitigate, { n: 3, median: 60, p90: 90 });
    assert.deepEqual(q3.resolve, { n: 3, median: 200, p90: 400 });
    assert.deepEqual(q4.mitigate, { n: 1, median: 5, p90: 5 });
  });
  it('splits detection sources as a share of all incidents', () => {
    const split = detectionSplit([
      incident('a', '2026-11-01T00:00:00Z', { detection: 'alert' }),
      incident('b', '2026-11-02T00:00:00Z', { detection: 'alert' }),
      incident('c', '2026-11-03T00:00:00Z', { detection: 'customer-report' }),
      incident('d', '2026-11-04T00:00:00Z', { detection: 'monitoring' }),
      incident('e', '2026-11-05T00:00:00Z'),
    ]);
    assert.equal(split.total, 5);
    assert.equal(split.alertPercent, 40);
    assert.equal(split.customerPercent, 20);
    assert.deepEqual(
      split.bySource.find((row) => row.source === 'not-recorded'),
      { source: 'not-recorded', count: 1, percent: 20 },
    );
    assert.deepEqual(
      split.bySource.find((row) => row.source === 'internal-report'),
      { source: 'internal-report', count: 0, percent: 0 },
    );
  });
  it('counts factor categories per quarter, once per incident', () => {
    const rows = factorsByQuarter(
      [
        incident('a', '2026-10-01T00:00:00Z', { factors: ['change', 'change', 'capacity'] }),
        incident('b', '2026-11-01T00:00:00Z', { factors: ['change'] }),
      ],
      ['change', 'capacity', 'process'],
      NOW,
    );
    assert.deepEqual(rows, [{ quarter: '2026-Q4', byCategory: { change: 2, capacity: 1, process: 0 } }]);
  });
  it('finds recurrences: same service, same category, within 90 days (inclusive), not beyond', () => {
    const pairs = recurrences(
      [
        incident('first', '2026-06-01T00:00:00Z', { services: ['slot-booking'], factors: ['capacity', 'change'] }),
        incident('exactly-90', '2026-08-30T00:00:00Z', { services: ['slot-booking', 'checkout-api'], factors: ['capacity'] }),
        incident('day-91', '2026-08-31T00:00:00Z', { services: ['slot-booking'], factors: ['change'] }),
        incident('other-service', '2026-06-10T00:00:00Z', { services: ['search'], factors: ['capacity'] }),
        incident('other-category', '2026-06-20T00:00:00Z', { services: ['slot-booking'], factors: ['dependency'] }),
      ],
      90,
    );
    assert.deepEqual(
      pairs.map((pair) => [pair.earlier.id, pair.later.id, pair.services.join(','), pair.categories.join(','), pair.daysApart]),
      [['first', 'exactly-90', 'slot-booking', 'capacity', 90]],
    );
  });
  it('reports every qualifying pair, newest first', () => {
    const pairs = recurrences(
      [
        incident('a', '2026-09-01T00:00:00Z', { factors: ['change'] }),
        incident('b', '2026-09-11T12:00:00Z', { factors: ['change'] }),
        incident('c', '2026-10-01T00:00:00Z', { factors: ['change'] }),
      ],
      90,
    );
    assert.deepEqual(
      pairs.map((pair) => `${pair.earlier.id}→${pair.later.id}:${pair.daysApart}`),
      ['b→c:19.5', 'a→c:30', 'a→b:10.5'],
    );
  });
  it('finds the pairs that comparing every incident with every later one finds, in the same order', () => {
    // Many incidents, several services each (some shared by a pair twice over), equal start
    // instants, the window's edge: the pairs and their order as the plain comparison of every
    // pair gives them.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const services = ['checkout-api', 'payments', 'search', 'slot-booking'];
    const categories = ['change', 'capacity', 'dependency', 'process'];
    const base = Date.parse('2026-01-01T00:00:00Z');
    const incidents = Array.from({ length: 160 }, (_, index) => {
      const day = Math.floor(random() * 200);
      const started = new Date(base + day * 86_400_000 + (index % 3 === 0 ? 0 : Math.floor(random() * 24) * 3_600_000));
      return incident(`i${String(index).padStart(3, '0')}`, started.toISOString().replace('.000Z', 'Z'), {
        services: services.filter(() => random() < 0.4),
        factors: categories.filter(() => random() < 0.4),
      });
    });
    const within = 30;
    const started = (one: IncidentInput) => Date.parse(one.data.timeline.started);
    const sorted = [...incidents].sort((a, b) => started(a) - started(b) || a.id.localeCompare(b.id));
    const expected: string[] = [];
    const found: { text: string; later: number; earlier: number }[] = [];
    for (const [i, earlier] of sorted.entries())
      for (const later of sorted.slice(i + 1)) {
        const days = (started(later) - started(earlier)) / 86_400_000;
        if (days > within) break;
        const shared = earlier.data.services.filter((name) => later.data.services.includes(name));
        const laterCategories = later.data.contributingFactors.map((factor) => factor.category);
        const common = [...new Set(earlier.data.contributingFactors.map((factor) => factor.category))].filter((category) =>
          laterCategories.includes(category),
        );
        if (shared.length && common.length)
          found.push({
            text: `${earlier.id}→${later.id} ${shared} ${common} ${Math.round(days * 1e6) / 1e6}`,
            later: started(later),
            earlier: started(earlier),
          });
      }
    expected.push(...found.sort((a, b) => b.later - a.later || b.earlier - a.earlier).map((pair) => pair.text));
    assert.ok(expected.length > 50, `${expected.length} pairs`);
    assert.deepEqual(
      recurrences(incidents, within).map(
        (pair) => `${pair.earlier.id}→${pair.later.id} ${pair.services} ${pair.categories} ${pair.daysApart}`,
      ),
      expected,
    );
  });
});

describe('figures as pages say them', () => {
  it('says when there is too little data instead of showing a number', () => {
    const minutes = (value: number) => `${value} min`;
    assert.equal(figureText({ n: 0 }, minutes, 'no deployments in the window', MIN_FIGURE_N), 'no deployments in the window');
    assert.equal(figureText({ n: 2, value: 60 }, minutes, 'none', MIN_FIGURE_N), 'n = 2: too few to call');
    assert.equal(figureText({ n: 3, value: 60 }, minutes, 'none', MIN_FIGURE_N), '60 min');
    assert.equal(shareText(0, 0), 'no deployments in the window');
    assert.equal(shareText(1, 6), '17% (1 of 6)');
  });
});

it('long lists: the first rows and the count of all; a short list is whole', () => {
  const items = Array.from({ length: 30 }, (_, index) => index);
  assert.deepEqual(firstRows(items, 25), { rows: items.slice(0, 25), total: 30, omitted: 5 });
  assert.deepEqual(firstRows([1, 2], 25), { rows: [1, 2], total: 2, omitted: 0 });
  assert.equal(firstRows(items).rows.length, LISTED_ROWS);
});

it('the sentence under a cut table: the count, what still lacks its item (listed first), then the order', () => {
  const words = { noun: 'incidents', lacks: 'without one', then: 'the most recent' };
  const cut = firstRows(Array.from({ length: 1200 }, (_, index) => index));
  assert.equal(listedSentence(cut, 0, words), '1,200 incidents in all, none without one; the 25 listed are the most recent.');
  assert.equal(
    listedSentence(cut, 3, words),
    '1,200 incidents in all, 3 without one; the 25 listed are those first, then the most recent.',
  );
  assert.equal(listedSentence(firstRows([1, 2]), 1, words), '', 'nothing left out: no sentence');
  assert.equal(
    listedSentence(cut, undefined, { noun: 'pairs', then: 'the most recent' }),
    '1,200 pairs in all; the 25 listed are the most recent.',
    'a list where nothing can be lacking',
  );
});

it('the action items page lists every open item and the closed ones due most recently', () => {
  // Sorted by due date, as Model.actionItems is: two overdue, one in progress, five done, two decided against.
  const item = (id: string, status: string, overdue = false) => ({ id, status, overdue });
  const items = [
    item('a', 'open', true),
    item('b', 'done'),
    item('c', 'in-progress', true),
    item('d', 'done'),
    item('e', 'wont-do'),
    item('f', 'done'),
    item('g', 'in-progress'),
    item('h', 'done'),
    item('i', 'wont-do'),
    item('j', 'done'),
  ];
  const groups = actionItemGroups(items, 3);
  const byId = Object.fromEntries(groups.map((group) => [group.id, group]));
  assert.deepEqual(
    groups.map((group) => group.id),
    ['overdue', 'open', 'done', 'wont-do'],
  );
  assert.deepEqual(
    byId.overdue!.rows.map((row) => row.id),
    ['a', 'c'],
  );
  assert.deepEqual(
    byId.open!.rows.map((row) => row.id),
    ['g'],
  );
  // Five done, the last three due listed, latest first, with a sentence saying so.
  assert.deepEqual(
    byId.done!.rows.map((row) => row.id),
    ['j', 'h', 'f'],
  );
  assert.equal(byId.done!.total, 5);
  assert.equal(byId.done!.cut, '5 done items in all; the 3 listed are those due most recently.');
  // Two decided against, under the limit: all listed, nothing to say.
  assert.deepEqual(
    byId['wont-do']!.rows.map((row) => row.id),
    ['i', 'e'],
  );
  assert.equal(byId['wont-do']!.cut, '');
  // Open items are never cut, however many.
  const many = Array.from({ length: 250 }, (_, index) => item(`o${index}`, 'open'));
  assert.equal(actionItemGroups(many, 3).find((group) => group.id === 'open')!.rows.length, 250);
});
