/** What the SLO and insights cards say: the figures a reader would look for first. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, type ModelInput } from '../../src/core/model.ts';
import { defaultSiteConfig } from '../../src/validation/site-config.ts';
import { entryCardInput, sectionCardInputs } from '../../src/outputs/og/inputs.ts';
import { NOW, postmortem } from './support/sharing.ts';

const inputs: ModelInput[] = [
  { collection: 'teams', id: 'sre', data: { name: 'SRE', visibility: 'public' } },
  { collection: 'services', id: 'web', data: { name: 'Web', team: 'sre', tier: 1, dependsOn: [], visibility: 'public' } },
  {
    collection: 'slos',
    id: 'web-availability',
    data: {
      title: 'Web availability',
      service: 'web',
      sli: { kind: 'availability', description: 'd' },
      objective: 99.9,
      window: '30d',
      status: 'active',
      visibility: 'public',
    },
  },
  // Three incidents in the 90 days before the as-of date, mitigated after 35, 20 and 50 minutes.
  postmortem('a'),
  postmortem('b', {
    timeline: {
      started: '2026-10-01T10:00:00Z',
      detected: '2026-10-01T10:05:00Z',
      mitigated: '2026-10-01T10:20:00Z',
      resolved: '2026-10-01T11:00:00Z',
    },
    impact: { summary: 'x', slos: [] },
  }),
  postmortem('c', {
    timeline: {
      started: '2026-09-15T10:00:00Z',
      detected: '2026-09-15T10:05:00Z',
      mitigated: '2026-09-15T10:50:00Z',
      resolved: '2026-09-15T11:00:00Z',
    },
    impact: { summary: 'x', slos: [] },
  }),
];
const model = buildModel(inputs, { config: defaultSiteConfig(), now: NOW, audience: 'internal', includeDrafts: false });

test('the SLO card says how much of the budget is left', () => {
  // 99.9% over 30 days: 43.2 budget minutes. Incident a charged 10:00 → 10:35 = 35 minutes (81%),
  // leaving 8.2 minutes: 8.2 / 43.2 = 18.98% → "19%".
  const card = entryCardInput(model, model.get('slos', 'web-availability')!);
  assert.equal(card.detail, '99.9% over 30d · 19% of the budget left (8.2 min of 43.2 min)');
  assert.deepEqual(card.badge, { text: 'Budget at risk', tone: 'warn' });
});

test('the insights card says how many incidents and how fast they were mitigated', () => {
  // Mitigated after 35, 20 and 50 minutes → median 35 min over n = 3.
  const insights = sectionCardInputs(model).find((card) => card.section === 'insights')!;
  assert.equal(insights.input.detail, '3 incidents in the last 90 days · median time to mitigate 35 min');
});
