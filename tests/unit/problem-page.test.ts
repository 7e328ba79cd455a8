/** The page `astro dev` shows while the content has errors: every problem, grouped by file, with the lines around it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { excerpt, problemPage } from '../../src/integration/problem-page.ts';
import type { Problem } from '../../src/core/problems.ts';

const text = ['---', 'title: Outage', 'severity: SEV9', 'services: [checkout-apii]', '---', ''].join('\n');
const problems: Problem[] = [
  {
    level: 'error',
    file: 'content/postmortems/x.mdx',
    field: 'severity',
    line: 3,
    rule: 'schema',
    message: '"SEV9" is not a configured severity; use one of SEV1, SEV2',
  },
  { level: 'warning', file: 'content/handbook/<b>.mdx', field: 'body', line: 1, rule: 'blameless', message: 'names a <person>' },
];

test('the excerpt numbers the lines around the problem and marks its line', () => {
  assert.equal(excerpt(text, 3), '<pre>2 | title: Outage\n<mark>3 | severity: SEV9</mark>\n4 | services: [checkout-apii]</pre>');
  assert.equal(excerpt(text, 1), '<pre><mark>1 | ---</mark>\n2 | title: Outage</pre>');
  assert.equal(excerpt(undefined, 3), '');
  assert.equal(excerpt(text, undefined), '');
  assert.equal(excerpt(text, 99), '');
});

test('the page groups by file, names line and field, escapes everything and sums up', () => {
  const html = problemPage(problems, new Map([['content/postmortems/x.mdx', text]]));
  assert.match(html, /<h1>The content has problems<\/h1>/);
  assert.match(html, /1 error and 1 warning in 2 files/);
  assert.match(
    html,
    /<h2><code>content\/postmortems\/x\.mdx<\/code><\/h2><ul><li class="error"><span class="level">error<\/span> line 3 · <code>severity<\/code>: &quot;SEV9&quot; is not a configured severity/,
  );
  assert.ok(html.includes('<mark>3 | severity: SEV9</mark>'));
  assert.ok(html.includes('content/handbook/&lt;b&gt;.mdx') && html.includes('names a &lt;person&gt;'));
  assert.ok(!html.includes('<person>') && !html.includes('<b>.mdx'));
});
