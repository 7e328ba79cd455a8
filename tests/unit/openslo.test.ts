/** OpenSLO v1 input: conversion, each unsupported part, the 1m warning, and the validation pass. */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { budgetMinutes } from '../../src/lib/budgets.ts';
import { fromOpenSlo, isOpenSlo } from '../../src/lib/content/openslo.ts';
import { readEnvironment } from '../../src/lib/env.ts';
import { loadHandbook } from '../../src/lib/load.ts';
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
const messages = (text: string, id?: string) => convert(text, id).problems.map((p) => [p.level, p.path.join('.'), p.message] as const);

describe('OpenSLO conversion', () => {
  test('happy path: a ratio metric becomes an availability SLO with the budget of 99.5% over 28d', () => {
    assert.equal(isOpenSlo(parse(EXAMPLE)), true);
    assert.equal(isOpenSlo({ title: 'x' }), false);
    const conversion = convert(EXAMPLE);
    assert.deepEqual(conversion.problems, []);
    assert.deepEqual(conversion.data, {
      title: 'Checkout success',
      service: 'checkout-api',
      owner: 'platform',
      objective: 99.5,
      window: '28d',
      sli: { kind: 'availability', description: 'checkout-success-ratio: the ratio of good events to all events' },
    });
    assert.equal(conversion.description, 'Checkouts that complete.');
    assert.equal(budgetMinutes({ objective: 99.5, window: '28d' }), 201.6);
    assert.deepEqual(conversion.sourcePath(['objective']), ['spec', 'objectives', 0, 'target']);
    assert.deepEqual(conversion.sourcePath(['service']), ['spec', 'service']);
    assert.deepEqual(conversion.sourcePath(['window']), ['spec', 'timeWindow', 0, 'duration']);
  });

  test('targetPercent, annotations for owner/status/visibility, and the indicator description', () => {
    const text = variant(
      ['      target: 0.995', '      targetPercent: 99.95'],
      ['  labels:\n    team: platform', "  annotations:\n    almanac/owner: checkout\n    almanac/status: draft\n    almanac/visibility: public"],
      ['    spec:\n      ratioMetric:', '    spec:\n      description: Good checkouts over all checkouts.\n      ratioMetric:'],
    );
    const { data, problems } = convert(text);
    assert.deepEqual(problems, []);
    assert.equal(data!.objective, 99.95);
    assert.equal(data!.owner, 'checkout');
    assert.equal(data!.status, 'draft');
    assert.equal(data!.visibility, 'public');
    assert.deepEqual(data!.sli, { kind: 'availability', description: 'Good checkouts over all checkouts.' });
  });

  test('a threshold metric becomes a latency SLI with the objective value as threshold', () => {
    const text = variant(
      [/ {6}ratioMetric:[\s\S]*?(?= {2}timeWindow)/, '      thresholdMetric:\n        metricSource:\n          type: Prometheus\n          spec:\n            query: histogram_quantile(0.99, x)\n'],
      ['      target: 0.995', '      op: lte\n      value: 300\n      target: 0.99'],
      ['  labels:', '  annotations:\n    almanac/threshold-percentile: "99"\n  labels:'],
    );
    const { data, problems } = convert(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(data!.sli, { kind: 'latency', description: 'checkout-success-ratio: a threshold metric compared with the objective\'s value', threshold: { value: 300, unit: 'ms', percentile: 99 } });
  });

  test('a ratio metric whose name says latency is a latency SLI (and needs op/value)', () => {
    const named = variant(['      name: checkout-success-ratio', '      name: checkout-latency-under-300ms']);
    assert.deepEqual(messages(named), [
      ['error', 'spec.objectives.0', 'a latency indicator needs a threshold: add op: lte and value: <e.g. 300> to the objective (unit ms, or set the annotation almanac/threshold-unit), or set the annotation almanac/sli-kind to the kind it measures'],
    ]);
    const withValue = variant(['      name: checkout-success-ratio', '      name: checkout-latency-under-300ms'], ['      target: 0.995', '      op: lte\n      value: 300\n      target: 0.995']);
    assert.equal(convert(withValue).data!.sli && (convert(withValue).data!.sli as { kind: string }).kind, 'latency');
  });

  test('indicatorRef names the indicator; almanac/sli-kind sets the kind', () => {
    const text = variant([/ {2}indicator:[\s\S]*?(?= {2}timeWindow)/, '  indicatorRef: checkout-freshness-sli\n'], ['  labels:', '  annotations:\n    almanac/sli-kind: freshness\n  labels:']);
    const { data, problems } = convert(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(data!.sli, { kind: 'freshness', description: 'Measured by the OpenSLO indicator "checkout-freshness-sli"' });
  });

  test('"1m" is one minute in OpenSLO: warned about as a likely month', () => {
    const { data, problems } = convert(variant(['duration: 28d', 'duration: 1m']));
    assert.equal(data!.window, '1m');
    assert.deepEqual(problems.map((p) => [p.level, p.path.join('.')]), [['warning', 'spec.timeWindow.0.duration']]);
    assert.equal(problems[0].message, '"1m" is 1 minute in OpenSLO (months are written 1M); an SLO window this short leaves an error budget of seconds. If you meant 1 month, write 30d');
    assert.match(convert(variant(['duration: 28d', 'duration: 3m'])).problems[0].message, /^"3m" is 3 minutes in OpenSLO \(months are written 3M\).*write 90d$/);
    assert.deepEqual(convert(variant(['duration: 28d', 'duration: 90m'])).problems, [], 'longer minute windows are taken as written');
  });

  test('unsupported: calendar-aligned windows', () => {
    const text = variant(['      isRolling: true', '      isRolling: false\n      calendar:\n        startTime: 2026-01-01 00:00:00\n        timeZone: Europe/London']);
    const conversion = convert(text);
    assert.equal(conversion.data, undefined);
    assert.deepEqual(conversion.problems.map((p) => [p.level, p.path.join('.')]), [['error', 'spec.timeWindow.0.calendar']]);
    assert.match(conversion.problems[0].message, /^calendar-aligned windows are not supported: Almanac error budgets use a rolling window/);
    assert.deepEqual(messages(variant(['      isRolling: true', '      isRolling: false'])).map((m) => m[1]), ['spec.timeWindow.0.isRolling']);
  });

  test('unsupported: month, quarter and year windows', () => {
    assert.deepEqual(messages(variant(['duration: 28d', 'duration: 1M'])), [
      ['error', 'spec.timeWindow.0.duration', '"1M": months have no fixed length, so the error budget would be a guess; write the rolling window in days or weeks, e.g. 30d or 4w'],
    ]);
    assert.match(messages(variant(['duration: 28d', 'duration: 1Q']))[0][2], /quarters have no fixed length/);
  });

  test('unsupported: more than one objective, or one time window', () => {
    const two = variant(['      target: 0.995', '      target: 0.995\n    - displayName: Strict\n      target: 0.999']);
    assert.deepEqual(messages(two), [
      ['error', 'spec.objectives.1', 'multiple objectives are not supported: an Almanac SLO has one objective; put each in its own file (e.g. checkout-success-strict.yaml)'],
    ]);
    const windows = variant(['      isRolling: true', '      isRolling: true\n    - duration: 7d\n      isRolling: true']);
    assert.deepEqual(messages(windows).map((m) => m[1]), ['spec.timeWindow.1']);
  });

  test('unsupported: budgeting methods other than Occurrences and Timeslices', () => {
    assert.deepEqual(messages(variant(['budgetingMethod: Occurrences', 'budgetingMethod: RatioTimeslices'])), [
      ['error', 'spec.budgetingMethod', '"RatioTimeslices" is not supported; Almanac error budgets support Occurrences or Timeslices'],
    ]);
    assert.deepEqual(messages(variant(['budgetingMethod: Occurrences', 'budgetingMethod: Timeslices'])), []);
  });

  test('alert policies and unknown fields are reported as ignored (warnings), not dropped silently', () => {
    const text = variant(['  budgetingMethod: Occurrences', '  budgetingMethod: Occurrences\n  alertPolicies:\n    - alertPolicyRef: page-on-fast-burn\n  sloLabels: x']);
    const conversion = convert(text);
    assert.ok(conversion.data, 'still converted');
    assert.deepEqual(conversion.problems.map((p) => [p.level, p.path.join('.')]), [
      ['warning', 'spec.sloLabels'],
      ['warning', 'spec.alertPolicies'],
    ]);
    assert.equal(conversion.problems[1].message, 'alert policies are not supported by Almanac and are ignored; keep alerting in your monitoring tool');
  });

  test('target out of range, both target forms, objective-level indicators', () => {
    assert.deepEqual(messages(variant(['target: 0.995', 'target: 99.5'])), [
      ['error', 'spec.objectives.0.target', 'must be a number above 0 and below 1, e.g. 0.999 for 99.9%; 99.5 looks like a percentage: write targetPercent: 99.5 or target: 0.995'],
    ]);
    assert.deepEqual(messages(variant(['target: 0.995', 'target: 0.995\n      targetPercent: 99.5'])).map((m) => m[1]), ['spec.objectives.0.targetPercent']);
    assert.match(messages(variant(['target: 0.995', 'target: 0.995\n      indicatorRef: other']))[0][2], /^objective-level indicators \(composite SLOs\) are not supported/);
  });

  test('metadata.name must match the file name; apiVersion and kind are checked', () => {
    assert.deepEqual(messages(EXAMPLE, 'checkout-ok'), [
      ['error', 'metadata.name', 'is "checkout-success" but the file is named checkout-ok; an SLO\'s id is its file name, so rename the file to checkout-success.yaml or set metadata.name: checkout-ok'],
    ]);
    assert.deepEqual(messages(variant(['apiVersion: openslo/v1', 'apiVersion: openslo/v1alpha'])), [
      ['error', 'apiVersion', '"openslo/v1alpha" is not supported; Almanac reads OpenSLO apiVersion openslo/v1'],
    ]);
    assert.match(messages(variant(['kind: SLO', 'kind: SLI']))[0][2], /^"SLI" is not supported: a file in slos\/ must be an OpenSLO kind SLO/);
  });
});

describe('OpenSLO files in the validation pass', () => {
  test('an OpenSLO file is an SLO entry, and appears in the model with its budget', () => {
    const folder = contentFolder({ 'slos/checkout-success.yaml': EXAMPLE });
    const result = folder.validate();
    assert.deepEqual(result.problems, []);
    const entry = result.entries.find((e) => e.id === 'checkout-success')!;
    assert.equal(entry.collection, 'slos');
    assert.equal(entry.data.objective, 99.5);
    assert.equal(entry.data.status, 'active');
    assert.equal(entry.body, 'Checkouts that complete.');
    const env = readEnvironment({ ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() }, { root: folder.root });
    const slo = loadHandbook(env).model.get('slos', 'checkout-success')!;
    assert.equal(slo.budget.budgetMinutes, 201.6);
    assert.equal(slo.ownerId, 'platform');
  });

  test('problems point at the OpenSLO field and its line: conversion, schema and references', () => {
    const text = variant(['service: checkout-api', 'service: chekout-api'], ['duration: 28d', 'duration: 1m'], ['team: platform', 'team: nobody']);
    const result = contentFolder({ 'slos/checkout-success.yaml': text }).validate();
    const problems = problemsOf(result, { file: 'content/slos/checkout-success.yaml' });
    assert.deepEqual(
      problems.map((p) => [p.level, p.rule, p.field, p.line]),
      [
        ['error', 'reference', 'metadata.labels.team', lineContaining(text, 'team: nobody')],
        ['error', 'reference', 'spec.service', lineContaining(text, 'service: chekout-api')],
        ['warning', 'openslo', 'spec.timeWindow[0].duration', lineContaining(text, 'duration: 1m')],
      ],
    );
    assert.match(problems[1].message, /Did you mean "checkout-api"\?/);
  });

  test('a schema error of the converted data names the OpenSLO field', () => {
    const text = variant(['  labels:', '  annotations:\n    almanac/status: live\n  labels:']);
    const problems = problemsOf(contentFolder({ 'slos/checkout-success.yaml': text }).validate(), { file: 'content/slos/checkout-success.yaml' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'metadata.annotations.almanac/status');
    assert.equal(problems[0].line, lineContaining(text, 'almanac/status: live'));
    assert.match(problems[0].message, /^"live" is not a valid SLO status; use one of active, draft, retired/);
  });

  test('an unsupported part stops the file with an error at its line', () => {
    const text = variant(['budgetingMethod: Occurrences', 'budgetingMethod: RatioTimeslices']);
    const result = contentFolder({ 'slos/checkout-success.yaml': text }).validate();
    const problems = problemsOf(result, { file: 'content/slos/checkout-success.yaml' });
    assert.deepEqual(problems.map((p) => [p.level, p.field, p.line]), [['error', 'spec.budgetingMethod', lineContaining(text, 'budgetingMethod')]]);
    assert.equal(result.entries.some((e) => e.id === 'checkout-success'), false);
  });

  test('the example handbook\'s OpenSLO file validates', () => {
    const root = resolve(import.meta.dirname, '../..');
    const env = readEnvironment({ ALMANAC_NOW: new Date(AS_OF).toISOString() }, { root });
    const { model } = loadHandbook(env);
    const openslo = model.slos.filter((slo) => slo.file?.endsWith('.yaml'));
    assert.ok(openslo.length >= 1, 'content/slos has an OpenSLO file');
    for (const slo of openslo) assert.ok(slo.budget.budgetMinutes > 0);
  });
});
