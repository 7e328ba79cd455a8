/**
 * Hostile and careless input: each folder of tests/fixtures/hostile/ is a small content folder
 * validated as `npm run check` does (`validateContent` with the authoring rules). Each case
 * either passes or reports exactly the problems listed (file, line, field, rule, message), and
 * none throws: a raw stack trace, or a problem without the file, is a failure here.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { defaultRules } from '../../src/validation/rules.ts';
import { validateContent } from '../../src/validation/validate.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'hostile');
const AS_OF = Date.parse('2026-11-28T12:00:00Z');

/** One expected problem; `file` is relative to the case folder, `message` a fragment of it. */
interface Expected {
  level?: 'error' | 'warning';
  file: string;
  line: number | undefined;
  field: string;
  rule: string;
  message: string;
}

const OFFSET_RULE = 'an offset is Z or ±hh:mm with hours 00–23 and minutes 00–59 (real time zones run from -12:00 to +14:00)';

const CASES: Record<string, { entries: number; problems: Expected[] }> = {
  'offset-out-of-range': {
    entries: 2,
    problems: [
      {
        file: 'postmortems/late-offset.mdx',
        line: 11,
        field: 'timeline.started',
        rule: 'schema',
        message: `"2026-11-01T10:00:00+25:00" has the UTC offset +25:00, which no clock uses; ${OFFSET_RULE}`,
      },
      {
        file: 'postmortems/late-offset.mdx',
        line: 12,
        field: 'timeline.detected',
        rule: 'schema',
        message: `"2026-11-01T10:05:00+05:60" has the UTC offset +05:60, which no clock uses; ${OFFSET_RULE}`,
      },
    ],
  },
  'alias-bomb': {
    // Line 4 holds the first alias of an alias (`*b`), where the expansion multiplies.
    entries: 2,
    problems: [
      {
        file: 'teams/bomb.yaml',
        line: 4,
        field: '',
        rule: 'yaml-syntax',
        message: 'YAML aliases expand to too many values (more than 100 alias uses, as in an "alias bomb")',
      },
    ],
  },
  'unresolved-alias': {
    entries: 2,
    problems: [
      {
        file: 'teams/dangling.yaml',
        line: 2,
        field: '',
        rule: 'yaml-syntax',
        message: 'YAML alias *nowhere has no anchor &nowhere before it',
      },
    ],
  },
  // A byte order mark before the frontmatter (MDX) and before the fields (YAML) is not content.
  bom: { entries: 4, problems: [] },
  'year-0001': {
    entries: 4,
    problems: [
      {
        level: 'warning',
        file: 'handbook/ancient.mdx',
        line: 5,
        field: 'lastReviewed',
        rule: 'policy.staleHandbook',
        message: '0001-01-01 + reviewEvery 180d = 0001-06-30, before the as-of date 2026-11-28',
      },
    ],
  },
  'year-0000': {
    entries: 2,
    problems: [
      {
        file: 'handbook/year-zero.mdx',
        line: 5,
        field: 'lastReviewed',
        rule: 'schema',
        message: '"0000-12-31" has the year 0000; years run from 0001 to 9999',
      },
    ],
  },
  'year-10000-in-utc': {
    entries: 2,
    problems: [
      {
        file: 'postmortems/last-day.mdx',
        line: 12,
        field: 'timeline.detected',
        rule: 'schema',
        message:
          '"9999-12-31T23:00:00-12:00" is +010000-01-01T11:00:00.000Z in UTC, after 9999-12-31T23:59:59Z, the last instant the site can show',
      },
    ],
  },
  // handbook/on-call.mdx links to _library/on-call.mdx, a regular file inside the content folder.
  'symlink-inside': { entries: 3, problems: [] },
  'symlink-outside': {
    entries: 0,
    problems: [
      {
        file: 'handbook/secret.mdx',
        line: undefined,
        field: '',
        rule: 'file-layout',
        message:
          'is a symlink to "../../_outside/secret.mdx" (tests/fixtures/hostile/_outside/secret.mdx), outside the content folder tests/fixtures/hostile/symlink-outside/; only links to files inside the content folder are followed',
      },
    ],
  },
  'symlink-dangling': {
    entries: 0,
    problems: [
      {
        file: 'handbook/gone.mdx',
        line: undefined,
        field: '',
        rule: 'file-layout',
        message: 'is a symlink to "../_library/gone.mdx", which does not exist',
      },
    ],
  },
  'symlink-folder': {
    entries: 2,
    problems: [
      {
        file: 'handbook/pages.mdx',
        line: undefined,
        field: '',
        rule: 'file-layout',
        message: 'is a symlink to "../_library/pages", which is a folder, not a file',
      },
    ],
  },
  'invalid-utf8': {
    // "The caf\xE9 rota." on line 8: 91 bytes of frontmatter and blank line, then 8 bytes in.
    entries: 2,
    problems: [
      {
        file: 'handbook/latin1.mdx',
        line: 8,
        field: '',
        rule: 'encoding',
        message: 'is not valid UTF-8: byte 0xE9 at byte offset 99 (line 8, byte 8 of the line)',
      },
    ],
  },
  'zero-window': {
    entries: 2,
    problems: [
      {
        file: 'handbook/never-stale.mdx',
        line: 6,
        field: 'reviewEvery',
        rule: 'schema',
        message: '"0m" is 0 minutes long; a window or period must be longer than 0',
      },
      {
        file: 'slos/web-availability.mdx',
        line: 8,
        field: 'window',
        rule: 'schema',
        message: '"0d" is 0 minutes long; a window or period must be longer than 0',
      },
    ],
  },
  'invalid-slo-referrers': {
    // Six postmortems charge the invalid SLO: the SLO's own problem is the only one.
    entries: 8,
    problems: [{ file: 'slos/web-availability.mdx', line: 7, field: 'objective', rule: 'schema', message: 'must be below 100' }],
  },
  'invalid-service-referrers': {
    // The SLO and the postmortem name the invalid service "web": no error for them; "webb" has no file.
    entries: 3,
    problems: [
      {
        file: 'postmortems/incident.mdx',
        line: 8,
        field: 'services[1]',
        rule: 'reference',
        message: '"webb" is not an entry of services; use the id of a file in services/. Did you mean "web"?',
      },
      { file: 'services/web.yaml', line: 3, field: 'tier', rule: 'schema', message: 'is number 7; it must be the number 1, 2 or 3' },
    ],
  },
  crlf: { entries: 4, problems: [] },
  'crlf-error': {
    entries: 2,
    problems: [
      {
        file: 'handbook/bad-date.mdx',
        line: 5,
        field: 'lastReviewed',
        rule: 'schema',
        message: '"2026-02-30" is not a real calendar date',
      },
    ],
  },
  'tabs-in-yaml': {
    entries: 2,
    problems: [
      {
        file: 'services/tabbed.yaml',
        line: 5,
        field: '',
        rule: 'yaml-syntax',
        message: 'YAML syntax error: Tabs are not allowed as indentation',
      },
    ],
  },
  'only-dashes': {
    // Only the missing closing line: no "title is required" and the like on top of it.
    entries: 2,
    problems: [
      { file: 'handbook/dashes.mdx', line: 1, field: '', rule: 'frontmatter', message: 'has no closing "---" line after its frontmatter' },
    ],
  },
  'empty-file': {
    entries: 2,
    problems: [
      {
        file: 'handbook/empty.mdx',
        line: 1,
        field: '',
        rule: 'frontmatter',
        message: 'has no frontmatter; start the file with a line "---"',
      },
      { file: 'teams/empty.yaml', line: 1, field: 'name', rule: 'schema', message: 'is required: must be the team name' },
    ],
  },
  // A 0-byte almanac.yaml means every default.
  'empty-almanac-yaml': { entries: 3, problems: [] },
  'huge-number': {
    // order 99999999999999999999999 is a plain (large) number and valid.
    entries: 2,
    problems: [
      {
        file: 'handbook/far-order.mdx',
        line: 7,
        field: 'reviewEvery',
        rule: 'schema',
        message: '"99999999999999d" is longer than 100 years; write at most "36500d"',
      },
      {
        file: 'postmortems/huge.mdx',
        line: 15,
        field: 'impact.usersAffected',
        rule: 'schema',
        message: 'is Infinity, not a finite number',
      },
    ],
  },
  'duplicate-key': {
    entries: 2,
    problems: [
      { file: 'handbook/twice.mdx', line: 6, field: '', rule: 'yaml-syntax', message: 'YAML syntax error: Map keys must be unique' },
    ],
  },
  'bad-file-names': {
    entries: 2,
    problems: [
      {
        file: 'handbook/On Call.mdx',
        line: undefined,
        field: '',
        rule: 'id',
        message: 'file name "On Call" is not a valid id; ids are lowercase letters',
      },
      { file: 'teams/Ops.yaml', line: undefined, field: '', rule: 'id', message: 'file name "Ops" is not a valid id' },
    ],
  },
  'cadence-not-days': {
    entries: 2,
    problems: [
      {
        file: 'almanac.yaml',
        line: 2,
        field: 'releaseTrains.every',
        rule: 'config',
        message: '"36h" is not whole days or weeks; a cadence falls on dates',
      },
      {
        file: 'almanac.yaml',
        line: 4,
        field: 'prdReviews.every',
        rule: 'config',
        message: '"0d" is 0 minutes long; a window or period must be longer than 0',
      },
    ],
  },
};

