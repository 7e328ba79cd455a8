/** OpenSLO v1 input: conversion, every shape of tests/fixtures/openslo, each unsupported part, and the validation pass. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { budgetMinutes } from '../../src/core/budgets.ts';
import { fromOpenSlo, isOpenSlo } from '../../src/validation/openslo.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { AS_OF, contentFolder, lineContaining, problemsOf } from './support/content.ts';

const EXAMPLE = `apiVersion: openslo/v1
kind: SLO
metadata:
  name: checkout-success
  displayName: Checkout success
  labels:
    team: platform
spec:
  description: Checkouts that complete.
  service: checkout-api
  indicator:
    metadata:
      name: checkout-success-ratio
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(checkout_ok[5m]))
        total:
          metricSource:
            type: Prometheus
            spec:
              query: sum(rate(checkout_total[5m]))
  timeWindow:
    - duration: 28d
      isRolling: true
  budgetingMethod: Occurrences
  objectives:
    - displayName: Good checkouts
      target: 0.995
`;

/** The example with some lines replaced (`from` must occur). */
function variant(...replacements: [string | RegExp, string][]): string {
  let text = EXAMPLE;
  for (const [from, to] of replacements) {
    assert.ok(typeof from === 'string' ? text.includes(from) : from.test(text), `fixture contains ${from}`);
    text = text.replace(from, to);
  }
  return text;
}

const convert = (text: string, id = 'checkout-success') => fromOpenSlo(parse(text), id);
/** The warning every file with an inline metric source gets (the example has one). */
const METRIC_SOURCES =
  'metric sources are not read and are ignored: Almanac charges error budgets from postmortems (impact.slos), not from metrics; keep the queries for your monitoring tool';
const isMetricSourceWarning = (p: { message: string }) => p.message === METRIC_SOURCES;
/** Problems other than the metric-source warning, as [level, path, message]. */
const messages = (text: string, id?: string) =>
  convert(text, id)
    .problems.filter((p) => !isMetricSourceWarning(p))
    .map((p) => [p.level, p.path.join('.'), p.message] as const);

