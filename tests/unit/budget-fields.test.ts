/**
 * The authored fields of budgets in the validation pass: calendar windows, `timeZone` and
 * `impact.slos[].excluded` — valid forms accepted, invalid ones named by file, line and field with
 * what would be valid — and their effect on the model's budget.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { AS_OF, contentFolder, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';

const slo = (extra: string) =>
  mdx(
    `title: Checkout monthly\nservice: checkout-api\nsli:\n  kind: availability\n  description: Successful checkouts\nobjective: 99.9\n${extra}`,
    'Why.',
  );

describe('SLO window and timeZone', () => {
  test('a calendar window with a zone validates and has the budget of its period', () => {
    // November 2026 in New York: 1 Nov 00:00 EDT to 1 Dec 00:00 EST = 43,260 minutes; 0.1% = 43.26.
    const folder = contentFolder({ 'slos/checkout-monthly.mdx': slo('window: calendar-month\ntimeZone: America/New_York') });
    assert.deepEqual(folder.validate().problems, []);
    const env = readEnvironment(
      { ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() },
      { root: folder.root },
    );
    const view = loadHandbook(env).model.get('slos', 'checkout-monthly')!;
    assert.equal(view.budget.budgetMinutes, 43.26);
    assert.equal(view.windowLabel, 'November 2026 (calendar month, New York time)');
  });

  test('an unknown zone is an error at timeZone, with examples of valid names', () => {
    const text = slo('window: calendar-month\ntimeZone: America/NewYork');
    const problems = problemsOf(contentFolder({ 'slos/checkout-monthly.mdx': text }).validate(), {
      file: 'content/slos/checkout-monthly.mdx',
    });
    assert.deepEqual(
      problems.map((p) => [p.level, p.field, p.line, p.message]),
      [
        [
          'error',
          'timeZone',
          lineContaining(text, 'timeZone:'),
          '"America/NewYork" is not an IANA time zone name; write e.g. "UTC", "Europe/Berlin" or "America/New_York"',
        ],
      ],
    );
  });

  test('a window that is neither a duration nor a calendar window names both forms', () => {
    const text = slo('window: calendar-year');
    const problems = problemsOf(contentFolder({ 'slos/checkout-monthly.mdx': text }).validate(), {
      file: 'content/slos/checkout-monthly.mdx',
    });
    assert.deepEqual(
      problems.map((p) => [p.field, p.line]),
      [['window', lineContaining(text, 'window:')]],
    );
    assert.match(
      problems[0].message,
      /^"calendar-year" is not an SLO window; write a rolling duration .* or one of calendar-week, calendar-month, calendar-quarter$/,
    );
  });
});

describe('impact.slos[].excluded', () => {
  const charge = (excluded: string) =>
    postmortemYaml({ impact: `impact:\n  summary: Checkout was down.\n  slos:\n    - slo: checkout-availability\n${excluded}` });

  test('an approved exclusion validates; the charge is raw, adjusted out of consumed', () => {
    const folder = contentFolder({
      'postmortems/db-maintenance.mdx': mdx(
        charge('      excluded:\n        reason: planned-maintenance\n        approvedBy: Grace Hopper\n        note: Announced window'),
      ),
    });
    assert.deepEqual(folder.validate().problems, []);
    const env = readEnvironment(
      { ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() },
      { root: folder.root },
    );
    const model = loadHandbook(env).model;
    const view = model.get('slos', 'checkout-availability')!;
    // 10:00 → 10:30 on 2026-11-01, inside the 30 days ending 2026-11-28T12:00Z: 30 minutes, all excluded.
    assert.deepEqual([view.budget.rawConsumedMinutes, view.budget.consumedMinutes, view.budget.status], [30, 0, 'healthy']);
    assert.deepEqual(
      view.visibleAdjustments.map((a) => [a.postmortem, a.badMinutes, a.excluded.reason, a.excluded.approvedBy, a.excluded.note]),
      [['db-maintenance', 30, 'planned-maintenance', 'Grace Hopper', 'Announced window']],
    );
    const impact = model.get('postmortems', 'db-maintenance')!.sloImpact[0];
    assert.equal(impact.exceedsIncidentThreshold, false, '30 of 43.2 minutes, but excluded: not over the one-incident threshold');
  });

  test('an unknown reason and a missing approver are errors at their fields, naming what is valid', () => {
    const text = mdx(charge('      excluded:\n        reason: maintenance'));
    const problems = problemsOf(contentFolder({ 'postmortems/db-maintenance.mdx': text }).validate(), {
      file: 'content/postmortems/db-maintenance.mdx',
    });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['impact.slos[0].excluded.approvedBy', 'impact.slos[0].excluded.reason']);
    const reason = problems.find((p) => p.field.endsWith('reason'))!;
    assert.equal(reason.line, lineContaining(text, 'reason: maintenance'));
    assert.match(
      reason.message,
      /^"maintenance" is not a valid exclusion reason; use one of planned-maintenance, third-party, out-of-scope, miscategorized/,
    );
    assert.match(problems.find((p) => p.field.endsWith('approvedBy'))!.message, /who approved the exclusion/);
  });

  test('a draft shown by astro dev still charges nothing', () => {
    const folder = contentFolder({
      'postmortems/draft-outage.mdx': mdx(charge('      fraction: 1').replace('status: published', 'status: draft')),
    });
    const env = readEnvironment(
      { ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: new Date(AS_OF).toISOString() },
      { root: folder.root, includeDrafts: true },
    );
    const model = loadHandbook(env).model;
    assert.ok(model.get('postmortems', 'draft-outage'), 'the draft is in the dev model');
    assert.equal(model.get('slos', 'checkout-availability')!.budget.rawConsumedMinutes, 0);
  });
});
