/** Reading aids: the postmortem layout, the time-scaled timeline, the instructive-incident score. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  coveredSection,
  instructiveIncidents,
  instructiveScore,
  postmortemLayout,
  timelineScale,
  type PostmortemSectionId,
} from '../../src/core/reading.ts';

const severities = ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map((id) => ({ id }));

test('the timeline scale: proportional widths, a minimum width, offsets that tile 0–100', () => {
  // 09:12 → 09:15 → 09:18 → 09:50 → 11:40: 3, 3, 32 and 110 minutes (148 in all).
  // Proportional: 2.03%, 2.03%, 21.62%, 74.32%. The first two are under 8% and get 8% each;
  // the other 84% is shared 32 : 110 → 84·32/142 = 18.93% and 84·110/142 = 65.07%.
  const bars = timelineScale({
    started: '2026-11-14T09:12:00Z',
    detected: '2026-11-14T09:15:00Z',
    acknowledged: '2026-11-14T10:18:00+01:00',
    mitigated: '2026-11-14T09:50:00Z',
    resolved: '2026-11-14T11:40:00Z',
  });
  assert.deepEqual(
    bars.map((bar) => [bar.phase, bar.minutes, bar.offset, bar.width]),
    [
      ['detect', 3, 0, 8],
      ['acknowledge', 3, 8, 8],
      ['mitigate', 32, 16, 18.93],
      ['resolve', 110, 34.93, 65.07],
    ],
  );
});

test('the timeline scale skips unset points and never lets a phase vanish', () => {
  // started → detected 10 min, detected → mitigated 990 min: 1% would be invisible, so 8% / 92%.
  const bars = timelineScale({ started: '2026-01-01T00:00:00Z', detected: '2026-01-01T00:10:00Z', mitigated: '2026-01-01T16:40:00Z' });
  assert.deepEqual(
    bars.map((bar) => [bar.phase, bar.from, bar.to, bar.offset, bar.width]),
    [
      ['detect', '2026-01-01T00:00:00Z', '2026-01-01T00:10:00Z', 0, 8],
      ['mitigate', '2026-01-01T00:10:00Z', '2026-01-01T16:40:00Z', 8, 92],
    ],
  );
  // Equal phases share equally; a single point draws nothing.
  assert.deepEqual(
    timelineScale({ started: '2026-01-01T00:00:00Z', detected: '2026-01-01T00:30:00Z', resolved: '2026-01-01T01:00:00Z' }).map(
      (bar) => bar.width,
    ),
    [50, 50],
  );
  assert.deepEqual(
    timelineScale({ started: '2026-01-01T00:00:00Z', detected: '2026-01-01T00:00:00Z' }).map((bar) => bar.width),
    [100],
  );
});

test('body headings decide which structured sections the page repeats', () => {
  assert.equal(coveredSection('What went well, what went wrong, where we got lucky'), 'lessons');
  assert.equal(coveredSection('Contributing Factors'), 'factors');
  assert.equal(coveredSection('Summary'), undefined);
  const all = new Set<PostmortemSectionId>(['impact', 'timeline', 'factors', 'lessons', 'actions']);
  const headings = [
    { depth: 2, slug: 'timeline', text: 'Timeline' },
    { depth: 2, slug: 'contributing-factors', text: 'Contributing factors' },
    { depth: 3, slug: 'the-pool', text: 'The pool' },
    { depth: 4, slug: 'deep', text: 'Too deep for the contents' },
  ];
  const layout = postmortemLayout(headings, all, true);
  assert.deepEqual(layout.before, ['impact']);
  assert.deepEqual(layout.after, ['lessons', 'actions']);
  assert.deepEqual(
    layout.toc.map((entry) => `${entry.depth}:${entry.slug}`),
    ['2:impact-section', '2:timeline', '2:contributing-factors', '3:the-pool', '2:lessons-section', '2:actions-section'],
  );
  assert.equal(layout.titles.timeline, 'Timeline');
  // A "Timeline" heading without a drawn <Timeline> does not cover the scaled phases; they get a
  // section of their own, named so that the page has one "Timeline", the body's.
  const textTimeline = postmortemLayout(headings, all, false);
  assert.deepEqual(textTimeline.before, ['impact', 'timeline']);
  assert.equal(textTimeline.titles.timeline, 'Phases to scale');
  assert.deepEqual(
    textTimeline.toc.filter((entry) => /timeline|phases/i.test(entry.text)).map((entry) => entry.text),
    ['Phases to scale', 'Timeline'],
  );
  // A body of free prose: the structured sections first, the action items last; no data: no section.
  const prose = [{ depth: 2, slug: 'what-we-learned', text: 'What we learned' }];
  assert.deepEqual(postmortemLayout(prose, new Set(['impact', 'factors', 'actions'])), {
    before: ['impact', 'factors'],
    after: ['actions'],
    toc: [
      { depth: 2, slug: 'impact-section', text: 'Impact' },
      { depth: 2, slug: 'factors-section', text: 'Contributing factors' },
      { depth: 2, slug: 'what-we-learned', text: 'What we learned' },
      { depth: 2, slug: 'actions-section', text: 'Action items' },
    ],
    titles: { impact: 'Impact', timeline: 'Timeline', factors: 'Contributing factors', lessons: 'Lessons', actions: 'Action items' },
  });
});

const pm = (id: string, overrides: Record<string, any> = {}) =>
  ({
    id,
    severity: overrides.severity ?? 'SEV1',
    sloImpact: overrides.sloImpact ?? [],
    data: {
      status: 'published',
      kind: 'incident',
      timeline: { started: overrides.started ?? '2026-11-01T00:00:00Z' },
      lessons: { wentWell: ['a'], wentWrong: ['b', 'c'] },
      contributingFactors: [{}, {}],
      actionItems: [{ type: 'prevent' }, { type: 'detect' }, { type: 'process' }],
      ...overrides.data,
    },
  }) as any;

test('the instructive score: severity first, then lessons, factors and fixes', () => {
  // SEV1 of 4: 4·3 = 12; lessons 3; factors 2; actions 3; prevent 1 → +2. 12+3+2+3+2 = 22.
  assert.equal(instructiveScore(pm('a'), severities), 22);
  // SEV3: 2·3 = 6 → 16; an SLO charge over the threshold adds 2 → 18.
  assert.equal(instructiveScore(pm('b', { severity: 'SEV3', sloImpact: [{ exceedsIncidentThreshold: true }] }), severities), 18);
  assert.equal(instructiveScore(pm('c', { data: { status: 'in-review' } }), severities), 0);
  assert.equal(instructiveScore(pm('d', { data: { kind: 'near-miss' } }), severities), 0);
  // No lessons, one factor, no actions, SEV2: 9 + 0 + 1 + 0 = 10.
  assert.equal(
    instructiveScore(pm('e', { severity: 'SEV2', data: { lessons: undefined, contributingFactors: [{}], actionItems: [] } }), severities),
    10,
  );
});

test('instructive incidents: best first, newer first on a tie, unpublished left out', () => {
  const postmortems = [
    pm('old-sev1', { started: '2026-01-01T00:00:00Z' }),
    pm('new-sev1', { started: '2026-10-01T00:00:00Z' }),
    pm('sev2', { severity: 'SEV2' }),
    pm('draft', { data: { status: 'draft' } }),
  ];
  const ranked = instructiveIncidents({ postmortems, config: { severities } } as any, 3);
  assert.deepEqual(
    ranked.map((entry) => [entry.view.id, entry.score]),
    [
      ['new-sev1', 22],
      ['old-sev1', 22],
      ['sev2', 19],
    ],
  );
});

test('a URL shown as text breaks only after its slashes, and stays escaped', async () => {
  const { breakableUrl } = await import('../../src/core/html.ts');
  assert.equal(breakableUrl('https://github.com/fernhill/slot-booking'), 'https://github.com/<wbr>fernhill/<wbr>slot-booking');
  assert.equal(breakableUrl('https://x.example/a?b=<c>&d'), 'https://x.example/<wbr>a?b=&lt;c&gt;&amp;d');
});

test('Markdown tables get a focusable scroll container; other HTML is left alone', async () => {
  const { wrapTables } = await import('../../src/core/html.ts');
  const html = '<p>a</p>\n<table>\n<thead><tr><th>x</th></tr></thead>\n</table>\n<table class="raw"><tr><td>y</td></tr></table>';
  assert.equal(
    wrapTables(html),
    '<p>a</p>\n<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>\n<thead><tr><th>x</th></tr></thead>\n</table></div>\n<table class="raw"><tr><td>y</td></tr></table>',
  );
});