describe('OpenSLO conversion', () => {
  test('happy path: a ratio metric becomes an availability SLO with the budget of 99.5% over 28d', () => {
    assert.equal(isOpenSlo(parse(EXAMPLE)), true);
    assert.equal(isOpenSlo({ title: 'x' }), false);
    const conversion = convert(EXAMPLE);
    assert.deepEqual(conversion.problems, [
      { level: 'warning', path: ['spec', 'indicator', 'spec', 'ratioMetric', 'good', 'metricSource'], message: METRIC_SOURCES },
    ]);
    assert.deepEqual(conversion.data, {
      title: 'Checkout success',
      service: 'checkout-api',
      owner: 'platform',
      objective: 99.5,
      window: '28d',
      sli: { kind: 'availability', description: 'checkout-success-ratio: the ratio of good events to all events' },
    });
    assert.equal(conversion.description, 'Checkouts that complete.');
    assert.equal(budgetMinutes({ objective: 99.5, window: '28d' }, AS_OF), 201.6);
    assert.deepEqual(conversion.sourcePath(['objective']), ['spec', 'objectives', 0, 'target']);
    assert.deepEqual(conversion.sourcePath(['service']), ['spec', 'service']);
    assert.deepEqual(conversion.sourcePath(['window']), ['spec', 'timeWindow', 0, 'duration']);
  });

  test('targetPercent, annotations for owner/status/visibility, and the indicator description', () => {
    const text = variant(
      ['      target: 0.995', '      targetPercent: 99.95'],
      [
        '  labels:\n    team: platform',
        '  annotations:\n    almanac/owner: checkout\n    almanac/status: draft\n    almanac/visibility: public',
      ],
      ['    spec:\n      ratioMetric:', '    spec:\n      description: Good checkouts over all checkouts.\n      ratioMetric:'],
    );
    const { data } = convert(text);
    assert.deepEqual(messages(text), []);
    assert.equal(data!.objective, 99.95);
    assert.equal(data!.owner, 'checkout');
    assert.equal(data!.status, 'draft');
    assert.equal(data!.visibility, 'public');
    assert.deepEqual(data!.sli, { kind: 'availability', description: 'Good checkouts over all checkouts.' });
  });

  test('a threshold metric becomes a latency SLI with the objective value as threshold', () => {
    const text = variant(
      [
        / {6}ratioMetric:[\s\S]*?(?= {2}timeWindow)/,
        '      thresholdMetric:\n        metricSource:\n          type: Prometheus\n          spec:\n            query: histogram_quantile(0.99, x)\n',
      ],
      ['      target: 0.995', '      op: lte\n      value: 300\n      target: 0.99'],
      ['  labels:', '  annotations:\n    almanac/threshold-percentile: "99"\n  labels:'],
    );
    const { data } = convert(text);
    assert.deepEqual(messages(text), []);
    assert.deepEqual(data!.sli, {
      kind: 'latency',
      description: "checkout-success-ratio: a threshold metric compared with the objective's value",
      threshold: { value: 300, unit: 'ms', percentile: 99 },
    });
  });

  test('a ratio metric is availability whatever its name, and is not asked for a threshold; op and value make it latency', () => {
    const named = variant(['      name: checkout-success-ratio', '      name: checkout-latency-under-300ms']);
    assert.deepEqual(messages(named), []);
    assert.equal((convert(named).data!.sli as { kind: string }).kind, 'availability');
    const withValue = variant(
      ['      name: checkout-success-ratio', '      name: checkout-latency-under-300ms'],
      ['      target: 0.995', '      op: lte\n      value: 300\n      target: 0.995'],
    );
    assert.deepEqual(convert(withValue).data!.sli, {
      kind: 'latency',
      description: 'checkout-latency-under-300ms: the ratio of good events to all events',
      threshold: { value: 300, unit: 'ms' },
    });
  });

  test('the kind annotation latency without op and value asks for a threshold', () => {
    const text = variant(['  labels:', '  annotations:\n    almanac/sli-kind: latency\n  labels:']);
    assert.deepEqual(messages(text), [
      [
        'error',
        'spec.objectives.0',
        'a latency indicator needs a threshold: add op: lte and value: <e.g. 300> to the objective (unit ms, or set the annotation almanac/threshold-unit), or set the annotation almanac/sli-kind to the kind it measures',
      ],
    ]);
  });

  test('indicatorRef names the indicator; almanac/sli-kind sets the kind', () => {
    const text = variant(
      [/ {2}indicator:[\s\S]*?(?= {2}timeWindow)/, '  indicatorRef: checkout-freshness-sli\n'],
      ['  labels:', '  annotations:\n    almanac/sli-kind: freshness\n  labels:'],
    );
    const { data, problems } = convert(text);
    assert.deepEqual(problems, [], 'no metric source in the file: no warning at all');
    assert.deepEqual(data!.sli, { kind: 'freshness', description: 'Measured by the OpenSLO indicator "checkout-freshness-sli"' });
  });

  test('"1m" is one minute in OpenSLO: warned about as a likely month', () => {
    const { data } = convert(variant(['duration: 28d', 'duration: 1m']));
    const problems = convert(variant(['duration: 28d', 'duration: 1m'])).problems.filter((p) => !isMetricSourceWarning(p));
    assert.equal(data!.window, '1m');
    assert.deepEqual(
      problems.map((p) => [p.level, p.path.join('.')]),
      [['warning', 'spec.timeWindow.0.duration']],
    );
    assert.equal(
      problems[0].message,
      '"1m" is 1 minute in OpenSLO (months are written 1M); an SLO window this short leaves an error budget of seconds. If you meant 1 month, write 30d',
    );
    assert.match(
      messages(variant(['duration: 28d', 'duration: 3m']))[0][2],
      /^"3m" is 3 minutes in OpenSLO \(months are written 3M\).*write 90d$/,
    );
    assert.deepEqual(messages(variant(['duration: 28d', 'duration: 90m'])), [], 'longer minute windows are taken as written');
    assert.equal(convert(variant(['duration: 28d', 'duration: 2w'])).data!.window, '2w', 'the same duration: 2w is 14 days');
  });

  test('calendar-aligned windows: 1w, 1M and 1Q with calendar.timeZone', () => {
    const calendar = (duration: string, extra = '') =>
      variant(
        ['duration: 28d', `duration: ${duration}`],
        [
          '      isRolling: true',
          `      isRolling: false\n      calendar:\n        startTime: "2026-01-01 00:00:00"\n        timeZone: Europe/London${extra}`,
        ],
      );
    const month = convert(calendar('1M'));
    assert.deepEqual(messages(calendar('1M')), []);
    assert.equal(month.data!.window, 'calendar-month');
    assert.equal(month.data!.timeZone, 'Europe/London');
    assert.deepEqual(month.sourcePath(['timeZone']), ['spec', 'timeWindow', 0, 'calendar', 'timeZone']);
    assert.equal(convert(calendar('1Q')).data!.window, 'calendar-quarter');
    // 2026-01-01 is a Thursday: a week window starting then is read with Monday-aligned weeks, and said so.
    assert.equal(convert(calendar('1w')).data!.window, 'calendar-week');
    assert.deepEqual(messages(calendar('1w')), [
      [
        'warning',
        'spec.timeWindow.0.calendar.startTime',
        '"2026-01-01 00:00:00" is not a Monday at 00:00; Almanac\'s calendar-week periods always begin there (in Europe/London), so budgets follow those periods, not this start time',
      ],
    ]);
    assert.deepEqual(messages(calendar('1Y')), [
      [
        'error',
        'spec.timeWindow.0.duration',
        '"1Y" is not supported for a calendar-aligned window: write 1w (calendar week), 1M (calendar month) or 1Q (calendar quarter), or make the window rolling (isRolling: true, e.g. 28d)',
      ],
    ]);
    // isRolling: false without a calendar: periods in UTC, with a warning that says so.
    const bare = variant(['duration: 28d', 'duration: 1M'], ['      isRolling: true', '      isRolling: false']);
    assert.equal(convert(bare).data!.timeZone, undefined);
    assert.deepEqual(
      messages(bare).map((m) => [m[0], m[1]]),
      [['warning', 'spec.timeWindow.0']],
    );
  });

  test('unsupported: month, quarter and year windows', () => {
    assert.deepEqual(messages(variant(['duration: 28d', 'duration: 1M'])), [
      [
        'error',
        'spec.timeWindow.0.duration',
        '"1M": months have no fixed length, so the error budget would be a guess; write the rolling window in days or weeks, e.g. 30d or 4w',
      ],
    ]);
    assert.match(messages(variant(['duration: 28d', 'duration: 1Q']))[0][2], /quarters have no fixed length/);
  });

  test('two objectives: the higher target is the objective, the lower one the SLA; three are an error', () => {
    const two = variant(['      target: 0.995', '      target: 0.995\n    - displayName: Strict\n      target: 0.999']);
    const conversion = convert(two);
    assert.deepEqual(messages(two), []);
    assert.equal(conversion.data!.objective, 99.9);
    assert.deepEqual(conversion.data!.sla, { objective: 99.5, description: 'Good checkouts' });
    assert.deepEqual(conversion.sourcePath(['sla', 'objective']), ['spec', 'objectives', 0, 'target']);
    assert.deepEqual(conversion.sourcePath(['objective']), ['spec', 'objectives', 1, 'target']);
    const same = variant(['      target: 0.995', '      target: 0.995\n    - target: 0.995']);
    assert.deepEqual(
      messages(same).map((m) => [m[0], m[1]]),
      [['error', 'spec.objectives.1.target']],
    );
    const three = variant(['      target: 0.995', '      target: 0.995\n    - target: 0.999\n    - target: 0.99']);
    assert.deepEqual(messages(three), [
      [
        'error',
        'spec.objectives.2',
        'checkout-success.yaml has 3 objectives; Almanac reads one (the objective) or two (the higher target is the objective, the lower one the SLA). Put the others in their own files (e.g. checkout-success-strict.yaml)',
      ],
    ]);
    const windows = variant(['      isRolling: true', '      isRolling: true\n    - duration: 7d\n      isRolling: true']);
    assert.deepEqual(
      messages(windows).map((m) => m[1]),
      ['spec.timeWindow.1'],
    );
  });

  test('budgeting methods: Occurrences, Timeslices and RatioTimeslices are read; another is an error', () => {
    assert.deepEqual(messages(variant(['budgetingMethod: Occurrences', 'budgetingMethod: RatioTimeslices'])), []);
    assert.deepEqual(messages(variant(['budgetingMethod: Occurrences', 'budgetingMethod: Timeslices'])), []);
    assert.deepEqual(messages(variant(['budgetingMethod: Occurrences', 'budgetingMethod: BurnRate'])), [
      [
        'error',
        'spec.budgetingMethod',
        '"BurnRate" is not an OpenSLO budgeting method; use one of Occurrences, Timeslices, RatioTimeslices',
      ],
    ]);
  });

  test('alert policies and unknown fields are reported as ignored (warnings), not dropped silently', () => {
    const text = variant([
      '  budgetingMethod: Occurrences',
      '  budgetingMethod: Occurrences\n  alertPolicies:\n    - alertPolicyRef: page-on-fast-burn\n  sloLabels: x',
    ]);
    const conversion = convert(text);
    assert.ok(conversion.data, 'still converted');
    assert.deepEqual(
      conversion.problems.map((p) => [p.level, p.path.join('.')]),
      [
        ['warning', 'spec.sloLabels'],
        ['warning', 'spec.alertPolicies'],
        ['warning', 'spec.indicator.spec.ratioMetric.good.metricSource'],
      ],
    );
    assert.equal(
      conversion.problems[1].message,
      'alert policies are not supported by Almanac and are ignored; keep alerting in your monitoring tool',
    );
  });

  test('target out of range, both target forms, objective-level indicators', () => {
    assert.deepEqual(messages(variant(['target: 0.995', 'target: 99.5'])), [
      [
        'error',
        'spec.objectives.0.target',
        'must be a number above 0 and below 1, e.g. 0.999 for 99.9%; 99.5 looks like a percentage: write targetPercent: 99.5 or target: 0.995',
      ],
    ]);
    assert.deepEqual(
      messages(variant(['target: 0.995', 'target: 0.995\n      targetPercent: 99.5'])).map((m) => m[1]),
      ['spec.objectives.0.targetPercent'],
    );
    assert.match(
      messages(variant(['target: 0.995', 'target: 0.995\n      indicatorRef: other']))[0][2],
      /^objective-level indicators \(composite SLOs\) are not supported/,
    );
  });

  test('the file name is the id: a different metadata.name is a warning; apiVersion and kind are checked', () => {
    const conversion = convert(EXAMPLE, 'checkout-ok');
    assert.ok(conversion.data, 'still converted');
    assert.deepEqual(messages(EXAMPLE, 'checkout-ok'), [
      [
        'warning',
        'metadata.name',
        'is "checkout-success" but the file is named checkout-ok; the SLO\'s id is its file name, so references to it use checkout-ok. Rename the file to checkout-success.yaml if that is the id you mean',
      ],
    ]);
    assert.deepEqual(messages(variant(['apiVersion: openslo/v1', 'apiVersion: openslo/v1alpha'])), [
      ['error', 'apiVersion', '"openslo/v1alpha" is not supported; Almanac reads OpenSLO apiVersion openslo/v1'],
    ]);
    assert.match(
      messages(variant(['kind: SLO', 'kind: SLI']))[0][2],
      /^"SLI" is not supported: a file in slos\/ must be an OpenSLO kind SLO/,
    );
  });
});

