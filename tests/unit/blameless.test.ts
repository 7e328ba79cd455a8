/** Blameless-language lint: each phrase, names as a cause, fields and body, code skipped, opt-outs, levels. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BLAME_PHRASES, blamelessRule, findBlame } from '../../src/validation/lint/blameless.ts';
import { contentFolder, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';
import { assertHintsLetMatchesThrough } from './support/hints.ts';

const PM = 'content/postmortems/incident.mdx';

function lint(yaml: string, body: string, config?: string) {
  const text = mdx(yaml, body);
  const files: Record<string, string> = { 'postmortems/incident.mdx': text };
  if (config) files['almanac.yaml'] = config;
  const result = contentFolder(files).validate([blamelessRule]);
  return { problems: problemsOf(result, { rule: 'blameless' }), text, result };
}

describe('blameless phrases', () => {
  const cases: [string, string, string][] = [
    ['human-error', 'The outage was caused by human error.', 'human error'],
    ['human-error', 'An operator error during the failover.', 'operator error'],
    ['should-have', 'The on-call should have checked the dashboard.', 'should have'],
    ['should-have', "We shouldn't have deployed on Friday.", "shouldn't have"],
    ['careless', 'A careless change to the config.', 'careless'],
    ['fault', "It was the platform team's fault.", "team's fault"],
    ['fault', 'Nobody was at fault.', 'at fault'],
    ['forgot', 'The engineer forgot to renew the certificate.', 'forgot to'],
    ['failed-to', 'Someone failed to update the runbook.', 'failed to'],
    ['negligent', 'The rollout was negligent.', 'negligent'],
    ['did-not-bother', "They didn't bother to run the tests.", "didn't bother"],
    ['judgement', 'A sloppy migration script.', 'sloppy'],
  ];
  for (const [id, text, words] of cases) {
    test(`${id}: "${words}"`, () => {
      const found = findBlame(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0].id, id);
      assert.equal(found[0].text, words);
      assert.equal(found[0].index, text.indexOf(words));
      assert.ok(found[0].suggestion.length > 20, 'comes with a system-focused suggestion');
    });
  }

  test('the quick test a pattern runs behind lets every match through, in any case', () => {
    const texts = [
      ...cases.map(([, text]) => text),
      'IT WAS THE VENDOR’S FAULT.',
      'Nobody Is To Blame; the fault of the design.',
      'A LAZY fix, recklessly shipped, by an inattentive and Incompetent process.',
      'We were not paying attention; he didn’t pay attention either.',
    ];
    assertHintsLetMatchesThrough(BLAME_PHRASES, texts);
    assert.deepEqual(
      findBlame('IT WAS THE VENDOR’S FAULT. A LAZY fix.').map((match) => [match.id, match.text]),
      [
        ['fault', 'VENDOR’S FAULT'],
        ['judgement', 'LAZY'],
      ],
    );
  });

  test('system-focused prose is not flagged', () => {
    for (const text of [
      'The deploy tool accepted the change without a confirmation step.',
      'Kafka broke the ordering guarantee after the partition count changed.',
      'The alert went to a channel that was muted during the handover.',
      'Blameless reviews describe conditions.',
    ]) {
      assert.deepEqual(findBlame(text, ['Ada Lovelace']), [], text);
    }
  });

  test("names as a cause: the postmortem's own people (full or first name) and any name with a verb only people do", () => {
    const names = ['Ada Lovelace', 'Grace Hopper'];
    assert.deepEqual(
      findBlame('Ada broke checkout by deploying early.', names).map((m) => [m.id, m.text]),
      [['name-as-cause', 'Ada broke']],
    );
    assert.deepEqual(
      findBlame('The outage was caused by Grace Hopper.', names).map((m) => m.text),
      ['caused by Grace Hopper'],
    );
    assert.deepEqual(
      findBlame("It was Ada Lovelace's mistake.", names).map((m) => m.text),
      ["Ada Lovelace's mistake"],
    );
    assert.deepEqual(
      findBlame('Bob Smith forgot the flag.').map((m) => [m.id, m.text]),
      [['name-as-cause', 'Bob Smith forgot']],
    );
    assert.deepEqual(findBlame('Ada deployed the fix at 10:30.', names), [], 'a name doing ordinary work is fine');
  });

  test('one finding per phrase even when patterns overlap', () => {
    const found = findBlame('Ada forgot to restart the pool.', ['Ada Lovelace']);
    assert.equal(found.length, 1);
    assert.equal(found[0].id, 'name-as-cause');
  });
});

describe('blameless lint over a postmortem', () => {
  test('body findings: line and column of the phrase, level warning by default, suggestion in the message', () => {
    const body = '## Summary\n\nThe root cause was human error during the deploy.\n';
    const { problems, text } = lint(postmortemYaml(), body);
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem.level, 'warning');
    assert.equal(problem.file, PM);
    assert.equal(problem.field, 'body');
    assert.equal(problem.line, lineContaining(text, 'human error'));
    assert.equal(problem.column, 'The root cause was '.length + 1);
    assert.match(
      problem.message,
      /^"human error" names a person as the cause; blameless reviews describe systems and conditions instead: name the condition/,
    );
  });

  test('text fields: summary, impact.summary, trigger, factor descriptions, lessons and action item titles', () => {
    const yaml = postmortemYaml({
      summary: 'summary: The on-call should have noticed sooner.',
      impact: 'impact:\n  summary: Customers were careless with retries.',
      trigger: 'trigger: Ada forgot the feature flag.',
      contributingFactors:
        'contributingFactors:\n  - category: process\n    description: >-\n      The reviewer failed to\n      spot the typo.',
      lessons: 'lessons:\n  wentWrong:\n    - It was human error.',
    }).replace('title: Alert on pool saturation', 'title: Stop negligent deploys');
    const { problems, text } = lint(yaml, 'Plain narrative.');
    const fields = problems.map((p) => [p.field, p.line]);
    assert.deepEqual(
      fields,
      [
        ['summary', lineContaining(text, 'summary: The on-call')],
        ['contributingFactors[0].description', lineContaining(text, 'The reviewer failed to')],
        ['actionItems[0].title', lineContaining(text, 'Stop negligent')],
        ['impact.summary', lineContaining(text, 'careless')],
        ['trigger', lineContaining(text, 'trigger:')],
        ['lessons.wentWrong[0]', lineContaining(text, 'human error')],
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    assert.match(problems.find((p) => p.field === 'trigger')!.message, /^"Ada forgot" names a person as the cause/);
  });

  test('code blocks, inline code and MDX comments are skipped', () => {
    const body = [
      'Quoting a log:',
      '',
      '```text',
      'ERROR human error counter incremented; should have retried',
      '```',
      '',
      'The metric `human_error_total` rose. {/* we should have written this better */}',
    ].join('\n');
    const { problems } = lint(postmortemYaml(), body);
    assert.deepEqual(problems, []);
  });

  test('per-line opt-out: MDX comment on the line or the line before, YAML comment on the field', () => {
    const body = [
      'We quote the ticket: "human error" {/* almanac-disable-line blameless */}',
      '',
      '{/* almanac-disable-next-line blameless */}',
      'The customer wrote that we should have warned them.',
      '',
      'But this careless wording is still reported.',
    ].join('\n');
    const yaml = postmortemYaml({
      trigger: 'trigger: "The form says: user error" # almanac-disable-line blameless',
      summary: '# almanac-disable-next-line blameless\nsummary: >-\n  The customer wrote that we\n  should have known.',
    });
    const { problems, text } = lint(yaml, body);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].line, lineContaining(text, 'careless wording'));
  });

  test('an opt-out for another rule does not silence this one', () => {
    const { problems } = lint(postmortemYaml(), 'It was human error. {/* almanac-disable-line secrets */}');
    assert.equal(problems.length, 1);
  });

  test('level from almanac.yaml: error fails, off silences', () => {
    const body = 'It was human error.';
    assert.equal(lint(postmortemYaml(), body, 'lint:\n  blameless: error\n').problems[0].level, 'error');
    assert.deepEqual(lint(postmortemYaml(), body, 'lint:\n  blameless: off\n').problems, []);
  });

  test('only postmortems are linted', () => {
    const page = mdx(
      'title: Writing reviews\ndescription: d\nowner: checkout\nlastReviewed: 2026-11-01',
      'Avoid "human error" and "should have".',
    );
    const result = contentFolder({ 'handbook/writing.mdx': page }).validate([blamelessRule]);
    assert.deepEqual(problemsOf(result, { rule: 'blameless' }), []);
  });
});
