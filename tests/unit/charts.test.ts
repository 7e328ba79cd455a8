/** SVG charts (src/outputs/charts.ts): accessible structure, escaping, scales and tables. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, burnDownChart, fitLabel, lineChart, niceTicks, thinTicks } from '../../src/outputs/charts.ts';
import { escapeXml } from '../../src/core/xml.ts';
import { burnDown, sloBudget } from '../../src/core/budgets.ts';

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
    assert.match(
      chart.svg,
      /<title id="c1-title">Latency &lt; 200 ms &amp; errors<\/title><desc id="c1-desc">Incidents by &lt;month&gt;<\/desc>/,
    );
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
    assert.deepEqual(chart.table.rows, [
      ['Sep <b>', '1', '2', '3'],
      ['Oct', '0', '3', '3'],
    ]);
    // Zero-height segments are not drawn: 3 rects with a tooltip (1, 2, 3).
    assert.equal((chart.svg.match(/<rect [^>]*><title>/g) ?? []).length, 3);
  });
  it('shows missing values as a dash in grouped layout', () => {
    const grouped = barChart({
      id: 'g',
      title: 't',
      description: 'd',
      layout: 'grouped',
      categories: ['Q1', 'Q2'],
      series: [{ label: 'Median', values: [undefined, 4] }],
    });
    assert.deepEqual(grouped.table.rows, [
      ['Q1', '—'],
      ['Q2', '4'],
    ]);
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

describe('burnDownChart', () => {
  // 99.9% over 30d = 43.2 minutes. a: 40-minute outage; m: 30 minutes of planned maintenance (excluded).
  const NOW = Date.parse('2026-11-28T12:00:00Z');
  const report = sloBudget(
    's',
    { objective: 99.9, window: '30d' },
    [
      {
        id: 'a',
        timeline: { started: '2026-11-10T10:00:00Z', detected: '2026-11-10T10:00:00Z', mitigated: '2026-11-10T10:40:00Z' },
        impact: { slos: [{ slo: 's' }] },
      },
      {
        id: 'm',
        timeline: { started: '2026-11-20T02:00:00Z', detected: '2026-11-20T02:00:00Z', mitigated: '2026-11-20T02:30:00Z' },
        impact: { slos: [{ slo: 's', excluded: { reason: 'planned-maintenance', approvedBy: 'Helena <Brandt>' } }] },
      },
    ],
    NOW,
    75,
  );
  const points = burnDown(report.budgetMinutes, report.charges, report.adjustments, report.windowStart, report.asOf);
  const day = (at: number) => new Date(at).toISOString().slice(5, 10);
  const chart = burnDownChart({
    id: 'burn',
    title: 'Checkout: budget remaining',
    description: 'From 43.2 minutes',
    start: report.windowStart,
    end: report.windowEnd,
    budget: report.budgetMinutes,
    points: points.map((point) => ({ at: point.at, remaining: point.remainingMinutes, rawRemaining: point.rawRemainingMinutes })),
    marks: [
      { at: report.charges[0].from, end: Date.parse('2026-11-10T10:40:00Z'), label: 'Outage <a>', minutes: 40 },
      {
        at: report.adjustments[0].from,
        end: Date.parse('2026-11-20T02:30:00Z'),
        label: 'Maintenance',
        minutes: 30,
        excluded: 'planned maintenance',
      },
    ],
    formatDay: day,
    formatTime: (at) => new Date(at).toISOString().slice(0, 16),
  });
  it('computes the remaining budget, with and without the adjustments, at each turn', () => {
    assert.deepEqual(
      points.map((point) => [day(point.at), point.remainingMinutes, point.rawRemainingMinutes]),
      [
        ['10-29', 43.2, 43.2],
        ['11-10', 43.2, 43.2],
        ['11-10', 3.2, 3.2], // 43.2 − 40
        ['11-20', 3.2, 3.2],
        ['11-20', 3.2, -26.8], // had the 30 excluded minutes counted: 3.2 − 30
        ['11-28', 3.2, -26.8],
      ],
    );
  });
  it('is an accessible, escaped image: a dot per counted charge, a hollow diamond per excluded one, the raw line dashed', () => {
    assert.match(chart.svg, /^<svg [^>]*role="img"[^>]*aria-labelledby="burn-title burn-desc"/);
    assert.equal(chart.svg.includes('<a>'), false);
    assert.equal((chart.svg.match(/<circle [^>]*><title>/g) ?? []).length, 1);
    assert.equal((chart.svg.match(/<path d="M[^"]*Z" [^>]*><title>[^<]*excluded: planned maintenance/g) ?? []).length, 1);
    assert.match(chart.svg, /stroke-dasharray="5 4"/);
    assert.match(chart.svg, />Had the adjustments counted</);
    assert.match(chart.svg, />-40</, 'the y axis reaches below zero for the raw line (−26.8, rounded to a tick)');
  });
  it('has a table fallback: each charge, whether it counts, and the budget left after it', () => {
    assert.deepEqual(chart.table.columns, ['Began', 'Incident', 'Bad minutes', 'Counts against the budget', 'Remaining after it']);
    assert.deepEqual(chart.table.rows, [
      ['2026-11-10T10:00', 'Outage <a>', '40', 'Yes', '3.2'],
      ['2026-11-20T02:00', 'Maintenance', '30', 'No: planned maintenance', '3.2'],
    ]);
  });
});

describe('thinTicks: axis labels thinned by the width they need', () => {
  // Ten ISO dates of 10 characters: 68 units each at 6.8 units a character.
  const days = Array.from({ length: 10 }, (_, index) => `2026-11-${String(index + 1).padStart(2, '0')}`);
  it('prints every label when there is room', () => {
    assert.deepEqual(thinTicks(days, 1000, 'bands'), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('points on 300 units: every 4th, and the last in place of the 8th it would collide with', () => {
    // Every 3rd collides: the first spans 0–68 (anchored at its start), the 4th is centred at
    // 100 (66–134), closer than the 8-unit gap. Every 4th: 0–68, 99.3–167.3, 232.7–300.7; the
    // last (300, anchored at its end: 232–300) overlaps the 8th, so it replaces it.
    assert.deepEqual(thinTicks(days, 300, 'points'), [0, 4, 9]);
  });
  it('bands on 300 units: 30-unit bands, labels centred, every 3rd (90 units apart ≥ 68 + 8)', () => {
    assert.deepEqual(thinTicks(days, 300, 'bands'), [0, 3, 6, 9]);
  });
  it('points on 640 units (71.1 apart): every 2nd, the last replacing the 9th', () => {
    // 0–68, then centred at 142.2 (108.2–176.2) …; the 9th at 568.9 (534.9–602.9) collides with
    // the last (572–640), the 7th (392.7–460.7) does not.
    assert.deepEqual(thinTicks(days, 640, 'points'), [0, 2, 4, 6, 9]);
  });
  it('one or no label', () => {
    assert.deepEqual(thinTicks(['Sep'], 10, 'bands'), [0]);
    assert.deepEqual(thinTicks([], 100, 'points'), []);
  });
  it('a line chart no longer prints labels run together, and draws a narrow version for phones', () => {
    const chart = lineChart({
      id: 'wk',
      title: 't',
      description: 'd',
      points: days,
      series: [{ label: 'Open', values: days.map((_, index) => index) }],
    });
    const printed = (svg: string) => [...svg.matchAll(/>(2026-11-\d\d)<\/text>/g)].map((match) => match[1]);
    assert.ok(printed(chart.svg).length < days.length && printed(chart.svg).includes('2026-11-10'));
    assert.match(chart.narrowSvg!, /viewBox="0 0 360 /);
    assert.match(chart.narrowSvg!, /aria-labelledby="wk-narrow-title wk-narrow-desc"/);
    assert.ok(printed(chart.narrowSvg!).length < printed(chart.svg).length, 'fewer labels on the narrow drawing');
  });
});