describe('OpenSLO files in the validation pass', () => {
  test('an OpenSLO file is an SLO entry, and appears in the model with its budget', () => {
    const folder = contentFolder({ 'slos/checkout-success.yaml': EXAMPLE });
    const result = folder.validate();
    assert.deepEqual(
      result.problems.map((p) => [p.level, p.field, p.message]),
      [['warning', 'spec.indicator.spec.ratioMetric.good.metricSource', METRIC_SOURCES]],
    );
    const entry = result.entries.find((e) => e.id === 'checkout-success')!;
    assert.equal(entry.collection, 'slos');
    assert.equal(entry.data.objective, 99.5);
    assert.equal(entry.data.status, 'active');
    assert.equal(entry.body, 'Checkouts that complete.');
    const env = readEnvironment(
      { ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() },
      { root: folder.root },
    );
    const slo = loadHandbook(env).model.get('slos', 'checkout-success')!;
    assert.equal(slo.budget.budgetMinutes, 201.6);
    assert.equal(slo.ownerId, 'platform');
  });

  test('problems point at the OpenSLO field and its line: conversion, schema and references', () => {
    const text = variant(
      ['service: checkout-api', 'service: chekout-api'],
      ['duration: 28d', 'duration: 1m'],
      ['team: platform', 'team: nobody'],
    );
    const result = contentFolder({ 'slos/checkout-success.yaml': text }).validate();
    const problems = problemsOf(result, { file: 'content/slos/checkout-success.yaml' });
    assert.deepEqual(
      problems.map((p) => [p.level, p.rule, p.field, p.line]),
      [
        ['error', 'reference', 'metadata.labels.team', lineContaining(text, 'team: nobody')],
        ['error', 'reference', 'spec.service', lineContaining(text, 'service: chekout-api')],
        ['warning', 'openslo', 'spec.indicator.spec.ratioMetric.good.metricSource', lineContaining(text, 'metricSource:')],
        ['warning', 'openslo', 'spec.timeWindow[0].duration', lineContaining(text, 'duration: 1m')],
      ],
    );
    assert.match(problems[1].message, /Did you mean "checkout-api"\?/);
  });

  test('a schema error of the converted data names the OpenSLO field', () => {
    const text = variant(['  labels:', '  annotations:\n    almanac/status: live\n  labels:']);
    const problems = problemsOf(contentFolder({ 'slos/checkout-success.yaml': text }).validate(), {
      file: 'content/slos/checkout-success.yaml',
    }).filter((p) => p.level === 'error');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'metadata.annotations.almanac/status');
    assert.equal(problems[0].line, lineContaining(text, 'almanac/status: live'));
    assert.match(problems[0].message, /^"live" is not a valid SLO status; use one of active, draft, retired/);
  });

  test('an unsupported part stops the file with an error at its line', () => {
    const text = variant(['budgetingMethod: Occurrences', 'budgetingMethod: BurnRate']);
    const result = contentFolder({ 'slos/checkout-success.yaml': text }).validate();
    const problems = problemsOf(result, { file: 'content/slos/checkout-success.yaml' }).filter((p) => p.level === 'error');
    assert.deepEqual(
      problems.map((p) => [p.level, p.field, p.line]),
      [['error', 'spec.budgetingMethod', lineContaining(text, 'budgetingMethod')]],
    );
    assert.equal(
      result.entries.some((e) => e.id === 'checkout-success'),
      false,
    );
  });

  test("the example handbook's OpenSLO file validates", () => {
    const root = resolve(import.meta.dirname, '../..');
    const env = readEnvironment({ ALMANAC_NOW: new Date(AS_OF).toISOString() }, { root });
    const { model } = loadHandbook(env);
    const openslo = model.slos.filter((slo) => slo.file?.endsWith('.yaml'));
    assert.ok(openslo.length >= 1, 'content/slos has an OpenSLO file');
    for (const slo of openslo) assert.ok(slo.budget.budgetMinutes > 0);
  });
});

