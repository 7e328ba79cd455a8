/**
 * The validation pass, one test per rule: the bad input each rule rejects and the message it
 * prints, with file, field path and line. Each test writes a tiny content folder.
 */
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import { validateContent } from '../../src/validation/validate.ts';
import { contentFolder, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';

const PM = 'content/postmortems/incident.mdx';

/** Validates one postmortem (plus the base entries) and returns its problems. */
function postmortemProblems(yaml: string, body?: string) {
  const text = mdx(yaml, body);
  const result = contentFolder({ 'postmortems/incident.mdx': text }).validate();
  return { problems: problemsOf(result, { file: PM }), text, result };
}

describe('validation pass', () => {
  test('the base fixture and a valid published postmortem have no problems', () => {
    const { result } = postmortemProblems(postmortemYaml());
    assert.deepEqual(result.problems, []);
    assert.equal(result.entries.filter((e) => e.collection === 'postmortems').length, 1);
  });

  test('schema: a missing required field names the field and what is expected', () => {
    const { problems } = postmortemProblems(postmortemYaml({ summary: '' }));
    assert.equal(problems.length, 1);
    const [problem] = problems;
    assert.equal(problem.level, 'error');
    assert.equal(problem.file, PM);
    assert.equal(problem.field, 'summary');
    assert.equal(problem.rule, 'schema');
    assert.equal(problem.line, 2, 'a missing field points at the start of the frontmatter');
    assert.equal(problem.message, 'is required: must be a one-paragraph summary');
  });

  test('schema: a wrong enum value lists the valid values and suggests the closest', () => {
    const { problems, text } = postmortemProblems(postmortemYaml({ status: 'status: publised' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'status');
    assert.equal(problems[0].line, lineContaining(text, 'status: publised'));
    assert.equal(
      problems[0].message,
      '"publised" is not a valid postmortem status; use one of draft, in-review, published. Did you mean "published"?',
    );
  });

  test('schema: a configured value (severity) that is not configured suggests the closest', () => {
    const { problems, text } = postmortemProblems(postmortemYaml({ severity: 'severity: SEV5' }));
    assert.equal(problems[0].field, 'severity');
    assert.equal(problems[0].line, lineContaining(text, 'severity: SEV5'));
    assert.match(
      problems[0].message,
      /^"SEV5" is not a configured severity; use one of SEV1, SEV2, SEV3, SEV4 \(site configuration: severities\)/,
    );
  });

  test('cross-field rules still run when another field of the same file is invalid', () => {
    const { problems } = postmortemProblems(
      postmortemYaml({
        severity: 'severity: SEV9',
        timeline: [
          'timeline:',
          '  started: 2026-11-01T10:00:00Z',
          '  detected: 2026-11-01T09:00:00Z',
          '  mitigated: 2026-11-01T10:30:00Z',
        ].join('\n'),
        reviewedAt: '',
      }),
    );
    assert.deepEqual(problems.map((problem) => problem.field).sort(), ['reviewedAt', 'severity', 'timeline.detected', 'timeline.resolved']);
  });

  test('MDX components: unknown names, an Event without an offset or outside a Timeline, a bad Callout type', () => {
    const body = [
      '# Narrative',
      '',
      '<Callout type="urgent">Heads up.</Callout>',
      '',
      '<Timeline>',
      '  <Event at="2026-11-01T10:00">Started.</Event>',
      '</Timeline>',
      '',
      '<Event at="2026-11-01T10:05:00Z">Loose.</Event>',
      '',
      '<Chart data="x" />',
    ].join('\n');
    const { problems, text } = postmortemProblems(postmortemYaml(), body);
    const component = problems.filter((problem) => problem.rule === 'mdx-component');
    assert.deepEqual(
      component.map((problem) => [problem.line, problem.message.split(':')[0].split(' must')[0].split(' is not')[0]]),
      [
        [lineContaining(text, '<Callout type="urgent">'), '<Callout type="urgent">'],
        [lineContaining(text, '<Event at="2026-11-01T10:00">'), '<Event at="2026-11-01T10'],
        [lineContaining(text, 'Loose.'), '<Event>'],
        [lineContaining(text, '<Chart'), '<Chart>'],
      ],
    );
    assert.match(component[1].message, /no UTC offset/);
    assert.match(component[3].message, /is not an Almanac component; use Callout, Timeline, Event, Question$/);
    assert.ok(component.every((problem) => problem.field === 'body' && problem.level === 'error'));
  });

  test('schema: an unknown field is named, with a did-you-mean and the valid fields', () => {
    const { problems, text } = postmortemProblems(postmortemYaml({ extra: 'sumary: typo' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'sumary');
    assert.equal(problems[0].line, lineContaining(text, 'sumary: typo'));
    assert.match(
      problems[0].message,
      /^is not a field of this entry\. Did you mean "summary"\? Valid fields here: title, summary, severity, status/,
    );
  });

  test('reference: an id that does not resolve names the collection and suggests the closest id', () => {
    const { problems, text } = postmortemProblems(postmortemYaml({ services: 'services:\n  - chekout-api' }));
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'reference');
    assert.equal(problems[0].field, 'services[0]');
    assert.equal(problems[0].line, lineContaining(text, '- chekout-api'));
    assert.equal(
      problems[0].message,
      '"chekout-api" is not an entry of services; use the id of a file in services/. Did you mean "checkout-api"?',
    );
  });

  test('reference: nested references (action item owner) are resolved too', () => {
    const yaml = postmortemYaml().replace('owner: checkout', 'owner: platfrom');
    const { problems, text } = postmortemProblems(yaml);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'actionItems[0].owner');
    assert.equal(problems[0].line, lineContaining(text, 'owner: platfrom'));
    assert.match(problems[0].message, /"platfrom" is not an entry of teams.*Did you mean "platform"\?/);
  });

  test('datetime without an offset is an error suggesting the same time with an offset', () => {
    const yaml = postmortemYaml().replace('started: 2026-11-01T10:00:00Z', 'started: 2026-11-01T10:00:00');
    const { problems, text } = postmortemProblems(yaml);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'timeline.started');
    assert.equal(problems[0].line, lineContaining(text, 'started: 2026-11-01T10:00:00'));
    assert.equal(
      problems[0].message,
      '"2026-11-01T10:00:00" has no UTC offset, so its time zone would be a guess; add one, e.g. "2026-11-01T10:00:00Z" or "2026-11-01T10:00:00+01:00"',
    );
  });

  test('timeline order: detected before started is reported at detected', () => {
    const yaml = postmortemYaml().replace('detected: 2026-11-01T10:05:00Z', 'detected: 2026-11-01T09:05:00Z');
    const { problems, text } = postmortemProblems(yaml);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'timeline.detected');
    assert.equal(problems[0].line, lineContaining(text, 'detected: 2026-11-01T09:05:00Z'));
    assert.equal(
      problems[0].message,
      '2026-11-01T09:05:00Z is before started (2026-11-01T10:00:00Z); the order must hold: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved',
    );
  });

  test('timeline order compares instants across offsets (10:30+01:00 is before 10:00Z)', () => {
    const yaml = postmortemYaml().replace('mitigated: 2026-11-01T10:30:00Z', 'mitigated: 2026-11-01T10:30:00+01:00');
    const { problems } = postmortemProblems(yaml);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'timeline.mitigated');
    assert.match(problems[0].message, /is before detected/);
  });

  test('SLA objective at or above the SLO objective is an error at sla.objective', () => {
    const text = mdx(
      'title: B\nservice: checkout-api\nsli:\n  kind: availability\n  description: d\nobjective: 99.9\nwindow: 30d\nsla:\n  objective: 99.95',
    );
    const result = contentFolder({ 'slos/strict.mdx': text }).validate();
    const problems = problemsOf(result, { file: 'content/slos/strict.mdx' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'sla.objective');
    assert.equal(problems[0].line, lineContaining(text, 'objective: 99.95'));
    assert.equal(
      problems[0].message,
      '99.95 must be lower than the SLO objective 99.9: the external promise needs a margin below the internal target',
    );
  });

  test('a latency SLI needs a threshold', () => {
    const text = mdx('title: L\nservice: checkout-api\nsli:\n  kind: latency\n  description: d\nobjective: 99\nwindow: 28d');
    const problems = problemsOf(contentFolder({ 'slos/lat.mdx': text }).validate(), { file: 'content/slos/lat.mdx' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'sli.threshold');
    assert.equal(problems[0].line, lineContaining(text, 'sli:'));
    assert.match(problems[0].message, /^is required when sli\.kind is latency/);
  });

  test('required when published: reviewers, reviewedAt, action items, mitigated/resolved', () => {
    const yaml = postmortemYaml({ reviewers: '', reviewedAt: '', actionItems: '' }).replace('  resolved: 2026-11-01T11:00:00Z', '');
    const { problems, text } = postmortemProblems(yaml);
    const byField = new Map(problems.map((p) => [p.field, p]));
    assert.deepEqual([...byField.keys()].sort(), ['actionItems', 'reviewedAt', 'reviewers', 'timeline.resolved']);
    assert.equal(byField.get('reviewers')!.message, 'is required when status is published: at least one reviewer name');
    assert.equal(byField.get('reviewedAt')!.message, 'is required when status is published: the review date YYYY-MM-DD');
    assert.equal(byField.get('actionItems')!.message, 'is required when status is published: at least one action item');
    assert.equal(byField.get('timeline.resolved')!.message, 'is required when status is published: the datetime the incident was closed');
    assert.equal(byField.get('timeline.resolved')!.line, lineContaining(text, 'timeline:'), 'a missing nested field points at its parent');
    // The same postmortem as a draft is fine.
    const draft = postmortemProblems(yaml.replace('status: published', 'status: draft'));
    assert.deepEqual(draft.problems, []);
  });

  test('a shipped release with a required gate neither passed nor waived is an error', () => {
    const text = mdx(
      'version: "1.0.0"\ntrain: 2026-11-a\ndate: 2026-11-02\nstatus: shipped\ngates:\n  - gate: unit-tests\n    status: passed\n  - gate: integration-tests\n    status: failed\n',
    );
    const problems = problemsOf(contentFolder({ 'releases/r.mdx': text }).validate(), { file: 'content/releases/r.mdx' });
    const failed = problems.find((p) => p.field === 'gates[1].status')!;
    assert.equal(failed.line, lineContaining(text, 'status: failed'));
    assert.equal(
      failed.message,
      'required gate "integration-tests" is failed but the release is shipped; a shipped release needs every required gate passed or waived',
    );
    const missing = problems.find((p) => p.field === 'gates')!;
    assert.equal(missing.line, lineContaining(text, 'gates:'));
    assert.match(missing.message, /^required gate "security-review" is missing but the release is shipped/);
    assert.equal(problems.length, 2);
  });

  test('a waived gate needs a waiver with both by and reason', () => {
    const text = mdx(
      'version: "1.0.0"\ntrain: 2026-11-a\ndate: 2026-11-02\nstatus: planned\ngates:\n  - gate: security-review\n    status: waived\n    waiver:\n      by: Head of Security\n  - gate: unit-tests\n    status: waived\n',
    );
    const problems = problemsOf(contentFolder({ 'releases/r.mdx': text }).validate(), { file: 'content/releases/r.mdx' });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['gates[0].waiver.reason', 'gates[1].waiver.by', 'gates[1].waiver.reason']);
    const reason = problems.find((p) => p.field === 'gates[0].waiver.reason')!;
    assert.equal(reason.line, lineContaining(text, 'waiver:'));
    assert.equal(reason.message, 'is required when a gate is waived: write waiver: { by: <who accepted the risk>, reason: <why> }');
  });

  test('supersede loop: PRDs superseding each other are reported once, with the loop', () => {
    const prd = (id: string, next: string) =>
      mdx(`title: ${id}\nsummary: s\nstatus: superseded\nsupersededBy: ${next}\nauthors: [Ada]\nowner: checkout\ncreated: 2026-01-01`);
    const result = contentFolder({ 'prds/alpha.mdx': prd('alpha', 'beta'), 'prds/beta.mdx': prd('beta', 'alpha') }).validate();
    const problems = problemsOf(result, { rule: 'supersede-cycle' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'content/prds/alpha.mdx');
    assert.equal(problems[0].field, 'supersededBy');
    assert.equal(problems[0].line, 5);
    assert.equal(problems[0].message, 'forms a loop: alpha → beta → alpha; the newest PRD in a chain must not be superseded');
  });

  test('dependency cycle between services is reported with the cycle', () => {
    const result = contentFolder({
      'services/alpha.yaml': 'name: A\nteam: checkout\ntier: 2\ndependsOn: [beta]\n',
      'services/beta.yaml': 'name: B\nteam: checkout\ntier: 2\ndependsOn:\n  - gamma\n',
      'services/gamma.yaml': 'name: G\nteam: checkout\ntier: 2\ndependsOn: [alpha]\n',
    }).validate();
    const problems = problemsOf(result, { rule: 'dependency-cycle' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'content/services/alpha.yaml');
    assert.equal(problems[0].field, 'dependsOn');
    assert.equal(problems[0].line, 4);
    assert.equal(problems[0].message, 'forms a cycle: alpha → beta → gamma → alpha; service dependencies must not loop');
  });

  test('duplicate ids: x.md and x.mdx in one collection', () => {
    const page = mdx('title: X\ndescription: d\nowner: checkout\nlastReviewed: 2026-11-01');
    const result = contentFolder({ 'handbook/x.md': page, 'handbook/x.mdx': page }).validate();
    const problems = problemsOf(result, { rule: 'duplicate-id' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'content/handbook/x.mdx');
    assert.equal(problems[0].message, 'has the same id "x" as content/handbook/x.md; ids must be unique in handbook, rename one file');
  });

  test('duplicate release versions', () => {
    const release = mdx('version: "2.0.0"\ntrain: 2026-11-a\ndate: 2026-11-02');
    const result = contentFolder({ 'releases/first.mdx': release, 'releases/second.mdx': release }).validate();
    const problems = problemsOf(result, { rule: 'duplicate-version' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].file, 'content/releases/second.mdx');
    assert.equal(problems[0].field, 'version');
    assert.equal(problems[0].line, 2);
    assert.equal(problems[0].message, '"2.0.0" is already the version of content/releases/first.mdx; release versions must be unique');
  });

  test('a javascript: URL is rejected (only http and https)', () => {
    const text = 'name: C\nteam: checkout\ntier: 2\nrunbook: "javascript:alert(1)"\n';
    const result = contentFolder({ 'services/c.yaml': text }).validate();
    const problems = problemsOf(result, { file: 'content/services/c.yaml' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'runbook');
    assert.equal(problems[0].line, 4);
    assert.equal(
      problems[0].message,
      '"javascript:alert(1)" is not an http(s) URL; only absolute http:// or https:// links are published (e.g. "https://example.com/runbook")',
    );
  });

  test('a javascript: URL in an action item link is rejected at its path', () => {
    const yaml = postmortemYaml().replace('    priority: P1', '    priority: P1\n    link: javascript:alert(document.cookie)');
    const { problems, text } = postmortemProblems(yaml);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'actionItems[0].link');
    assert.equal(problems[0].line, lineContaining(text, 'link: javascript'));
  });

  test('YAML syntax error in frontmatter: message and the file line of the error', () => {
    // Line 1 is "---"; the duplicated key stands on file line 3.
    const text = '---\ntitle: A\ntitle: B\n---\n\nBody\n';
    const result = contentFolder({ 'handbook/dup.mdx': text }).validate();
    const problems = problemsOf(result, { file: 'content/handbook/dup.mdx' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'yaml-syntax');
    assert.equal(problems[0].line, 3);
    assert.equal(problems[0].message, 'YAML syntax error: Map keys must be unique');
  });

  test('YAML syntax error in a .yaml file: line of the error', () => {
    const result = contentFolder({ 'teams/bad.yaml': 'name: Bad\n\tdescription: indented with a tab\n' }).validate();
    const problems = problemsOf(result, { file: 'content/teams/bad.yaml' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'yaml-syntax');
    assert.equal(problems[0].line, 2);
    assert.equal(problems[0].message, 'YAML syntax error: Tabs are not allowed as indentation');
  });

  test('frontmatter that is not closed is reported at line 1', () => {
    const result = contentFolder({ 'handbook/open.mdx': '---\ntitle: A\n\nBody\n' }).validate();
    const [problem] = problemsOf(result, { file: 'content/handbook/open.mdx' });
    assert.equal(problem.rule, 'frontmatter');
    assert.equal(problem.line, 1);
    assert.match(problem.message, /no closing "---" line/);
  });

  test('MDX syntax error: an unclosed component, with its file line', () => {
    const text = mdx('title: X\ndescription: d\nowner: checkout\nlastReviewed: 2026-11-01', 'Line one.\n\n<Callout>\nNever closed.\n');
    const result = contentFolder({ 'handbook/h.mdx': text }).validate();
    const problems = problemsOf(result, { file: 'content/handbook/h.mdx' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'mdx-syntax');
    assert.equal(problems[0].line, lineContaining(text, '<Callout>'));
    assert.match(
      problems[0].message,
      /^MDX syntax error: Expected a closing tag for `<Callout>`.*Close every tag, and write a literal "<" or "\{" as \\< or \\\{$/,
    );
  });

  test('MDX syntax error: a bare "{" in prose', () => {
    const text = mdx('title: X\ndescription: d\nowner: checkout\nlastReviewed: 2026-11-01', 'Fine line.\n\nThe set {a, b is not closed.\n');
    const problems = problemsOf(contentFolder({ 'handbook/brace.mdx': text }).validate(), { file: 'content/handbook/brace.mdx' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'mdx-syntax');
    assert.ok(problems[0].line! >= lineContaining(text, 'The set {a'), `line ${problems[0].line} is at or after the brace`);
  });

  test('an invalid id (file name) is an error naming the rule for ids', () => {
    const result = contentFolder({ 'teams/Bad_Name.yaml': 'name: Bad\n' }).validate();
    const problems = problemsOf(result, { file: 'content/teams/Bad_Name.yaml' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].rule, 'id');
    assert.equal(
      problems[0].message,
      'file name "Bad_Name" is not a valid id; ids are lowercase letters, digits and "-", start with a letter, at most 63 characters (e.g. "checkout-outage-2026-03"); rename the file',
    );
    assert.equal(
      result.entries.some((e) => e.id === 'Bad_Name'),
      false,
      'the entry is not used',
    );
  });

  test('site configuration errors are reported with the field and line in almanac.yaml', () => {
    const config =
      'severities:\n  - id: SEV1\n    label: Critical\nthresholds:\n  atRiskPercent: 120\nlint:\n  blameless: loud\npolicies:\n  publishWithinDays:\n    days: -3\nunknownKey: 1\n';
    const result = contentFolder({ 'almanac.yaml': config }).validate();
    const problems = problemsOf(result, { rule: 'config' });
    const byField = new Map(problems.map((p) => [p.field, p]));
    assert.deepEqual([...byField.keys()].sort(), [
      'lint.blameless',
      'policies.publishWithinDays.days',
      'thresholds.atRiskPercent',
      'unknownKey',
    ]);
    for (const problem of problems) assert.equal(problem.file, 'content/almanac.yaml');
    assert.equal(byField.get('thresholds.atRiskPercent')!.line, 5);
    assert.equal(byField.get('lint.blameless')!.line, 7);
    assert.equal(byField.get('lint.blameless')!.message, 'must be "error", "warn" or "off"');
    assert.equal(byField.get('policies.publishWithinDays.days')!.message, 'must be at least 1 day');
    assert.match(byField.get('unknownKey')!.message, /^is not a field of this entry\. Valid fields here: name, description, url/);
    // Entries are still checked (against the defaults): the base fixture loads.
    assert.ok(result.entries.length > 0);
  });

  test('a duplicated severity id in the configuration is reported', () => {
    const config = 'severities:\n  - id: SEV1\n    label: Critical\n  - id: SEV1\n    label: Again\n';
    const problems = problemsOf(contentFolder({ 'almanac.yaml': config }).validate(), { rule: 'config' });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'severities[1].id');
    assert.equal(problems[0].line, 4);
    assert.equal(problems[0].message, '"SEV1" is listed twice; each id must be unique');
  });

  test('two bad files in one run are both reported', () => {
    const result = contentFolder({
      'postmortems/one.mdx': mdx(postmortemYaml({ severity: 'severity: SEV9' })),
      'releases/two.mdx': mdx('version: "1.0.0"\ntrain: 2026-11-a\ndate: 2026-13-45'),
      'teams/three.yaml': 'name: [broken\n',
    }).validate();
    const files = new Set(result.problems.filter((p) => p.level === 'error').map((p) => p.file));
    assert.deepEqual([...files].sort(), ['content/postmortems/one.mdx', 'content/releases/two.mdx', 'content/teams/three.yaml']);
    const date = problemsOf(result, { file: 'content/releases/two.mdx' })[0];
    assert.equal(date.field, 'date');
    assert.equal(date.message, '"2026-13-45" is not a real calendar date');
  });

  test('problems are sorted by file and line', () => {
    const result = contentFolder({
      'postmortems/b.mdx': mdx(postmortemYaml({ severity: 'severity: SEV9', status: 'status: nope' })),
      'postmortems/a.mdx': mdx(postmortemYaml({ summary: '' })),
    }).validate();
    const keys = result.problems.map((p) => `${p.file}:${String(p.line).padStart(4, '0')}`);
    assert.deepEqual(keys, [...keys].sort());
  });

  test('the example handbook (content/) validates with zero errors', () => {
    const root = resolve(import.meta.dirname, '../..');
    const result = validateContent({ contentDir: resolve(root, 'content'), root });
    assert.deepEqual(
      result.problems.filter((p) => p.level === 'error'),
      [],
    );
    assert.deepEqual(result.problems, [], 'and without warnings');
    const counts = new Map<string, number>();
    for (const entry of result.entries) counts.set(entry.collection, (counts.get(entry.collection) ?? 0) + 1);
    assert.ok((counts.get('postmortems') ?? 0) >= 8);
    assert.ok((counts.get('slos') ?? 0) >= 5);
  });
});

describe('every problem of an entry in one run', () => {
  test('an unknown field, a wrong reference and an offset-less datetime in one file are three problems', () => {
    const yaml = postmortemYaml({
      services: 'services:\n  - checkout-apii',
      timeline: [
        'timeline:',
        '  started: 2026-11-01T10:00:00Z',
        '  detected: 2026-11-01T10:05:00',
        '  mitigated: 2026-11-01T10:30:00Z',
        '  resolved: 2026-11-01T11:00:00Z',
      ].join('\n'),
      rootCause: 'rootCause: the pool was too small',
    });
    const { problems, text } = postmortemProblems(yaml);
    assert.deepEqual(
      problems.map((problem) => [problem.field, problem.line, problem.rule]),
      [
        ['services[0]', lineContaining(text, '- checkout-apii'), 'reference'],
        ['timeline.detected', lineContaining(text, 'detected:'), 'schema'],
        ['rootCause', lineContaining(text, 'rootCause:'), 'schema'],
      ].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
    assert.match(problems.find((problem) => problem.rule === 'reference')!.message, /Did you mean "checkout-api"\?/);
  });

  test('an invalid entry is reported once, not again by the entries that name it', () => {
    const slo = mdx('title: Broken\nservice: checkout-api\nsli:\n  kind: availability\n  description: d\nobjective: 140\nwindow: 30d');
    const impact = 'impact:\n  summary: Errors.\n  slos:\n    - slo: broken-slo';
    const files: Record<string, string> = { 'slos/broken-slo.mdx': slo };
    for (const id of ['a', 'b', 'c']) files[`postmortems/${id}.mdx`] = mdx(postmortemYaml({ impact }));
    const result = contentFolder(files).validate();
    assert.deepEqual(
      result.problems.filter((problem) => problem.level === 'error').map((problem) => [problem.file, problem.field]),
      [['content/slos/broken-slo.mdx', 'objective']],
    );
  });
});

describe('YAML errors point at the line that opened the construct', () => {
  test('an unclosed flow list and an unclosed quote', () => {
    const list = mdx(postmortemYaml({ tags: 'tags: [a, b' }));
    const listProblems = problemsOf(contentFolder({ 'postmortems/x.mdx': list }).validate(), { rule: 'yaml-syntax' });
    assert.ok(listProblems.length >= 1);
    assert.ok(
      listProblems.every((problem) => problem.line === lineContaining(list, 'tags: [a, b')),
      JSON.stringify(listProblems),
    );
    const quoted = mdx(postmortemYaml({ services: 'services: [checkout-api,\n  payments\n  , "x]' }));
    const quoteProblems = problemsOf(contentFolder({ 'postmortems/x.mdx': quoted }).validate(), { rule: 'yaml-syntax' });
    assert.equal(quoteProblems.find((problem) => problem.message.includes('quote'))?.line, lineContaining(quoted, ', "x]'));
  });
});
