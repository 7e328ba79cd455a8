/** Scaffold templates: every type renders a draft that passes the check as written. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultRules } from '../../src/validation/rules.ts';
import {
  checkAnswer,
  normalizeAnswer,
  questionsFor,
  renderScaffold,
  SCAFFOLD_TYPES,
  splitList,
  type ScaffoldContext,
  type ScaffoldType,
} from '../../src/core/scaffold.ts';
import { idFromTitle } from '../../src/core/ids.ts';
import { defaultSiteConfig } from '../../src/validation/site-config.ts';
import { AS_OF, contentFolder } from './support/content.ts';

const context: ScaffoldContext = {
  config: defaultSiteConfig(),
  existing: {
    services: [
      { value: 'checkout-api', label: 'Checkout API' },
      { value: 'payments', label: 'Payments' },
    ],
    teams: [{ value: 'checkout' }, { value: 'platform' }],
    slos: [{ value: 'checkout-availability' }],
  },
  now: AS_OF,
};

/** Every question answered with its default or the first valid choice. */
function answersFor(type: ScaffoldType, title: string, overrides: Record<string, string> = {}): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const question of questionsFor(type, title, context)) {
    // A choice among no entries (no postmortem to fix yet) is left unanswered, as on the command line.
    if (question.choices?.length === 0) continue;
    answers[question.flag] = overrides[question.flag] ?? question.default ?? question.choices?.[0]?.value ?? 'Ada Lovelace';
  }
  return answers;
}

