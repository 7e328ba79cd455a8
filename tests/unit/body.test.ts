/**
 * Bodies are content, not programs: code in an MDX body is a validation error naming the line and
 * what to write instead, it is blanked out before any module is compiled, and body links are
 * checked like frontmatter URLs and resolved like references.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inspectMdx, rewriteBody } from '../../src/validation/mdx.ts';
import { explainLinkTarget, linkedEntry } from '../../src/core/routes.ts';
import { contentFolder, lineContaining, mdx, postmortemYaml, problemsOf } from './support/content.ts';

const PM = 'content/postmortems/incident.mdx';
const PUBLIC = { audience: 'public' as const, includeDrafts: false };

function bodyProblems(body: string, files: Record<string, string> = {}, extra = '') {
  const text = mdx(postmortemYaml() + extra, body);
  const result = contentFolder({ 'postmortems/incident.mdx': text, ...files }).validate();
  return { problems: problemsOf(result, { file: PM }), text };
}

describe('code in a body', () => {
  const body = [
    "import fs from 'node:fs'",
    'export const secret = process.env.CI_TOKEN',
    '',
    'The token is {process.env.CI_TOKEN} and the file {fs.readFileSync("/etc/passwd", "utf8")}.',
    '',
    '<Callout type="note" title={secret}>Spread: <Callout {...props}>x</Callout></Callout>',
    '',
    '{/* almanac-disable-line secrets */}',
  ].join('\n');

  test('import, export, expressions and expression props are errors at their lines; a comment is not', () => {
    const { problems, text } = bodyProblems(body);
    const code = problems.filter((problem) => problem.rule === 'mdx-code');
    assert.deepEqual(
      code.map((problem) => problem.line),
      [
        lineContaining(text, 'import fs'),
        lineContaining(text, 'The token is'),
        lineContaining(text, 'The token is'),
        lineContaining(text, '<Callout type="note"'),
        lineContaining(text, '<Callout type="note"'),
      ],
    );
    assert.match(code[0].message, /^"import" is code run at build time \(bodies are content, not programs\); remove it/);
    assert.match(code[1].message, /^\{process\.env\.CI_TOKEN\} is an expression run at build time .* escape the brace as \\\{/);
    assert.match(code[3].message, /^<Callout title=\{…\}> is an expression prop .* write a literal value: title="…"/);
    assert.match(code[4].message, /^<Callout \{\.\.\.props\}> spreads an expression/);
    assert.ok(code.every((problem) => problem.level === 'error' && problem.field === 'body' && problem.file === PM));
    assert.ok(
      code.every((problem) => problem.message.includes('mdx.allowCode')),
      'each message names the opt-in',
    );
  });

  test('mdx.allowCode lets the internal build use code, never the public one', () => {
    const allow = { 'almanac.yaml': 'mdx:\n  allowCode: true\n' };
    assert.deepEqual(
      bodyProblems(body, allow).problems.filter((p) => p.rule === 'mdx-code'),
      [],
    );
    const text = mdx(postmortemYaml() + '\nvisibility: public', 'Value: {1 + 1}');
    const folder = contentFolder({ 'postmortems/incident.mdx': text, ...allow });
    const publicProblems = problemsOf(folder.validate([], { audience: PUBLIC }), { rule: 'mdx-code' });
    assert.equal(publicProblems.length, 1);
    assert.equal(publicProblems[0].line, lineContaining(text, 'Value:'));
    assert.match(publicProblems[0].message, /The public build never runs body code/);
    assert.deepEqual(
      problemsOf(folder.validate([], { audience: { audience: 'internal', includeDrafts: false } }), { rule: 'mdx-code' }),
      [],
    );
  });

  test('rewriteBody blanks every piece of code and keeps lines, text and literal components', () => {
    const frontmatter = '---\ntitle: x\n---\n';
    const source = frontmatter + body;
    const stripped = rewriteBody(source, frontmatter.length, { stripCode: true });
    assert.equal(stripped.split('\n').length, source.split('\n').length, 'line count kept');
    assert.equal(stripped.length, source.length, 'offsets kept');
    for (const gone of ['import', 'process.env', 'readFileSync', '{secret}', '...props'])
      assert.ok(!stripped.includes(gone), `${gone} removed`);
    assert.ok(stripped.startsWith(frontmatter), 'frontmatter untouched');
    assert.match(stripped, /The token is {2,}and the file/);
    assert.ok(stripped.includes('{/* almanac-disable-line secrets */}'), 'comments stay');
    const after = inspectMdx(stripped.slice(frontmatter.length));
    assert.deepEqual(after.code, [], 'nothing left to run');
    const literal = '<Callout type="tip">Fine.</Callout>\n';
    assert.equal(rewriteBody(literal, 0, { stripCode: true }), literal, 'a body without code is returned as is');
    assert.equal(
      rewriteBody('<Callout', 0, { stripCode: true }),
      '<Callout',
      'an unparsable body is left to the compiler, which rejects it',
    );
  });
});

describe('active HTML in a body', () => {
  test('script, iframe and event handlers are errors, in MDX and in Markdown', () => {
    const { problems } = bodyProblems(
      '<script>alert(1)</script>\n\n<img src="/x.png" onerror="alert(1)" />\n\n<iframe src="https://example.com/"></iframe>',
    );
    const html = problems.filter((problem) => problem.rule === 'body-html').map((problem) => problem.message.split(' is ')[0]);
    assert.deepEqual(html, ['<script>', '<img onerror>', '<iframe>']);
    const markdown = mdx(
      'title: Page\ndescription: d\nowner: checkout\nlastReviewed: 2026-11-01',
      'Text <script src="https://evil.example/x.js"></script> and <b onclick="x()">bold</b>.',
    );
    const md = problemsOf(contentFolder({ 'handbook/page.md': markdown }).validate(), { rule: 'body-html' });
    assert.deepEqual(
      md.map((problem) => problem.message.split(' is ')[0]),
      ['<script>', '<b onclick>'],
    );
  });
});

