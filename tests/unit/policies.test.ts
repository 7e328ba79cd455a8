/** Policy rules: each rule with the input it reports, its message and line, and its levels. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { policyRule, POLICY_RULES } from '../../src/validation/policies.ts';
import { buildModel } from '../../src/core/model.ts';
import { policySignals } from '../../src/core/insights/policy.ts';
import { hasPreventP0, urgentSeverities } from '../../src/core/rules.ts';
import { AS_OF, contentFolder, lineContaining, mdx, postmortemYaml } from './support/content.ts';

const PM = 'postmortems/incident.mdx';

function checkAll(files: Record<string, string>, options: { config?: string; now?: number } = {}) {
  const all = { ...files };
  if (options.config) all['almanac.yaml'] = options.config;
  const result = contentFolder(all).validate([policyRule({ now: options.now ?? AS_OF })]);
  assert.deepEqual(
    result.problems.filter((p) => !p.rule.startsWith('policy.')),
    [],
    'fixtures are otherwise valid',
  );
  return result.problems;
}

const check = checkAll;
const items = (...lines: string[]) => 'actionItems:\n' + lines.join('\n');
const item = (title: string, fields: { type?: string; due: string; status?: string; priority: string }) =>
  [
    `  - title: ${title}`,
    `    type: ${fields.type ?? 'prevent'}`,
    '    owner: checkout',
    `    due: ${fields.due}`,
    `    status: ${fields.status ?? 'open'}`,
    `    priority: ${fields.priority}`,
  ].join('\n');

describe('policy: publish SEV1–SEV2 within N days of resolution', () => {
  test('an in-review SEV1 resolved 27 days before the as-of date is reported at status', () => {
    const text = mdx(postmortemYaml({ severity: 'severity: SEV1', status: 'status: in-review', reviewers: '', reviewedAt: '' }));
    const problems = check({ [PM]: text });
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem.rule, POLICY_RULES.publishWithinDays);
    assert.equal(problem.level, 'warning');
    assert.equal(problem.field, 'status');
    assert.equal(problem.line, lineContaining(text, 'status: in-review'));
    assert.equal(
      problem.message,
      'is in-review 27 days after this SEV1 incident was resolved (2026-11-01); SEV1 and SEV2 postmortems are published within 14 days of resolution (by 2026-11-15): finish the review and set status: published',
    );
  });

  test('a draft within the deadline, a SEV3 past it, and an unresolved draft are fine', () => {
    const recent = postmortemYaml({ severity: 'severity: SEV2', status: 'status: draft', reviewers: '', reviewedAt: '' }).replace(
      /2026-11-01T/g,
      '2026-11-20T',
    );
    const minor = postmortemYaml({ severity: 'severity: SEV3', status: 'status: in-review', reviewers: '', reviewedAt: '' });
    const open = postmortemYaml({ severity: 'severity: SEV1', status: 'status: draft', reviewers: '', reviewedAt: '' }).replace(
      /\n {2}resolved: .*/,
      '',
    );
    assert.deepEqual(check({ 'postmortems/a.mdx': mdx(recent), 'postmortems/b.mdx': mdx(minor), 'postmortems/c.mdx': mdx(open) }), []);
  });

  test('a published SEV2 reviewed 19 days after resolution is reported at reviewedAt', () => {
    const text = mdx(postmortemYaml({ reviewedAt: 'reviewedAt: 2026-11-20' }).replace('due: 2026-11-20', 'due: 2026-12-01'));
    const problems = check({ [PM]: text });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'reviewedAt');
    assert.equal(problems[0].line, lineContaining(text, 'reviewedAt:'));
    assert.equal(
      problems[0].message,
      '2026-11-20 is 19 days after this SEV2 incident was resolved (2026-11-01); SEV1 and SEV2 postmortems are published within 14 days of resolution (by 2026-11-15)',
    );
  });

  test('the days, the level and the severities come from the configuration', () => {
    const text = mdx(postmortemYaml({ severity: 'severity: SEV1', status: 'status: in-review', reviewers: '', reviewedAt: '' }));
    assert.deepEqual(check({ [PM]: text }, { config: 'policies:\n  publishWithinDays:\n    days: 30\n' }), []);
    assert.equal(check({ [PM]: text }, { config: 'policies:\n  publishWithinDays:\n    level: error\n' })[0].level, 'error');
    assert.deepEqual(check({ [PM]: text }, { config: 'policies:\n  publishWithinDays:\n    level: off\n' }), []);
    const custom = 'severities:\n  - { id: P1, label: Critical }\n  - { id: P2, label: Major }\n  - { id: P3, label: Minor }\n';
    const p1 = mdx(postmortemYaml({ severity: 'severity: P1', status: 'status: in-review', reviewers: '', reviewedAt: '' }));
    const p3 = mdx(postmortemYaml({ severity: 'severity: P3', status: 'status: in-review', reviewers: '', reviewedAt: '' }));
    const problems = check({ 'postmortems/p1.mdx': p1, 'postmortems/p3.mdx': p3 }, { config: custom });
    assert.deepEqual(
      problems.map((p) => p.file),
      ['content/postmortems/p1.mdx'],
    );
    assert.match(problems[0].message, /P1 and P2 postmortems are published within 14 days/);
  });

  test('the as-of date decides', () => {
    const text = mdx(postmortemYaml({ severity: 'severity: SEV1', status: 'status: in-review', reviewers: '', reviewedAt: '' }));
    assert.deepEqual(check({ [PM]: text }, { now: Date.parse('2026-11-10T12:00:00Z') }), []);
  });
});

