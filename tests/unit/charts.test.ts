/** SVG charts (src/lib/charts.ts): accessible structure, escaping, scales and tables. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, escapeXml, fitLabel, lineChart, niceTicks } from '../../src/lib/charts.ts';

describe('escapeXml', () => {
  it('escapes markup characters', () => {
    assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
  });
});

describe('barChart', () => {
  const chart = barChart({
    id: 'c1',
    title: 'Latency < 200 ms & errors',
    description: 'Incidents by <month>',
    categories: ['Sep <b>', 'Oct'],
    categoryHeader: 'Month',
    series: [
      { label: 'SEV1', values: [1, 0] },
      { label: 'SEV2 & up', values: [2, 3] },
    ],
  });
  it('is an accessible image labelled by its title and description', () => {
    assert.match(chart.svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="c1-title c1-desc"/);
    assert.match(chart.svg, /<title id="c1-title">Latency &lt; 200 ms &amp; errors<\/title><desc id="c1-desc">Incidents by &lt;month&gt;<\/desc>/);
  });
  it('escapes every text and carries no script', () => {
    assert.equal(chart.svg.includes('<b>'), false);
    assert.equal(chart.svg.includes('<month>'), false);
    assert.ok(chart.svg.includes('SEV2 &amp; up'));
    assert.equal(/<script|on\w+=/i.test(chart.svg), false);
  });
  it('uses theme custom properties for colours', () => {
    assert.ok(chart.svg.includes('fill:var(--chart-1)'));
    assert.ok(chart.svg.includes('fill:var(--chart-2)'));
  });
  it('stacks segments: a 2 + 3 bar is as tall as the top tick allows and the table has totals', () => {
    assert.deepEqual(chart.table.columns, ['Month', 'SEV1', 'SEV2 & up', 'Total']);
    assert.deepEqual(chart.table.rows, [['Sep <b>', '1', '2', '3'], ['Oct', '0', '3', '3']]);
    // Zero-height segments are not drawn: 3 rects with a tooltip (1, 2, 3).
    assert.equal((chart.svg.match(/<rect [^>]*><title>/g) ?? []).length, 3);
  });
  it('shows missing values as a dash in grouped layout', () => {
    const grouped = barChart({ id: 'g', title: 't', description: 'd', layout: 'grouped', categories: ['Q1', 'Q2'], series: [{ label: 'Median', values: [undefined, 4] }] });
    assert.deepEqual(grouped.table.rows, [['Q1', '—'], ['Q2', '4']]);
    assert.equal((grouped.svg.match(/<rect [^>]*><title>/g) ?? []).length, 1);
  });
});

describe('lineChart', () => {
  const chart = lineChart({
    id: 'budget',
    title: 'Checkout: budget',
    description: 'Consumed against 43.2',
    points: ['2026-11-01', '2026-11-02', '2026-11-03'],
    series: [{ label: 'Consumed', values: [0, 10, 34.6], area: true, color: '--accent' }],
    references: [{ label: 'Budget', value: 43.2, color: '--bad', dash: '6 4' }],
    format: (value) => `${value} min`,
  });
  it('draws the series, its area and the budget line, and lists the budget in the table caption', () => {
    assert.ok(chart.svg.includes('stroke:var(--accent)'));
    assert.ok(chart.svg.includes('fill-opacity="0.18"'));
    assert.ok(chart.svg.includes('stroke-dasharray="6 4"'));
    assert.equal(chart.table.caption, 'Checkout: budget (Budget: 43.2 min)');
    assert.deepEqual(chart.table.rows.at(-1), ['2026-11-03', '34.6 min']);
  });
  it('has a scale that covers the budget line', () => {
    const ticks = niceTicks(43.2 * 1.05);
    assert.ok(ticks.at(-1)! >= 43.2 * 1.05);
    assert.deepEqual(niceTicks(43.2 * 1.05), [0, 20, 40, 60]);
    assert.deepEqual(niceTicks(7), [0, 2, 4, 6, 8]);
    assert.deepEqual(niceTicks(0), [0, 1]);
  });
});

describe('fitLabel', () => {
  it('shortens long axis labels with an ellipsis', () => {
    assert.equal(fitLabel('Customer report', 200), 'Customer report');
    assert.equal(fitLabel('Customer report', 50), 'Custom…');
  });
});

describe('integer axes', () => {
  it('counts get whole-number ticks', () => {
    assert.deepEqual(niceTicks(10, 4, true), [0, 5, 10]);
    assert.deepEqual(niceTicks(3, 4, true), [0, 1, 2, 3]);
    assert.deepEqual(niceTicks(10), [0, 2.5, 5, 7.5, 10]);
  });
});