describe('scaffold templates', () => {
  const titles: Record<ScaffoldType, string> = {
    postmortem: 'Slot booking outage during Black Friday early access',
    slo: 'Checkout latency at p99',
    release: 'Checkout API 4.16.0',
    prd: 'Gift cards at checkout',
    handbook: 'On-call handover',
  };

  for (const type of SCAFFOLD_TYPES) {
    test(`${type}: a draft that passes the check (schemas, references, lints, policies) with no problems`, () => {
      const title = titles[type];
      const result = renderScaffold(type, title, answersFor(type, title), context);
      assert.equal(result.id, idFromTitle(title));
      assert.match(result.path, new RegExp(`^${result.collection}/${result.id}\\.mdx$`));
      const folder = contentFolder({ [result.path]: result.text });
      const validation = folder.validate(defaultRules({ now: AS_OF }));
      assert.deepEqual(validation.problems, []);
      const entry = validation.entries.find((e) => e.id === result.id)!;
      assert.equal(entry.data.status, type === 'release' ? 'planned' : 'draft');
      assert.equal(entry.data.title ?? entry.data.version, title);
    });
  }

  test("postmortem: every contract field is present (set or as a commented guide) with today's date", () => {
    const { text } = renderScaffold(
      'postmortem',
      titles.postmortem,
      answersFor('postmortem', titles.postmortem, { service: 'checkout-api,payments', severity: 'SEV1' }),
      context,
    );
    for (const field of [
      'title:',
      'summary:',
      'severity: SEV1',
      'status: draft',
      'visibility:',
      'services:\n  - checkout-api\n  - payments',
      'authors:',
      'timeline:',
      'started: 2026-11-28T12:00:00Z',
      'detected:',
      '# acknowledged:',
      '# mitigated:',
      '# resolved:',
      'impact:',
      '# usersAffected:',
      'slos: []',
      '# detection:',
      '# trigger:',
      'contributingFactors: []',
      'actionItems: []',
      'lessons:',
      'wentWell: []',
      'wentWrong: []',
      'gotLucky: []',
      'releases: []',
      'prds: []',
      'reviewers: []',
      '# reviewedAt: 2026-11-28',
      'tags: []',
    ]) {
      assert.ok(text.includes(field), `has ${JSON.stringify(field)}`);
    }
    const headings = [...text.matchAll(/^##+ (.+)$/gm)].map((m) => m[1]);
    // Only what the fields cannot say: summary, lessons and action items come from the frontmatter.
    assert.deepEqual(headings, ['Impact', 'Timeline', 'Contributing factors']);
    assert.match(
      text,
      /# One of: SEV1 \(Critical\), SEV2 \(Major\), SEV3 \(Minor\), SEV4 \(Low\)\./,
      'guidance lists the configured values',
    );
  });

  test('release: version from the title, next train and its date, every configured gate pending', () => {
    const questions = questionsFor('release', 'Checkout API 4.16.0', context);
    assert.equal(questions.find((q) => q.flag === 'version')!.default, '4.16.0');
    assert.equal(questions.find((q) => q.flag === 'train')!.default, '2026-12-a');
    assert.equal(questions.find((q) => q.flag === 'date')!.default, '2026-12-07');
    const { text } = renderScaffold('release', 'Checkout API 4.16.0', answersFor('release', 'Checkout API 4.16.0'), context);
    assert.match(text, /version: "4\.16\.0"/);
    for (const gate of ['unit-tests', 'integration-tests', 'security-review'])
      assert.match(text, new RegExp(`- gate: ${gate}\\n {4}status: pending`));
  });

  test('release: offers hotfix and fixes, and guides mergedAt; a hotfix fixing an incident passes the check', () => {
    const withIncident: ScaffoldContext = { ...context, existing: { ...context.existing, postmortems: [{ value: 'slot-outage' }] } };
    const questions = questionsFor('release', 'Slot booking 2.8.1', withIncident);
    assert.equal(questions.find((q) => q.flag === 'hotfix')!.default, 'false');
    assert.equal(
      checkAnswer(
        questions.find((q) => q.flag === 'fixes')!,
        'slot-outag',
      ),
      '--fixes "slot-outag" is not valid; use one or more of: slot-outage. Did you mean "slot-outage"?',
    );
    const answers = {
      version: '2.8.1',
      service: 'checkout-api',
      train: 'hotfix-2026-11-15',
      date: '2026-11-15',
      hotfix: 'true',
      fixes: 'slot-outage',
    };
    const { text, path } = renderScaffold('release', 'Slot booking 2.8.1', answers, withIncident);
    assert.match(text, /^hotfix: true$/m);
    assert.match(text, /^fixes:\n {2}- slot-outage$/m);
    assert.match(text, /^# {4}mergedAt: 2026-11-02T14:30:00Z$/m);
    const incident = renderScaffold('postmortem', 'Slot outage', answersFor('postmortem', 'Slot outage'), context, 'slot-outage');
    assert.match(incident.text, /^kind: incident$/m);
    const validation = contentFolder({ [path]: text, [incident.path]: incident.text }).validate(defaultRules({ now: AS_OF }));
    assert.deepEqual(validation.problems, []);
  });

  test('slo: a latency SLO gets a threshold to adjust', () => {
    const { text } = renderScaffold('slo', 'Checkout latency', answersFor('slo', 'Checkout latency', { kind: 'latency' }), context);
    assert.match(text, /^ {2}threshold: \{ value: 300, unit: ms, percentile: 99 \}$/m);
  });

  test('answers are checked against the valid choices, naming the flag', () => {
    const [service, severity] = questionsFor('postmortem', 'x', context);
    assert.equal(checkAnswer(service, 'checkout-api, payments'), undefined);
    assert.equal(
      checkAnswer(service, 'checkout-apii'),
      '--service "checkout-apii" is not valid; use one or more of: checkout-api, payments. Did you mean "checkout-api"?',
    );
    assert.equal(checkAnswer(severity, 'SEV7'), '--severity "SEV7" is not valid; use one of: SEV1, SEV2, SEV3, SEV4. Did you mean "SEV1"?');
    const started = questionsFor('postmortem', 'x', context).find((q) => q.flag === 'started')!;
    assert.match(checkAnswer(started, '2026-11-28T10:00')!, /^--started: "2026-11-28T10:00" has no UTC offset/);
    assert.deepEqual(splitList(' a, b ,,c '), ['a', 'b', 'c']);
  });

  test('ids: the title as a slug; an invalid id is refused', () => {
    assert.equal(idFromTitle('Checkout: 502s after the 4.13 deploy!'), 'checkout-502s-after-the-4-13-deploy');
    assert.equal(idFromTitle('3-D Secure outage'), 'x-3-d-secure-outage', 'an id starts with a letter');
    assert.throws(() => renderScaffold('handbook', 'x', { owner: 'platform' }, context, 'Bad_Id'), /is not a valid id/);
  });

  test('titles with quotes and colons stay valid YAML', () => {
    const title = 'Payments: "3-D Secure" timeouts # not a comment';
    const result = renderScaffold('postmortem', title, answersFor('postmortem', title), context);
    const validation = contentFolder({ [result.path]: result.text }).validate();
    assert.deepEqual(validation.problems, []);
    assert.equal(validation.entries.find((e) => e.id === result.id)!.data.title, title);
  });
});

test('answers differing only in case are spelled as the choice', () => {
  const [service, severity] = questionsFor('postmortem', 'x', context);
  assert.equal(normalizeAnswer(severity, ' sev2 '), 'SEV2');
  assert.equal(normalizeAnswer(service, 'Checkout-API, payments'), 'checkout-api,payments');
  assert.equal(normalizeAnswer(severity, 'SEV9'), 'SEV9', 'unknown values are left for checkAnswer to reject');
});