describe('policy: an incident over the budget threshold needs a P0 prevent item', () => {
  // checkout-availability: 99.9% over 30d = 43.2 budget minutes; 20 minutes = 46.3%.
  // The same charge also puts its factor categories over 20% of the quarter (policy.factorBudgetShare, tested on its own).
  const check = (files: Record<string, string>, options: { config?: string } = {}) =>
    checkAll(files, options).filter((problem) => problem.rule === POLICY_RULES.budgetNeedsP0);
  const impact = 'impact:\n  summary: Errors for some customers.\n  slos:\n    - slo: checkout-availability\n      minutes: 20';

  test('without a P0 prevent item it is reported at the SLO charge', () => {
    const text = mdx(postmortemYaml({ impact }));
    const problems = check({ [PM]: text });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, POLICY_RULES.budgetNeedsP0);
    assert.equal(problems[0].field, 'impact.slos[0]');
    assert.equal(problems[0].line, lineContaining(text, '- slo: checkout-availability'));
    assert.equal(
      problems[0].message,
      'charged 20 bad minutes to checkout-availability, 46.296296% of its error budget (more than 20%); such an incident needs an action item with priority P0 and type prevent',
    );
  });

  test('a P0 prevent item satisfies it; a wont-do one does not; drafts are not checked yet', () => {
    const withP0 = postmortemYaml({ impact, actionItems: items(item('Cap the pool', { due: '2026-11-20', priority: 'P0' })) });
    assert.deepEqual(check({ [PM]: mdx(withP0) }), []);
    const wontDo = postmortemYaml({
      impact,
      actionItems: items(item('Cap the pool', { due: '2026-11-20', priority: 'P0', status: 'wont-do' })),
    });
    assert.equal(check({ [PM]: mdx(wontDo) }).length, 1);
    // /insights/ answers from the same rule: the wont-do P0 is no answer there either.
    const result = contentFolder({ [PM]: mdx(wontDo) }).validate();
    const model = buildModel(result.entries, { config: result.config, now: AS_OF, audience: 'internal', includeDrafts: false });
    assert.deepEqual(
      policySignals(model.postmortems).map((signal) => signal.hasP0Prevent),
      [false],
    );
    const detectOnly = postmortemYaml({ impact, actionItems: items(item('Alert', { type: 'detect', due: '2026-11-20', priority: 'P0' })) });
    assert.equal(check({ [PM]: mdx(detectOnly) }).length, 1);
    const draft = postmortemYaml({ impact, status: 'status: draft', severity: 'severity: SEV3' });
    assert.deepEqual(check({ [PM]: mdx(draft) }), []);
  });

  test('below the threshold, or with thresholds.incidentBudgetPercent raised, it is fine', () => {
    const small = impact.replace('minutes: 20', 'minutes: 5');
    assert.deepEqual(check({ [PM]: mdx(postmortemYaml({ impact: small })) }), []);
    assert.deepEqual(check({ [PM]: mdx(postmortemYaml({ impact })) }, { config: 'thresholds:\n  incidentBudgetPercent: 50\n' }), []);
    assert.equal(check({ [PM]: mdx(postmortemYaml({ impact })) }, { config: 'policies:\n  budgetNeedsP0: error\n' })[0].level, 'error');
    assert.deepEqual(check({ [PM]: mdx(postmortemYaml({ impact })) }, { config: 'policies:\n  budgetNeedsP0: off\n' }), []);
  });
});

describe('policy: action items due within 4 (P0) / 8 (P1) weeks of the review', () => {
  test('late P0 and P1 items are reported at their due date; on-time, done and P2 items are not', () => {
    const actionItems = items(
      item('P0 late', { due: '2026-12-10', priority: 'P0' }), // 35 days after 2026-11-05
      item('P0 on time', { due: '2026-12-03', priority: 'P0' }), // 28 days
      item('P1 on time', { due: '2026-12-31', priority: 'P1', status: 'in-progress' }), // 56 days
      item('P1 late', { due: '2027-01-01', priority: 'P1' }),
      item('P1 late but done', { due: '2027-02-01', priority: 'P1', status: 'done' }),
      item('P2 far', { due: '2027-06-01', priority: 'P2' }),
    );
    const text = mdx(postmortemYaml({ actionItems }));
    const problems = check({ [PM]: text });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['actionItems[0].due', 'actionItems[3].due'],
    );
    assert.equal(problems[0].line, lineContaining(text, 'due: 2026-12-10'));
    assert.equal(
      problems[0].message,
      '2026-12-10 is 35 days after the review (reviewedAt 2026-11-05); P0 action items are due within 4 weeks of the review (by 2026-12-03): bring the date forward or lower the priority',
    );
    assert.match(
      problems[1].message,
      /^2027-01-01 is 57 days after the review \(reviewedAt 2026-11-05\); P1 action items are due within 8 weeks/,
    );
  });

  test('before the review the resolved date is the reference; weeks are configurable', () => {
    const actionItems = items(item('P0', { due: '2026-12-01', priority: 'P0' })); // 30 days after resolved 2026-11-01
    const yaml = postmortemYaml({ actionItems, status: 'status: in-review', severity: 'severity: SEV3', reviewers: '', reviewedAt: '' });
    const problems = check({ [PM]: mdx(yaml) });
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /\(resolved 2026-11-01\)/);
    assert.deepEqual(check({ [PM]: mdx(yaml) }, { config: 'policies:\n  actionItemDue:\n    p0Weeks: 5\n' }), []);
    assert.deepEqual(check({ [PM]: mdx(yaml) }, { config: 'policies:\n  actionItemDue:\n    level: off\n' }), []);
  });
});

