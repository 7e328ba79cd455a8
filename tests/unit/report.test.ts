/** Output formats of `npm run check`: human, GitHub annotations (with escaping) and JSON. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Problem } from '../../src/core/problems.ts';
import {
  countProblems,
  escapeData,
  escapeProperty,
  formatGithub,
  formatHuman,
  formatJson,
  formatReport,
  githubAnnotation,
  shouldColor,
} from '../../src/validation/report.ts';

const error: Problem = {
  level: 'error',
  file: 'content/postmortems/a.mdx',
  field: 'actionItems[2].owner',
  line: 41,
  rule: 'reference',
  message: '"chekout" is not an entry of teams; use the id of a file in teams/. Did you mean "checkout"?',
};
const warning: Problem = {
  level: 'warning',
  file: 'content/postmortems/a.mdx',
  field: 'body',
  line: 60,
  column: 12,
  rule: 'blameless',
  message: '"human error" names a person',
};
const other: Problem = { level: 'error', file: 'content/teams/x.yaml', field: '', rule: 'duplicate-id', message: 'has the same id' };

describe('GitHub annotations', () => {
  test('escapes % CR LF in the message and also : , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
    assert.equal(escapeData('a:b,c'), 'a:b,c', 'the message keeps : and ,');
  });

  test('an error names file, line and a title, with the field in the message', () => {
    assert.equal(
      githubAnnotation(error),
      '::error file=content/postmortems/a.mdx,line=41,title=actionItems[2].owner (reference)::actionItems[2].owner: "chekout" is not an entry of teams; use the id of a file in teams/. Did you mean "checkout"?',
    );
  });

  test('a warning with a column; a problem without line or field', () => {
    assert.equal(
      githubAnnotation(warning),
      '::warning file=content/postmortems/a.mdx,line=60,col=12,title=body (blameless)::body: "human error" names a person',
    );
    assert.equal(githubAnnotation(other), '::error file=content/teams/x.yaml,title=duplicate-id::has the same id');
  });

  test('properties with commas, colons and newlines cannot break the command', () => {
    const nasty: Problem = {
      level: 'error',
      file: 'content/a,b:c.mdx',
      field: 'x',
      line: 1,
      rule: 'r',
      message: 'line one\nline two: 50%',
    };
    const annotation = githubAnnotation(nasty);
    assert.equal(annotation, '::error file=content/a%2Cb%3Ac.mdx,line=1,title=x (r)::x: line one%0Aline two: 50%25');
    assert.equal(annotation.split('\n').length, 1);
  });

  test('formatGithub: one line per problem and a summary', () => {
    const lines = formatGithub([error, warning]).trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.ok(lines[0].startsWith('::error '));
    assert.ok(lines[1].startsWith('::warning '));
    assert.equal(lines[2], 'Almanac check: 1 error, 1 warning');
  });
});

describe('JSON report', () => {
  test('lists every problem with counts and ok', () => {
    const report = JSON.parse(formatJson([error, warning]));
    assert.equal(report.ok, false);
    assert.equal(report.errorCount, 1);
    assert.equal(report.warningCount, 1);
    assert.deepEqual(report.problems[0], {
      level: 'error',
      file: error.file,
      line: 41,
      column: null,
      field: error.field,
      rule: 'reference',
      message: error.message,
    });
    assert.equal(JSON.parse(formatJson([warning])).ok, true, 'warnings alone are ok');
  });
});

describe('human report', () => {
  test('groups by file, shows line:column, level, field, message and rule; no colour by default', () => {
    const text = formatHuman([error, warning, other], { checkedFiles: 12 });
    assert.equal(text.includes('\u001b['), false);
    const lines = text.split('\n');
    assert.equal(lines[0], 'content/postmortems/a.mdx');
    assert.match(lines[1], /^ {2}41 +error +actionItems\[2\]\.owner: "chekout" is not an entry of teams.* {2}\[reference\]$/);
    assert.match(lines[2], /^ {2}60:12 +warning {2}body: "human error" names a person {2}\[blameless\]$/);
    assert.equal(lines[4], 'content/teams/x.yaml');
    assert.match(lines[5], /^ {2}- +error +has the same id {2}\[duplicate-id\]$/);
    assert.match(text, /✖ 2 errors, 1 warning in 2 files \(12 checked\)/);
  });

  test('colours when asked', () => {
    const text = formatHuman([error], { color: true });
    assert.ok(text.includes('\u001b[31merror'));
  });

  test('no problems', () => {
    assert.equal(formatHuman([], { checkedFiles: 3 }), '✔ No problems in 3 files checked.\n');
  });

  test('colour only on a terminal, never with NO_COLOR', () => {
    assert.equal(shouldColor({ isTTY: true }, {}), true);
    assert.equal(shouldColor({ isTTY: false }, {}), false);
    assert.equal(shouldColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(shouldColor({ isTTY: true }, { TERM: 'dumb' }), false);
    assert.equal(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
  });

  test('formatReport dispatches and countProblems counts', () => {
    assert.ok(formatReport('github', [error]).startsWith('::error'));
    assert.ok(formatReport('json', [error]).startsWith('{'));
    assert.ok(formatReport('human', [error]).startsWith('content/'));
    assert.deepEqual(countProblems([error, warning, other]), { errors: 2, warnings: 1, files: 2 });
  });
});