describe('links in a body', () => {
  test('only http(s), mailto:, relative paths and fragments; browsers ignore control characters in a scheme', () => {
    for (const good of [
      'https://example.com/a',
      'http://x.test',
      'mailto:oncall@example.com',
      '../slos/x/',
      '/handbook/y/',
      '#timeline',
      'notes.txt',
      '//cdn.example.com/a.png',
    ]) {
      assert.equal(explainLinkTarget(good), undefined, good);
    }
    for (const [bad, scheme] of [
      ['javascript:alert(1)', 'javascript'],
      ['JAVASCRIPT:alert(1)', 'javascript'],
      ['java\tscript:alert(1)', 'javascript'],
      [' data:text/html;base64,PHNjcmlwdD4=', 'data'],
      ['vbscript:x', 'vbscript'],
      ['file:///etc/passwd', 'file'],
    ]) {
      assert.match(explainLinkTarget(bad) ?? '', new RegExp(`^"${scheme}:" links are not allowed in a body`), bad);
    }
  });

  test('linkedEntry resolves relative and absolute entry links from the page that holds them', () => {
    const from = { collection: 'postmortems' as const, id: 'incident' };
    assert.deepEqual(linkedEntry('../other/', from), { collection: 'postmortems', id: 'other', sourceFile: false });
    assert.deepEqual(linkedEntry('../../slos/checkout-availability/#burn', from), {
      collection: 'slos',
      id: 'checkout-availability',
      sourceFile: false,
    });
    assert.deepEqual(linkedEntry('/handbook/on-call', from), { collection: 'handbook', id: 'on-call', sourceFile: false });
    assert.deepEqual(linkedEntry('../../handbook/on-call.mdx', from), { collection: 'handbook', id: 'on-call', sourceFile: true });
    for (const other of ['https://example.com/postmortems/x/', '#x', '/search/?q=x', '/insights/', '/tags/x/', 'mailto:a@b.c'])
      assert.equal(linkedEntry(other, from), undefined, other);
  });

  test('bad schemes, unknown entries (with a suggestion) and source-file links are errors at their lines', () => {
    const body = [
      'See [the script](javascript:alert(1)) and <a href="data:text/html,x">this</a>.',
      '',
      'Budget: [SLO](../../slos/checkout-availabilty/).',
      '',
      'Fine: [SLO](/slos/checkout-availability/) and [file](../../slos/checkout-availability.mdx).',
      '',
      '[ref]: vbscript:x',
    ].join('\n');
    const { problems, text } = bodyProblems(body);
    const links = problems.filter((problem) => problem.rule === 'body-link');
    assert.deepEqual(
      links.map((problem) => [problem.line, problem.message.slice(0, 30)]),
      [
        [lineContaining(text, 'See [the script]'), '"javascript:" links are not allowed in a'],
        [lineContaining(text, 'See [the script]'), '"data:" links are not allowed in a body; '],
        [lineContaining(text, '[ref]: vbscript'), '"vbscript:" links are not allowed in a bo'],
        [lineContaining(text, 'Budget:'), 'links to "../../slos/checkout-availabilty'],
        [lineContaining(text, 'Fine:'), 'links to the source file "../../slos/chec'],
      ]
        .map(([line, message]) => [line, String(message).slice(0, 30)])
        .sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    assert.match(
      links.find((problem) => problem.message.includes('availabilty'))!.message,
      /slos has no entry "checkout-availabilty".*Did you mean "checkout-availability"/,
    );
    assert.ok(links.every((problem) => problem.level === 'error'));
  });

  test('a public entry linking to an internal one: a warning in the public audience only', () => {
    const publicText = mdx(postmortemYaml() + '\nvisibility: public', 'Like [the other one](../hidden/).');
    const hidden = mdx(postmortemYaml());
    const folder = contentFolder({ 'postmortems/incident.mdx': publicText, 'postmortems/hidden.mdx': hidden });
    const warnings = problemsOf(folder.validate([], { audience: PUBLIC }), { rule: 'body-link' });
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].level, 'warning');
    assert.equal(warnings[0].line, lineContaining(publicText, 'Like [the other one]'));
    assert.match(
      warnings[0].message,
      /links to postmortems\/hidden, but the public build does not publish it; the link is shown as plain text/,
    );
    assert.deepEqual(problemsOf(folder.validate(), { rule: 'body-link' }), [], 'the internal build publishes both');
  });
});

describe('rewriteBody: links to unpublished pages become their text', () => {
  test('Markdown links, reference links and <a> elements to a hidden page keep only their text', () => {
    const body =
      'See [the **other** one](../hidden/), [kept](../shown/), [ref][h] and <a href="/postmortems/hidden/">this</a>.\n\n[h]: ../hidden/\n';
    const hidden = (url: string) => url.includes('hidden');
    const rewritten = rewriteBody(body, 0, { stripCode: false, isHiddenLink: hidden });
    assert.equal(rewritten.split('\n')[0], 'See the **other** one, [kept](../shown/), ref and this.');
    assert.ok(!rewritten.includes('hidden'), 'the hidden id is gone');
    assert.equal(rewriteBody('Plain [a](../b/).', 0, { stripCode: true, markdown: true, isHiddenLink: () => true }), 'Plain a.');
  });
});