describe('policy: stale handbook pages', () => {
  const page = (lastReviewed: string, extra = '') =>
    mdx(`title: Page\ndescription: d\nowner: platform\nlastReviewed: ${lastReviewed}\nreviewEvery: 90d${extra}`);

  test('a page past lastReviewed + reviewEvery is reported at lastReviewed', () => {
    const problems = check({
      'handbook/old.mdx': page('2026-08-01'),
      'handbook/fresh.mdx': page('2026-10-01'),
      'handbook/draft.mdx': page('2026-01-01', '\nstatus: draft'),
    });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, POLICY_RULES.staleHandbook);
    assert.equal(problems[0].file, 'content/handbook/old.mdx');
    assert.equal(problems[0].field, 'lastReviewed');
    assert.equal(problems[0].line, 5);
    assert.equal(
      problems[0].message,
      '2026-08-01 + reviewEvery 90d = 2026-10-30, before the as-of date 2026-11-28: the page is stale; the owning team (platform) re-reads it and updates lastReviewed',
    );
  });

  test('levels', () => {
    assert.equal(check({ 'handbook/old.mdx': page('2026-08-01') }, { config: 'policies:\n  staleHandbook: error\n' })[0].level, 'error');
    assert.deepEqual(check({ 'handbook/old.mdx': page('2026-08-01') }, { config: 'policies:\n  staleHandbook: off\n' }), []);
  });
});

describe('policy: PRDs in review past their session', () => {
  const prd = (status: string, session?: string) =>
    mdx(
      `title: P\nsummary: s\nstatus: ${status}\nauthors: [Ada]\nowner: checkout\ncreated: 2026-10-01${session ? `\nreview:\n  session: ${session}` : ''}`,
    );

  test('an in-review PRD whose booked session has passed is reported at review.session', () => {
    const problems = check({
      'prds/late.mdx': prd('in-review', '2026-11-12'),
      'prds/booked.mdx': prd('in-review', '2026-12-10'),
      'prds/unbooked.mdx': prd('in-review'),
      'prds/decided.mdx': prd('approved', '2026-11-12'),
    });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, POLICY_RULES.prdPastSession);
    assert.equal(problems[0].file, 'content/prds/late.mdx');
    assert.equal(problems[0].field, 'review.session');
    assert.equal(problems[0].line, 9);
    assert.equal(
      problems[0].message,
      '2026-11-12 has passed (as of 2026-11-28) and the PRD is still in review; record the outcome in review.decisions and update status, or book a later session',
    );
  });

  test('levels', () => {
    assert.equal(
      check({ 'prds/late.mdx': prd('in-review', '2026-11-12') }, { config: 'policies:\n  prdPastSession: error\n' })[0].level,
      'error',
    );
    assert.deepEqual(check({ 'prds/late.mdx': prd('in-review', '2026-11-12') }, { config: 'policies:\n  prdPastSession: off\n' }), []);
  });
});

describe('one rule, one answer', () => {
  test('a wont-do P0 prevent item: the policy warns and insights say "no", from the same rule', () => {
    const items = [
      { priority: 'P0', type: 'prevent', status: 'wont-do' },
      { priority: 'P1', type: 'prevent', status: 'open' },
    ];
    assert.equal(hasPreventP0(items), false);
    assert.equal(hasPreventP0([...items, { priority: 'P0', type: 'prevent', status: 'done' }]), true);
    assert.equal(hasPreventP0([{ priority: 'P0', type: 'detect', status: 'open' }]), false);
  });

  test('the urgent severities are the two most severe configured levels', () => {
    assert.deepEqual(
      urgentSeverities({
        severities: [
          { id: 'S0', label: 'a' },
          { id: 'S1', label: 'b' },
          { id: 'S2', label: 'c' },
        ],
      }),
      ['S0', 'S1'],
    );
    assert.deepEqual(urgentSeverities({ severities: [{ id: 'ONLY', label: 'a' }] }), ['ONLY']);
  });
});