describe('OpenSLO shapes (tests/fixtures/openslo)', () => {
  const FIXTURES = resolve(import.meta.dirname, '../fixtures/openslo');
  const files = readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.yaml'))
    .sort();
  const good = 'the ratio of good events to all events';
  const byRef = (name: string) => `Measured by the OpenSLO indicator "${name}"`;
  const metric = (path: string) => ['warning', `spec.indicator.spec.${path}`];
  /**
   * Every fixture: the fields it converts to (or undefined when it cannot be converted), the
   * problems as [level, path], and the budget as of 2026-11-28T12:00Z, hand-computed:
   * (100 − objective)/100 × window minutes.
   */
  const EXPECTED: Record<string, { data?: Record<string, unknown>; problems: string[][]; budget?: number }> = {
    'alert-policies.yaml': {
      data: {
        title: 'alert-policies',
        service: 'checkout-api',
        window: '30d',
        objective: 99.9,
        sli: { kind: 'availability', description: byRef('checkout-success') },
      },
      problems: [['warning', 'spec.alertPolicies']],
      budget: 43.2, // 0.1% of 43,200
    },
    'calendar-month-two-objectives.yaml': {
      data: {
        title: 'Business order placement',
        service: 'checkout-api',
        window: 'calendar-month',
        timeZone: 'Europe/London',
        objective: 99.9,
        sla: { objective: 99.5, description: 'Contractual availability (service credits below it)' },
        sli: { kind: 'availability', description: `business-orders: ${good}` },
      },
      problems: [metric('ratioMetric.good.metricSource')],
      budget: 43.2, // November 2026 in London (GMT, no clock change in November): 30 × 1440 = 43,200; 0.1% = 43.2
    },
    'calendar-quarter-mid-month-start.yaml': {
      data: {
        title: 'calendar-quarter-mid-month-start',
        service: 'checkout-api',
        window: 'calendar-quarter',
        timeZone: 'UTC',
        objective: 99,
        sli: { kind: 'availability', description: byRef('checkout-success') },
      },
      problems: [['warning', 'spec.timeWindow.0.calendar.startTime']],
      budget: 1324.8, // Q4 2026: 92 days = 132,480 minutes; 1% = 1,324.8
    },
    'calendar-week-new-york.yaml': {
      data: {
        title: 'calendar-week-new-york',
        service: 'checkout-api',
        window: 'calendar-week',
        timeZone: 'America/New_York',
        objective: 99.9,
        sli: { kind: 'availability', description: byRef('checkout-success') },
      },
      problems: [],
      budget: 10.08, // the week of Monday 23 November 2026, no clock change: 10,080 minutes; 0.1% = 10.08
    },
    'calendar-year.yaml': { problems: [['error', 'spec.timeWindow.0.duration']] },
    'composite-objectives.yaml': {
      problems: [
        ['error', 'spec.objectives.0.indicatorRef'],
        ['error', 'spec.objectives.0.compositeWeight'],
        ['error', 'spec.objectives.1.indicatorRef'],
        ['error', 'spec.objectives.1.compositeWeight'],
        ['error', 'spec.indicator'],
      ],
    },
    'indicator-ref-annotated-kind.yaml': {
      data: {
        title: 'indicator-ref-annotated-kind',
        service: 'checkout-api',
        visibility: 'public',
        window: '30d',
        objective: 99,
        sli: { kind: 'freshness', description: byRef('order-export-lag') },
      },
      problems: [],
      budget: 432, // 1% of 43,200
    },
    'metadata-name-differs.yaml': {
      data: {
        title: 'checkout-success-rate',
        service: 'checkout-api',
        window: '28d',
        objective: 99.5,
        sli: { kind: 'availability', description: byRef('checkout-success') },
      },
      problems: [['warning', 'metadata.name']],
      budget: 201.6, // 0.5% of 40,320
    },
    'rolling-month.yaml': { problems: [['error', 'spec.timeWindow.0.duration']] },
    'rolling-ratio-bad-total.yaml': {
      data: {
        title: 'rolling-ratio-bad-total',
        service: 'checkout-api',
        owner: 'platform',
        window: '2w',
        objective: 99.5,
        sli: { kind: 'availability', description: 'Checkout error ratio: one minus the ratio of bad events to all events' },
      },
      problems: [metric('ratioMetric.bad.metricSource')],
      budget: 100.8, // 2w = 14d = 20,160 minutes; 0.5% = 100.8
    },
    'rolling-ratio-good-total.yaml': {
      data: {
        title: 'Checkout submissions succeed',
        service: 'checkout-api',
        owner: 'checkout',
        window: '28d',
        objective: 99.9,
        sli: { kind: 'availability', description: `checkout-good-over-total: ${good}` },
      },
      problems: [metric('ratioMetric.good.metricSource')],
      budget: 40.32, // 0.1% of 40,320
    },
    'rolling-ratio-raw-timeslices.yaml': {
      data: {
        title: 'Checkout success, per minute',
        service: 'checkout-api',
        window: '30d',
        objective: 99.5,
        sli: { kind: 'availability', description: 'Share of one-minute slices in which at least 99% of checkouts succeeded.' },
      },
      problems: [metric('ratioMetric.raw.metricSource')],
      budget: 216, // 0.5% of 43,200
    },
    'three-objectives.yaml': { problems: [['error', 'spec.objectives.2']] },
    'threshold-latency-ratio-timeslices.yaml': {
      data: {
        title: 'Checkout latency',
        service: 'checkout-api',
        owner: 'checkout',
        window: '7d',
        objective: 99,
        sli: {
          kind: 'latency',
          description: "checkout-p99: a threshold metric compared with the objective's value",
          threshold: { value: 800, unit: 'ms', percentile: 99 },
        },
      },
      problems: [metric('thresholdMetric.metricSource')],
      budget: 100.8, // 1% of 10,080
    },
    'threshold-unit-seconds.yaml': {
      data: {
        title: 'threshold-unit-seconds',
        service: 'checkout-api',
        window: '4w',
        objective: 95,
        sli: {
          kind: 'latency',
          description: "checkout-page-load: a threshold metric compared with the objective's value",
          threshold: { value: 2, unit: 's' },
        },
      },
      problems: [metric('thresholdMetric.metricSource')],
      budget: 2016, // 5% of 40,320
    },
  };

  test('every fixture has an expectation, and every expectation a fixture', () => {
    assert.deepEqual(files, Object.keys(EXPECTED).sort());
  });

  for (const file of files) {
    test(`${file}: converts as expected and validates as an SLO entry`, () => {
      const text = readFileSync(resolve(FIXTURES, file), 'utf8');
      const id = file.replace(/\.yaml$/, '');
      const expected = EXPECTED[file];
      const conversion = fromOpenSlo(parse(text), id);
      assert.deepEqual(
        conversion.problems.map((p) => [p.level, p.path.join('.')]),
        expected.problems,
      );
      assert.deepEqual(conversion.data, expected.data);
      const folder = contentFolder({ [`slos/${file}`]: text });
      const result = folder.validate();
      const errors = result.problems.filter((p) => p.level === 'error');
      if (!expected.data) {
        assert.ok(
          errors.length > 0 && errors.every((p) => p.file === `content/slos/${file}` && p.line !== undefined),
          'errors name the file and line',
        );
        return;
      }
      assert.deepEqual(errors, []);
      const env = readEnvironment(
        { ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() },
        { root: folder.root },
      );
      const slo = loadHandbook(env).model.get('slos', id)!;
      assert.equal(slo.budget.budgetMinutes, expected.budget);
    });
  }
});
