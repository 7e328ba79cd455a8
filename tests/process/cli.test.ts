/**
 * End to end: `scripts/check.ts` and `scripts/new.ts` run as processes on temporary content
 * folders (ALMANAC_CONTENT_DIR), without a terminal.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { contentFolder, lineContaining, mdx, postmortemYaml } from '../unit/support/content.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const AS_OF = '2026-11-28T12:00:00Z';

function run(script: 'check' | 'new', args: string[], contentDir: string, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    ALMANAC_CONTENT_DIR: contentDir,
    ALMANAC_NOW: AS_OF,
    NO_COLOR: '1',
    ...extraEnv,
  };
  delete env.FORCE_COLOR;
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', `${script}.ts`), ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run check (scripts/check.ts)', () => {
  test('flags reach the content check through npm: npm run check -- --format github|json', () => {
    const bad = mdx(postmortemYaml({ services: 'services:\n  - chekout-api' }));
    const folder = contentFolder({ 'postmortems/bad.mdx': bad });
    const npm = (format: string) =>
      spawnSync('npm', ['run', '--silent', 'check', '--', '--format', format], {
        cwd: ROOT,
        env: { ...process.env, ALMANAC_CONTENT_DIR: folder.contentDir, ALMANAC_NOW: AS_OF, NO_COLOR: '1' },
        encoding: 'utf8',
      });
    const github = npm('github');
    assert.equal(github.status, 1, github.stderr);
    assert.match(github.stdout, /^::error file=.*postmortems\/bad\.mdx,line=\d+,title=services\[0\] \(reference\)::/m);
    const json = npm('json');
    assert.equal(json.status, 1, json.stderr);
    assert.equal(JSON.parse(json.stdout).problems[0].rule, 'reference');
  });

  test('--format github: one annotation per problem with file and line, exit 1 on errors', () => {
    const impact = 'impact:\n  summary: Errors.\n  slos:\n    - slo: checkout-availability\n      minutes: 20';
    const bad = mdx(postmortemYaml({ services: 'services:\n  - chekout-api', impact }), 'It was human error.');
    const folder = contentFolder({ 'postmortems/bad.mdx': bad, 'teams/Bad.yaml': 'name: x\n' });
    const { status, stdout } = run('check', ['--format', 'github'], folder.contentDir);
    assert.equal(status, 1);
    const file = relative(ROOT, join(folder.contentDir, 'postmortems/bad.mdx')).split('\\').join('/');
    const lines = stdout.trimEnd().split('\n');
    const annotations = lines.filter((line) => line.startsWith('::'));
    // Reference, id, blameless, budgetNeedsP0, and factorBudgetShare (the incident's "change" factor spent 46% of the budget in Q4 2026).
    assert.equal(annotations.length, 5);
    assert.ok(
      annotations.some(
        (line) => line.startsWith(`::warning file=${file},`) && line.includes('title=actionItems (policy.factorBudgetShare)::'),
      ),
    );
    const reference = annotations.find((line) => line.includes('(reference)'))!;
    assert.equal(
      reference,
      `::error file=${file},line=${lineContaining(bad, '- chekout-api')},title=services[0] (reference)::services[0]: "chekout-api" is not an entry of services; use the id of a file in services/. Did you mean "checkout-api"?`,
    );
    const blame = annotations.find((line) => line.includes('(blameless)'))!;
    assert.ok(blame.startsWith(`::warning file=${file},line=${lineContaining(bad, 'human error')},col=`), blame);
    const budget = annotations.find((line) => line.includes('(policy.budgetNeedsP0)'))!;
    assert.ok(
      budget.startsWith(
        `::warning file=${file},line=${lineContaining(bad, '- slo: checkout-availability')},title=impact.slos[0] (policy.budgetNeedsP0)::`,
      ),
      budget,
    );
    assert.ok(budget.includes('46.296296%25 of its error budget'), 'the message is escaped');
    assert.ok(annotations.some((line) => line.startsWith('::error ') && line.includes('Bad.yaml') && line.includes('title=id::')));
    assert.equal(lines.at(-1), 'Almanac check: 2 errors, 3 warnings');
  });

  test('warnings alone exit 0; --format json; the human format groups by file without colour', () => {
    const folder = contentFolder({ 'postmortems/warn.mdx': mdx(postmortemYaml(), 'Somebody should have noticed.') });
    const json = run('check', ['--format=json'], folder.contentDir);
    assert.equal(json.status, 0);
    const report = JSON.parse(json.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.warningCount, 1);
    assert.equal(report.problems[0].rule, 'blameless');
    assert.equal(report.problems[0].field, 'body');

    const human = run('check', [], folder.contentDir);
    assert.equal(human.status, 0);
    assert.equal(human.stdout.includes('\u001b['), false);
    assert.match(human.stdout, /postmortems\/warn\.mdx\n {2}\d+:\d+ +warning +body: "should have" judges a decision with hindsight/);
    assert.match(human.stdout, /⚠ 0 errors, 1 warning in 1 file/);
  });

  test('a clean folder exits 0; a bad --format or ALMANAC_NOW exits 2', () => {
    const folder = contentFolder({});
    const clean = run('check', [], folder.contentDir);
    assert.equal(clean.status, 0);
    assert.match(clean.stdout, /✔ No problems in \d+ files checked\./);
    assert.equal(run('check', ['--format', 'xml'], folder.contentDir).status, 2);
    const badNow = run('check', [], folder.contentDir, { ALMANAC_NOW: '2026-11-28T12:00' });
    assert.equal(badNow.status, 2);
    assert.match(badNow.stderr, /ALMANAC_NOW: "2026-11-28T12:00" has no UTC offset/);
  });

  test('policies use ALMANAC_NOW', () => {
    const page = mdx('title: Old page\ndescription: d\nowner: platform\nlastReviewed: 2026-01-01');
    const folder = contentFolder({ 'handbook/old.mdx': page });
    const late = JSON.parse(run('check', ['--format', 'json'], folder.contentDir).stdout);
    assert.deepEqual(
      late.problems.map((p: { rule: string }) => p.rule),
      ['policy.staleHandbook'],
    );
    const early = JSON.parse(run('check', ['--format', 'json'], folder.contentDir, { ALMANAC_NOW: '2026-03-01T00:00:00Z' }).stdout);
    assert.deepEqual(early.problems, []);
  });
});

describe('npm run new (scripts/new.ts)', () => {
  test('flags without a terminal: writes a draft postmortem that passes the check', () => {
    const folder = contentFolder({});
    const created = run(
      'new',
      [
        'postmortem',
        'Payments declined during the spring sale',
        '--service',
        'payments,checkout-api',
        '--severity',
        'SEV2',
        '--author',
        'Ada Lovelace',
      ],
      folder.contentDir,
    );
    assert.equal(created.status, 0, created.stderr);
    const path = join(folder.contentDir, 'postmortems', 'payments-declined-during-the-spring-sale.mdx');
    assert.ok(existsSync(path));
    assert.match(created.stdout, /Created .*payments-declined-during-the-spring-sale\.mdx \(status: draft\)/);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^status: draft$/m);
    assert.match(text, /^ {2}started: 2026-11-28T12:00:00Z$/m, 'today comes from ALMANAC_NOW');
    const check = run('check', ['--format', 'json'], folder.contentDir);
    assert.equal(check.status, 0, check.stdout);
    assert.deepEqual(JSON.parse(check.stdout).problems, []);
  });

  test('every type scaffolds into the folder and the folder still passes', () => {
    const folder = contentFolder({});
    const commands = [
      ['slo', 'Payments availability', '--service', 'payments', '--kind', 'availability'],
      ['release', 'Payments 2.0.0', '--service', 'payments'],
      ['prd', 'Saved cards', '--owner', 'checkout', '--author', 'Grace Hopper'],
      ['handbook', 'Escalation paths', '--owner', 'platform'],
    ];
    for (const args of commands) {
      const result = run('new', args, folder.contentDir);
      assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    const check = run('check', ['--format', 'json'], folder.contentDir);
    assert.deepEqual(JSON.parse(check.stdout).problems, []);
  });

  test('missing required choices without a terminal: an error naming each flag and its valid values', () => {
    const folder = contentFolder({});
    const result = run('new', ['postmortem', 'Checkout outage', '--author', 'Ada'], folder.contentDir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /missing --service \(affected service\(s\)\): one or more of checkout-api, payments/);
    assert.match(result.stderr, /missing --severity \(severity\): one of SEV1, SEV2, SEV3, SEV4/);
    assert.equal(existsSync(join(folder.contentDir, 'postmortems', 'checkout-outage.mdx')), false);
  });

  test('an invalid choice is refused with a suggestion', () => {
    const folder = contentFolder({});
    const result = run('new', ['handbook', 'Escalation', '--owner', 'platfrom'], folder.contentDir);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /--owner "platfrom" is not valid; use one of: checkout, platform\. Did you mean "platform"\?/);
  });

  test('never overwrites an existing entry (any extension with the same id)', () => {
    const existing = mdx('title: Escalation\ndescription: d\nowner: platform\nlastReviewed: 2026-11-01');
    const folder = contentFolder({ 'handbook/escalation.md': existing });
    const result = run('new', ['handbook', 'Escalation', '--owner', 'platform'], folder.contentDir);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /handbook\/escalation\.md already exists; choose another title or pass --id <new-id>/);
    assert.equal(readFileSync(join(folder.contentDir, 'handbook', 'escalation.md'), 'utf8'), existing);
    assert.equal(existsSync(join(folder.contentDir, 'handbook', 'escalation.mdx')), false);
    const renamed = run('new', ['handbook', 'Escalation', '--owner', 'platform', '--id', 'escalation-v2'], folder.contentDir);
    assert.equal(renamed.status, 0, renamed.stderr);
    assert.ok(existsSync(join(folder.contentDir, 'handbook', 'escalation-v2.mdx')));
  });

  test('usage errors', () => {
    const folder = contentFolder({});
    assert.match(
      run('new', ['incident', 'X'], folder.contentDir).stderr,
      /"incident" is not a type; use one of postmortem, slo, release, prd, handbook/,
    );
    assert.match(run('new', ['postmortem'], folder.contentDir).stderr, /give the postmortem's title in quotes/);
    assert.match(
      run('new', ['handbook', 'X', '--owner', 'platform', '--colour', 'red'], folder.contentDir).stderr,
      /handbook does not take --colour/,
    );
  });
});
