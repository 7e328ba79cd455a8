/**
 * The fields behind the DORA keys and near misses, as authors write them: postmortem `kind`,
 * release `hotfix`, `fixes` and `changes[].mergedAt`. Each rule's bad input, with file, field
 * path, line and message; and what the model and the JSON make of the good input.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { postmortemJson, releaseJson } from '../../src/outputs/api.ts';
import { buildModel } from '../../src/core/model.ts';
import { contentFolder, AS_OF, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';

const PM = 'content/postmortems/incident.mdx';
const RELEASE = 'content/releases/r.mdx';

function releaseYaml(extra: string): string {
  return `version: "1.0.0"\ntrain: 2026-11-a\ndate: 2026-11-10\nstatus: planned\nservices:\n  - checkout-api\n${extra}`;
}

describe('postmortem kind', () => {
  test('defaults to incident; a near-miss without impact is valid', () => {
    const result = contentFolder({
      'postmortems/incident.mdx': mdx(postmortemYaml()),
      'postmortems/near.mdx': mdx(postmortemYaml({ severity: 'severity: SEV4\nkind: near-miss' })),
    }).validate();
    assert.deepEqual(result.problems, []);
    const kinds = Object.fromEntries(result.entries.filter((e) => e.collection === 'postmortems').map((e) => [e.id, e.data.kind]));
    assert.deepEqual(kinds, { incident: 'incident', near: 'near-miss' });
  });

  test('a near-miss must not charge an SLO: impact.slos is an error naming the field', () => {
    const text = mdx(
      postmortemYaml({
        severity: 'severity: SEV4\nkind: near-miss',
        impact: 'impact:\n  summary: None for customers.\n  slos:\n    - slo: checkout-availability',
      }),
    );
    const problems = problemsOf(contentFolder({ 'postmortems/incident.mdx': text }).validate(), { file: PM });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].field, 'impact.slos');
    assert.equal(problems[0].line, lineContaining(text, 'slos:'));
    assert.equal(
      problems[0].message,
      'must not be set on a near-miss: a near-miss had no customer impact, so it charges no error budget; remove impact.slos, or set kind: incident if users were affected',
    );
  });

  test('an unknown kind lists the valid ones and suggests the closest', () => {
    const text = mdx(postmortemYaml({ severity: 'severity: SEV4\nkind: nearmiss' }));
    const [problem] = problemsOf(contentFolder({ 'postmortems/incident.mdx': text }).validate(), { file: PM });
    assert.equal(problem.field, 'kind');
    assert.equal(problem.message, '"nearmiss" is not a valid postmortem kind; use one of incident, near-miss. Did you mean "near-miss"?');
  });
});

describe('release hotfix, fixes and changes[].mergedAt', () => {
  test('a change merged after the end of the release date (UTC) is an error, saying why and what is valid', () => {
    const text = mdx(
      releaseYaml(
        [
          'changes:',
          '  - type: fixed',
          '    summary: Merged on the day, fine.',
          '    mergedAt: 2026-11-10T23:59:00Z',
          '  - type: fixed',
          '    summary: Merged the evening before in UTC-1, which is already the next day in UTC.',
          '    mergedAt: 2026-11-10T23:30:00-01:00',
          '  - type: fixed',
          '    summary: No offset.',
          '    mergedAt: 2026-11-09T10:00:00',
        ].join('\n'),
      ),
    );
    const problems = problemsOf(contentFolder({ 'releases/r.mdx': text }).validate(), { file: RELEASE });
    assert.deepEqual(
      problems.map((p) => p.field),
      ['changes[1].mergedAt', 'changes[2].mergedAt'],
    );
    assert.equal(problems[0].line, lineContaining(text, '2026-11-10T23:30:00-01:00'));
    assert.equal(
      problems[0].message,
      '2026-11-10T23:30:00-01:00 is after the end of the release date 2026-11-10 (UTC), so the change cannot have shipped in this release; write when it was merged (at the latest 2026-11-10T23:59:59Z) or list the change in a later release',
    );
    assert.match(problems[1].message, /has no UTC offset/);
  });

  test('fixes must name postmortems, with a "did you mean"', () => {
    const text = mdx(releaseYaml('hotfix: true\nfixes:\n  - incidnt'));
    const result = contentFolder({ 'releases/r.mdx': text, 'postmortems/incident.mdx': mdx(postmortemYaml()) }).validate();
    const [problem] = problemsOf(result, { file: RELEASE });
    assert.equal(problem.field, 'fixes[0]');
    assert.equal(problem.rule, 'reference');
    assert.equal(problem.line, lineContaining(text, '- incidnt'));
    assert.equal(
      problem.message,
      '"incidnt" is not an entry of postmortems; use the id of a file in postmortems/. Did you mean "incident"?',
    );
  });

  test('hotfix must be a boolean', () => {
    const [problem] = problemsOf(contentFolder({ 'releases/r.mdx': mdx(releaseYaml('hotfix: sometimes')) }).validate(), { file: RELEASE });
    assert.equal(problem.field, 'hotfix');
    assert.match(problem.message, /must be true or false/);
  });

  test('the model links the fixed incidents and the JSON carries kind, hotfix and fixes', () => {
    const result = contentFolder({
      'releases/r.mdx': mdx(
        releaseYaml(
          'hotfix: true\nfixes:\n  - incident\nchanges:\n  - type: fixed\n    summary: The fix.\n    mergedAt: 2026-11-09T18:00:00Z',
        ),
      ),
      'postmortems/incident.mdx': mdx(postmortemYaml()),
    }).validate();
    assert.deepEqual(result.problems, []);
    const model = buildModel(result.entries, { config: result.config, now: AS_OF, audience: 'internal', includeDrafts: false });
    const release = model.get('releases', 'r')!;
    assert.deepEqual(
      release.fixes.map((ref) => ref.visible && ref.id),
      ['incident'],
    );
    const json = releaseJson(release);
    assert.equal(json.hotfix, true);
    assert.deepEqual(json.fixes, ['incident']);
    assert.deepEqual(json.changes, [{ type: 'fixed', summary: 'The fix.', breaking: false, mergedAt: '2026-11-09T18:00:00Z' }]);
    assert.equal(postmortemJson(model.get('postmortems', 'incident')!).kind, 'incident');
  });
});