describe('hostile input (tests/fixtures/hostile)', () => {
  test('every fixture folder has a case here, and every case a folder', () => {
    const folders = readdirSync(FIXTURES)
      .filter((name) => !name.startsWith('_'))
      .sort();
    assert.deepEqual(folders, Object.keys(CASES).sort());
  });

  for (const [name, expected] of Object.entries(CASES)) {
    test(`${name}: ${expected.problems.length ? expected.problems.map((p) => `${p.file} ${p.field || p.rule}`).join(', ') : 'valid'}`, () => {
      const contentDir = join(FIXTURES, name);
      const result = validateContent({ contentDir, root: ROOT, entryRules: defaultRules({ now: AS_OF }) });
      const prefix = `tests/fixtures/hostile/${name}/`;
      const actual = result.problems.map((problem) => ({
        level: problem.level,
        file: problem.file.startsWith(prefix) ? problem.file.slice(prefix.length) : problem.file,
        line: problem.line,
        field: problem.field,
        rule: problem.rule,
        message: problem.message,
      }));
      assert.equal(actual.length, expected.problems.length, `problems of ${name}:\n${actual.map((p) => JSON.stringify(p)).join('\n')}`);
      expected.problems.forEach((want, index) => {
        const got = actual[index];
        assert.deepEqual(
          { level: got.level, file: got.file, line: got.line, field: got.field, rule: got.rule },
          { level: want.level ?? 'error', file: want.file, line: want.line, field: want.field, rule: want.rule },
        );
        assert.ok(got.message.includes(want.message), `message of ${want.file}:\n  got:  ${got.message}\n  want: …${want.message}…`);
      });
      assert.equal(result.entries.length, expected.entries);
    });
  }
});
