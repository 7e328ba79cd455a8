/**
 * The error-budget policy as code (src/core/governance.ts, src/validation/policies.ts), postmortem
 * review sessions (src/core/reviews.ts) and open questions (<Question>). Every figure is computed
 * by hand in the comments.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sloBudget, type IncidentForBudget } from '../../src/core/budgets.ts';
import {
  factorShares,
  freezePeriods,
  quarterOf,
  releaseFreeze,
  type FactorIncident,
  type FreezeRelease,
  type PolicySlo,
} from '../../src/core/governance.ts';
import { nextOccurrence, occurrencesBetween } from '../../src/core/calendar.ts';
import { buildModel } from '../../src/core/model.ts';
import { similarPastIncidents } from '../../src/core/reviews.ts';
import { inspectMdx } from '../../src/validation/mdx.ts';
import { cadenceText, formatLongDate } from '../../src/core/presentation.ts';
import { policyRule, POLICY_RULES } from '../../src/validation/policies.ts';
import { AS_OF, contentFolder, lineContaining, mdx, postmortemYaml } from './support/content.ts';

const at = (iso: string) => Date.parse(iso);
// 99.9% over 30 days: (100 − 99.9)/100 × 43,200 minutes = 43.2 budget minutes.
const slo: PolicySlo = { id: 'avail', service: 'svc', objective: 99.9, window: '30d' };
const outage = (id: string, started: string, mitigated: string, extra: Partial<IncidentForBudget> = {}): IncidentForBudget => ({
  id,
  timeline: { started, detected: started, mitigated, resolved: mitigated },
  impact: { slos: [{ slo: 'avail' }] },
  status: 'published',
  ...extra,
});
// 30 minutes on 1 November, 20 minutes on 10 November: 50 of 43.2 minutes once both are in the window.
const incidents = [
  outage('i1', '2026-11-01T10:00:00Z', '2026-11-01T10:30:00Z'),
  outage('i2', '2026-11-10T00:00:00Z', '2026-11-10T00:20:00Z'),
];

describe('budgets as of past dates', () => {
  test('the same incidents give the budget at any instant: healthy, at risk, exhausted, recovering', () => {
    // 2026-11-10 00:00: i2 starts exactly then, so nothing of it is in (Oct 11 00:00, Nov 10 00:00]: 30 min = 69.444444%.
    const before = sloBudget('avail', slo, incidents, at('2026-11-10T00:00:00Z'), 75);
    assert.deepEqual([before.consumedMinutes, before.consumedPercent, before.status], [30, 69.444444, 'healthy']);
    // 00:10: ten minutes of i2 have passed: 40 min = 92.592593%, at risk.
    const during = sloBudget('avail', slo, incidents, at('2026-11-10T00:10:00Z'), 75);
    assert.deepEqual([during.consumedMinutes, during.consumedPercent, during.status], [40, 92.592593, 'at-risk']);
    // 11 November 00:00: 50 min = 115.740741%, exhausted.
    const after = sloBudget('avail', slo, incidents, at('2026-11-11T00:00:00Z'), 75);
    assert.deepEqual([after.consumedMinutes, after.consumedPercent, after.status], [50, 115.740741, 'exhausted']);
    // 1 December 10:15: the window starts 1 November 10:15, so i1 counts its last 15 minutes: 35 min = 81.018519%.
    const clipped = sloBudget('avail', slo, incidents, at('2026-12-01T10:15:00Z'), 75);
    assert.deepEqual([clipped.consumedMinutes, clipped.consumedPercent, clipped.status], [35, 81.018519, 'at-risk']);
  });
});

describe('budgetFreeze: how a release relates to an exhausted budget', () => {
  const release = (fields: Partial<FreezeRelease>): FreezeRelease => ({
    date: '2026-11-20',
    status: 'shipped',
    services: ['svc'],
    hotfix: false,
    fixes: [],
    changes: [{ type: 'added' }],
    ...fields,
  });
  const freeze = (fields: Partial<FreezeRelease>, slos: PolicySlo[] = [slo], list = incidents) =>
    releaseFreeze(release(fields), slos, list, 75);

  test('a release into an exhausted budget, with the budget as of its date at 00:00 UTC', () => {
    const result = freeze({})!;
    assert.equal(result.outcome, 'breaks');
    assert.equal(result.at, at('2026-11-20T00:00:00Z'));
    assert.deepEqual(
      result.exhausted.map((check) => [check.slo, check.budget.consumedMinutes, check.budget.budgetMinutes, check.budget.consumedPercent]),
      [['avail', 50, 43.2, 115.740741]],
    );
  });
  test('a hotfix with fixes may ship; a hotfix without fixes may not', () => {
    assert.equal(freeze({ hotfix: true, fixes: ['i2'] })!.outcome, 'hotfix');
    assert.equal(freeze({ hotfix: true })!.outcome, 'breaks');
  });
  test('only fixed and security changes may ship; none at all is not "only fixes"', () => {
    assert.equal(freeze({ changes: [{ type: 'fixed' }, { type: 'security' }] })!.outcome, 'fix-only');
    assert.equal(freeze({ changes: [{ type: 'fixed' }, { type: 'changed' }] })!.outcome, 'breaks');
    assert.equal(freeze({ changes: [] })!.outcome, 'breaks');
  });
  test('an exception holds through its until date, and not a day after', () => {
    const exception = { approvedBy: 'Dana (VP Engineering)', reason: 'Promised date' };
    assert.deepEqual(freeze({ budgetException: { ...exception, until: '2026-11-20' } }), {
      ...freeze({})!,
      outcome: 'exception',
      expiredException: false,
    });
    const expired = freeze({ budgetException: { ...exception, until: '2026-11-19' } })!;
    assert.deepEqual([expired.outcome, expired.expiredException], ['breaks', true]);
  });
  test('no SLO on the service, a draft SLO, or a planned or cancelled release: no freeze', () => {
    assert.equal(freeze({ services: ['other'] }), undefined);
    assert.equal(freeze({}, [{ ...slo, status: 'draft' }]), undefined);
    assert.equal(freeze({ status: 'planned' }), undefined);
    assert.equal(freeze({ status: 'cancelled' }), undefined);
    assert.equal(freeze({ status: 'rolled-back' })!.outcome, 'breaks');
    assert.equal(freeze({ status: 'in-progress' })!.outcome, 'breaks');
  });
  test('a budget that recovered before the release date does not freeze it', () => {
    // 1 December 00:00: the window (1 Nov 00:00, 1 Dec 00:00] still holds i1 (50 min). 2 December: i1 has left it (20 min).
    assert.equal(freeze({ date: '2026-12-01' })!.outcome, 'breaks');
    assert.equal(freeze({ date: '2026-12-02' }), undefined);
  });
  test('drafts and near misses never charge, so they never freeze', () => {
    const list = [incidents[0], { ...incidents[1], status: 'draft' }, { ...incidents[1], id: 'nm', kind: 'near-miss' }];
    assert.equal(freeze({}, [slo], list), undefined);
  });
  test('freeze periods: the days exhausted at 00:00 UTC, merged, with the ongoing one marked', () => {
    // Exhausted at 00:00 from 11 November (i2 ended 10 Nov 00:20) through 1 December; 2 December i1 has left the window.
    assert.deepEqual(freezePeriods([slo], incidents, '2026-11-05', '2026-12-05', at('2026-12-05T12:00:00Z'), 75), [
      { service: 'svc', from: '2026-11-11', to: '2026-12-01', slos: ['avail'], ongoing: false },
    ]);
    assert.deepEqual(freezePeriods([slo], incidents, '2026-11-05', '2026-11-28', at('2026-11-28T12:00:00Z'), 75), [
      { service: 'svc', from: '2026-11-11', to: '2026-11-28', slos: ['avail'], ongoing: true },
    ]);
  });
});

describe("factorBudgetShare: a category's share of a budget per calendar quarter (UTC)", () => {
  const withFactors = (incident: IncidentForBudget, categories: string[], items: FactorIncident['actionItems'] = []): FactorIncident => ({
    ...incident,
    contributingFactors: categories.map((category) => ({ category })),
    actionItems: items,
  });
  const budgeted = [{ ...slo, budgetMinutes: 43.2 }];
  // 23:50 on 30 September to 00:20 on 1 October: 10 minutes in Q3, 20 in Q4.
  const across = outage('across', '2026-09-30T23:50:00Z', '2026-10-01T00:20:00Z');

  test('quarters begin on 1 January, April, July and October at 00:00 UTC', () => {
    assert.equal(quarterOf(at('2026-09-30T23:59:59.999Z')).key, '2026-Q3');
    assert.deepEqual(quarterOf(at('2026-10-01T00:00:00Z')), {
      key: '2026-Q4',
      label: 'Q4 2026',
      start: at('2026-10-01T00:00:00Z'),
      end: at('2027-01-01T00:00:00Z'),
    });
  });
  test('an incident across a quarter boundary counts in each quarter the minutes that fall in it', () => {
    const shares = factorShares(budgeted, [withFactors(across, ['change'])], AS_OF, 20);
    // Q4: 20/43.2 = 46.296296%; Q3: 10/43.2 = 23.148148%. Both over 20%, neither planned.
    assert.deepEqual(
      shares.map((share) => [share.quarter.key, share.category, share.minutes, share.percent, share.over, share.planned, share.planBy]),
      [
        ['2026-Q4', 'change', 20, 46.296296, true, false, '2027-03-31'],
        ['2026-Q3', 'change', 10, 23.148148, true, false, '2026-12-31'],
      ],
    );
  });
  test('a minutes charge is prorated over its span; every listed category counts it', () => {
    const charged = { ...across, impact: { slos: [{ slo: 'avail', minutes: 6 }] } };
    const shares = factorShares(budgeted, [withFactors(charged, ['change', 'capacity'])], AS_OF, 20);
    // 6 minutes over a 30-minute span: 2 in Q3 (4.62963%), 4 in Q4 (9.259259%), for each category.
    assert.deepEqual(
      shares.map((share) => [share.quarter.key, share.category, share.minutes, share.percent, share.over]),
      [
        ['2026-Q4', 'capacity', 4, 9.259259, false],
        ['2026-Q4', 'change', 4, 9.259259, false],
        ['2026-Q3', 'capacity', 2, 4.62963, false],
        ['2026-Q3', 'change', 2, 4.62963, false],
      ],
    );
  });
  test('incidents of one category add up; excluded charges, drafts and near misses do not count', () => {
    const small = (id: string, day: string) => outage(id, `2026-11-${day}T10:00:00Z`, `2026-11-${day}T10:05:00Z`);
    const list = [
      withFactors(small('a', '02'), ['capacity']),
      withFactors(small('b', '03'), ['capacity']),
      withFactors({ ...small('c', '04'), impact: { slos: [{ slo: 'avail', excluded: { reason: 'third-party', approvedBy: 'Priya' } }] } }, [
        'capacity',
      ]),
      withFactors({ ...small('d', '05'), status: 'draft' }, ['capacity']),
      withFactors({ ...small('e', '06'), kind: 'near-miss' }, ['capacity']),
    ];
    const [share] = factorShares(budgeted, list, AS_OF, 20);
    // 5 + 5 = 10 minutes = 23.148148% of 43.2.
    assert.deepEqual(
      [share.minutes, share.percent, share.over, share.incidents],
      [
        10,
        23.148148,
        true,
        [
          { postmortem: 'a', minutes: 5 },
          { postmortem: 'b', minutes: 5 },
        ],
      ],
    );
  });
  test('a P0 prevent item due by the end of the next quarter plans it; a later, wont-do or P1 one does not', () => {
    const item = (fields: Partial<FactorIncident['actionItems'][number]>) => ({
      type: 'prevent',
      priority: 'P0',
      status: 'open',
      due: '2027-03-31',
      ...fields,
    });
    const planned = (items: FactorIncident['actionItems']) =>
      factorShares(budgeted, [withFactors(incidents[0], ['change'], items)], AS_OF, 20)[0].planned;
    assert.equal(planned([item({})]), true);
    assert.equal(planned([item({ due: '2027-04-01' })]), false);
    assert.equal(planned([item({ status: 'wont-do' })]), false);
    assert.equal(planned([item({ priority: 'P1' })]), false);
    assert.equal(planned([item({ type: 'detect' })]), false);
  });
});

describe('review sessions: booking and cadences in both directions', () => {
  const weekly = { every: '7d', start: '2026-01-06' };
  test('the default postmortem cadence is weekly from its anchor, and periodic before it', () => {
    // 2026-01-06 + 47 weeks = 2026-12-01, the first session on or after 28 November.
    assert.deepEqual(nextOccurrence(weekly, '2026-11-28'), { date: '2026-12-01', index: 47 });
    assert.deepEqual(nextOccurrence(weekly, '2026-12-01'), { date: '2026-12-01', index: 47 });
    // Before the anchor: 2026-01-06 − 2 weeks = 2025-12-23, the first on or after 20 December 2025.
    assert.deepEqual(nextOccurrence(weekly, '2025-12-20'), { date: '2025-12-23', index: -2 });
    assert.deepEqual(
      occurrencesBetween(weekly, '2025-12-24', '2026-01-13').map((o) => o.date),
      ['2025-12-30', '2026-01-06', '2026-01-13'],
    );
  });

  const inReview = (session?: string) =>
    mdx(
      postmortemYaml({
        status: 'status: in-review',
        severity: 'severity: SEV3',
        reviewers: '',
        reviewedAt: '',
        ...(session ? { review: `review:\n  session: ${session}` } : {}),
      }),
      '<Question>Why did the **pool** shrink?</Question>\n\nText.\n\n<Question>\n  Who owns the limit?\n</Question>',
    );
  const folder = () =>
    contentFolder({
      'postmortems/auto.mdx': inReview(),
      'postmortems/booked.mdx': inReview('2026-12-08'),
      'postmortems/past.mdx': inReview('2026-11-24'),
      'postmortems/done.mdx': mdx(postmortemYaml({ review: 'review:\n  session: 2026-12-08' })),
      'prds/idea.mdx': mdx('title: Idea\nsummary: An idea.\nstatus: in-review\nauthors:\n  - Ada\nowner: checkout\ncreated: 2026-11-01'),
    }).validate();

  test('an in-review postmortem without a session goes to the next one on or after the as-of date; booked ones keep theirs', () => {
    const result = folder();
    assert.deepEqual(
      result.problems.filter((problem) => problem.level === 'error'),
      [],
    );
    const model = buildModel(result.entries, { config: result.config, now: AS_OF, audience: 'internal', includeDrafts: false });
    const session = (id: string) => model.get('postmortems', id)!;
    assert.deepEqual([session('auto').reviewSession, session('auto').reviewSessionDerived], ['2026-12-01', true]);
    assert.deepEqual([session('booked').reviewSession, session('booked').reviewSessionDerived], ['2026-12-08', false]);
    // Upcoming sessions with items, by date: a past session and a published postmortem are not in them; PRDs every 14 days from 2026-01-08.
    assert.deepEqual(
      model.reviews.map((review) => [
        review.date,
        review.kind,
        review.readBy,
        review.url,
        [...review.postmortems, ...review.prds].map((view) => view.id),
      ]),
      [
        ['2026-12-01', 'postmortem', '2026-11-30', '/reviews/2026-12-01/', ['auto']],
        ['2026-12-08', 'postmortem', '2026-12-07', '/reviews/2026-12-08/', ['booked']],
        ['2026-12-10', 'prd', '2026-12-09', '/reviews/2026-12-10/', ['idea']],
      ],
    );
  });

  test('the open questions of a body are read from its syntax tree, as text', () => {
    const result = folder();
    const model = buildModel(result.entries, { config: result.config, now: AS_OF, audience: 'internal', includeDrafts: false });
    assert.deepEqual(model.get('postmortems', 'auto')!.questions, ['Why did the pool shrink?', 'Who owns the limit?']);
    assert.deepEqual(
      inspectMdx('<Question></Question>').components.map((problem) => problem.message),
      ['<Question> needs the question as its text, e.g. <Question>Why did the retry storm not trip the breaker?</Question>'],
    );
  });

  test('similar past incidents: same service or factor category, earlier, within the recurrence window', () => {
    const pm = (id: string, started: string, services: string[], categories: string[]) => ({
      id,
      data: { services, contributingFactors: categories.map((category) => ({ category })), timeline: { started } },
    });
    const subject = pm('now', '2026-11-24T07:00:00Z', ['slots'], ['change']);
    const others = [
      pm('same-service', '2026-11-14T09:00:00Z', ['slots'], ['capacity']),
      pm('same-category', '2026-09-01T00:00:00Z', ['search'], ['change']),
      pm('too-old', '2026-08-01T00:00:00Z', ['slots'], ['change']), // 115 days before
      pm('later', '2026-11-25T00:00:00Z', ['slots'], ['change']),
      pm('unrelated', '2026-11-20T00:00:00Z', ['search'], ['capacity']),
    ];
    assert.deepEqual(
      similarPastIncidents(subject, [subject, ...others], 90).map((match) => [match.incident.id, match.services, match.categories]),
      [
        ['same-service', ['slots'], []],
        ['same-category', [], ['change']],
      ],
    );
    // The window's edges: exactly 90 days before is in, the same instant is not (it is not earlier).
    const list = [
      subject,
      ...others,
      pm('exactly-90', '2026-08-26T07:00:00Z', ['slots'], []),
      pm('same-instant', '2026-11-24T07:00:00Z', ['slots'], []),
    ];
    assert.deepEqual(
      similarPastIncidents(subject, list, 90).map((match) => match.incident.id),
      ['same-service', 'same-category', 'exactly-90'],
    );
    // A list that has grown since it was last asked about is read again.
    list.push(pm('added', '2026-11-23T00:00:00Z', [], ['change']));
    assert.deepEqual(
      similarPastIncidents(subject, list, 90).map((match) => match.incident.id),
      ['added', 'same-service', 'same-category', 'exactly-90'],
    );
  });
});

describe('policies budgetFreeze and factorBudgetShare in a validation run', () => {
  const gates =
    'gates:\n  - { gate: unit-tests, status: passed }\n  - { gate: integration-tests, status: passed }\n  - { gate: security-review, status: passed }';
  const releaseText = (extra: string) =>
    mdx(`version: "1.0.0"\ntrain: 2026-11-b\ndate: 2026-11-20\nstatus: shipped\nservices:\n  - checkout-api\n${gates}\n${extra}`);
  const charge = (minutes?: number) =>
    `impact:\n  summary: Errors.\n  slos:\n    - slo: checkout-availability${minutes === undefined ? '' : `\n      minutes: ${minutes}`}`;
  const p0 =
    'actionItems:\n  - title: Cap the pool\n    type: prevent\n    owner: checkout\n    due: 2026-11-25\n    status: open\n    priority: P0';
  // A 30-minute outage on 1 November and a 20-minute charge on 10 November: 50 of 43.2 minutes by 20 November.
  const files = (release: string) => ({
    'postmortems/first.mdx': mdx(postmortemYaml({ impact: charge(), actionItems: p0 })),
    'postmortems/second.mdx': mdx(
      postmortemYaml({ impact: charge(20), actionItems: p0 })
        .replace(/2026-11-01T/g, '2026-11-10T')
        .replace('reviewedAt: 2026-11-05', 'reviewedAt: 2026-11-12'),
    ),
    'releases/one.mdx': release,
  });
  const run = (release: string, config?: string) => {
    const all: Record<string, string> = files(release);
    if (config) all['almanac.yaml'] = config;
    return contentFolder(all).validate([policyRule({ now: AS_OF })]).problems;
  };
  const ways =
    'during a freeze a release must be a hotfix with fixes (hotfix: true, fixes: [<postmortem id>]), carry only fixed or security changes, or hold budgetException: { approvedBy, reason, until } with until on or after 2026-11-20';

  test('a feature release into an exhausted budget is an error naming the release, the SLO, its consumption and the ways out', () => {
    const text = releaseText('changes:\n  - type: added\n    summary: Saved baskets');
    const problems = run(text);
    assert.deepEqual(
      problems.filter((problem) => problem.level === 'error' && problem.rule !== POLICY_RULES.budgetFreeze),
      [],
    );
    const freeze = problems.filter((problem) => problem.rule === POLICY_RULES.budgetFreeze);
    assert.equal(freeze.length, 1);
    assert.deepEqual(
      [freeze[0].level, freeze[0].file, freeze[0].field, freeze[0].line],
      ['error', 'content/releases/one.mdx', 'date', lineContaining(text, 'date: 2026-11-20')],
    );
    assert.equal(
      freeze[0].message,
      `release 1.0.0 is shipped on 2026-11-20 while the error budget was exhausted: as of 2026-11-20 00:00 UTC checkout-availability had consumed 50 of 43.2 budget minutes (115.7%); ${ways}`,
    );
  });
  test('an expired exception is reported at its until date', () => {
    const text = releaseText(
      'changes:\n  - type: added\n    summary: Saved baskets\nbudgetException:\n  approvedBy: Dana Whitfield\n  reason: Promised to customers\n  until: 2026-11-19',
    );
    const [problem] = run(text).filter((found) => found.rule === POLICY_RULES.budgetFreeze);
    assert.deepEqual([problem.field, problem.line], ['budgetException.until', lineContaining(text, 'until: 2026-11-19')]);
    assert.equal(
      problem.message,
      `2026-11-19 is before the release date 2026-11-20: the exception had expired when release 1.0.0 went shipped, and as of 2026-11-20 00:00 UTC checkout-availability had consumed 50 of 43.2 budget minutes (115.7%); ${ways}`,
    );
  });
  test('a hotfix with fixes, fixes only, or a valid exception pass; the level comes from the configuration', () => {
    const freezeOf = (text: string, config?: string) => run(text, config).filter((problem) => problem.rule === POLICY_RULES.budgetFreeze);
    assert.deepEqual(freezeOf(releaseText('hotfix: true\nfixes:\n  - second\nchanges:\n  - type: changed\n    summary: Pool size')), []);
    assert.deepEqual(freezeOf(releaseText('changes:\n  - type: fixed\n    summary: Pool size\n  - type: security\n    summary: TLS')), []);
    assert.deepEqual(
      freezeOf(
        releaseText(
          'changes:\n  - type: added\n    summary: X\nbudgetException:\n  approvedBy: Dana\n  reason: Promised\n  until: 2026-11-20',
        ),
      ),
      [],
    );
    const feature = releaseText('changes:\n  - type: added\n    summary: X');
    assert.equal(freezeOf(feature, 'policies:\n  budgetFreeze: warn\n')[0].level, 'warning');
    assert.deepEqual(freezeOf(feature, 'policies:\n  budgetFreeze: off\n'), []);
  });
  test('the public audience sees no freeze of an internal SLO: the budget is counted, never named', () => {
    const result = contentFolder(files(releaseText('changes:\n  - type: added\n    summary: X\nvisibility: public'))).validate();
    const model = (audience: 'internal' | 'public') =>
      buildModel(result.entries, { config: result.config, now: AS_OF, audience, includeDrafts: false });
    assert.equal(model('internal').get('releases', 'one')!.freeze!.outcome, 'breaks');
    assert.equal(model('public').get('releases', 'one')!.freeze, undefined);
    assert.deepEqual(model('public').governance.freezePeriods, []);
  });
  test('budgetException is validated: approver, reason and a date', () => {
    const result = contentFolder({ 'releases/one.mdx': releaseText('budgetException:\n  reason: ""\n  until: next week') }).validate();
    assert.deepEqual(
      result.problems
        .filter((problem) => problem.rule === 'schema')
        .map((problem) => problem.field)
        .sort(),
      ['budgetException.approvedBy', 'budgetException.reason', 'budgetException.until'],
    );
  });
  test('factorBudgetShare asks for a P0 prevent item on the latest incident of the category', () => {
    // Category "change" (both fixtures): 30 + 20 = 50 minutes in Q4 2026 = 115.740741% of 43.2. Their P0 is due 2026-11-25: planned.
    const planned = run(releaseText('changes:\n  - type: fixed\n    summary: Pool')).filter(
      (problem) => problem.rule === POLICY_RULES.factorBudgetShare,
    );
    assert.deepEqual(planned, []);
    const all: Record<string, string> = files(releaseText('changes:\n  - type: fixed\n    summary: Pool'));
    for (const key of ['postmortems/first.mdx', 'postmortems/second.mdx']) all[key] = all[key].replace('priority: P0', 'priority: P1');
    const text = all['postmortems/second.mdx'];
    const problems = contentFolder(all)
      .validate([policyRule({ now: AS_OF })])
      .problems.filter((problem) => problem.rule === POLICY_RULES.factorBudgetShare);
    assert.equal(problems.length, 1);
    assert.deepEqual(
      [problems[0].level, problems[0].file, problems[0].field, problems[0].line],
      ['warning', 'content/postmortems/second.mdx', 'actionItems', lineContaining(text, 'actionItems:')],
    );
    assert.equal(
      problems[0].message,
      'incidents with contributing-factor category "change" consumed 115.7% of the error budget of checkout-availability in Q4 2026 (50 bad minutes: first (30 min), second (20 min)), more than 20%; add an action item with priority: P0 and type: prevent, due by 2027-03-31 (the end of the next quarter), to one of these postmortems',
    );
  });
});

describe('words for the review pages', () => {
  test('cadences and dates read as sentences', () => {
    assert.deepEqual(['7d', '14d', '1w', '2w', '1d'].map(cadenceText), ['7 days', '14 days', 'week', '2 weeks', 'day']);
    assert.match(formatLongDate('2026-12-01'), /^Tuesday,? 1 December 2026$/);
  });
});
