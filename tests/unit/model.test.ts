/** The model: audience filter, drafts, hidden references, derived flags and backlinks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDraft, isVisible } from '../../src/core/audience.ts';
import { buildModel, redactHiddenReferences, type ModelInput } from '../../src/core/model.ts';
import { defaultSiteConfig } from '../../src/validation/site-config.ts';
import { relatedIncidents, serviceBacklinks, teamBacklinks } from '../../src/core/related.ts';
import { postmortem as basePostmortem, prd } from './support/sharing.ts';

const config = defaultSiteConfig();
const NOW = Date.parse('2026-11-28T12:00:00Z');

/** The shared fixture, with action items around the as-of date and a tag written two ways. */
const postmortem = (id: string, overrides: Record<string, unknown> = {}): ModelInput =>
  basePostmortem(id, {
    actionItems: [
      { title: 'Late', type: 'prevent', owner: 'sre', due: '2026-11-27', status: 'open', priority: 'P0' },
      { title: 'Due today', type: 'detect', owner: 'sre', due: '2026-11-28', status: 'in-progress', priority: 'P1' },
      { title: 'Done late', type: 'process', owner: 'sre', due: '2026-11-01', status: 'done', priority: 'P2' },
    ],
    tags: ['Caching', 'caching'],
    ...overrides,
  });

const base: ModelInput[] = [
  { collection: 'teams', id: 'sre', data: { name: 'SRE', visibility: 'public' } },
  { collection: 'teams', id: 'secret', data: { name: 'Secret team', visibility: 'internal' } },
  { collection: 'services', id: 'web', data: { name: 'Web', team: 'sre', tier: 1, dependsOn: ['db'], visibility: 'public' } },
  { collection: 'services', id: 'db', data: { name: 'Database', team: 'secret', tier: 1, dependsOn: [], visibility: 'internal' } },
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
  postmortem('public-one'),
  postmortem('internal-one', {
    visibility: 'internal',
    services: ['web', 'db'],
    timeline: {
      started: '2026-11-21T10:00:00Z',
      detected: '2026-11-21T10:01:00Z',
      mitigated: '2026-11-21T10:11:00Z',
      resolved: '2026-11-21T10:30:00Z',
    },
  }),
  postmortem('draft-one', { status: 'draft', timeline: { started: '2026-11-22T10:00:00Z', detected: '2026-11-22T10:01:00Z' } }),
  prd('draft-prd', 'Draft PRD', { status: 'draft' }),
  prd('waiting', 'Waiting PRD'),
  {
    collection: 'handbook',
    id: 'old-page',
    data: {
      title: 'Old',
      description: 'd',
      owner: 'sre',
      lastReviewed: '2026-05-01',
      reviewEvery: '180d',
      status: 'published',
      visibility: 'public',
    },
  },
  {
    collection: 'handbook',
    id: 'fresh-page',
    data: {
      title: 'Fresh',
      description: 'd',
      owner: 'sre',
      lastReviewed: '2026-11-01',
      reviewEvery: '180d',
      status: 'published',
      visibility: 'public',
    },
  },
];

test('drafts are never visible in production and always visible in dev', () => {
  const draft = base.find((input) => input.id === 'draft-one')!;
  assert.equal(isDraft(draft), true);
  assert.equal(isVisible(draft, { audience: 'internal', includeDrafts: false }), false);
  assert.equal(isVisible(draft, { audience: 'internal', includeDrafts: true }), true);
});

test('the public audience sees only public entries, and postmortems only when published', () => {
  const inReview = postmortem('x', { status: 'in-review' });
  assert.equal(isVisible(inReview, { audience: 'public', includeDrafts: false }), false);
  assert.equal(isVisible(inReview, { audience: 'internal', includeDrafts: false }), true);
  assert.equal(isVisible(postmortem('y', { visibility: 'internal' }), { audience: 'public', includeDrafts: false }), false);
  assert.equal(
    isVisible({ collection: 'teams', data: { name: 'T', visibility: 'internal' } }, { audience: 'public', includeDrafts: false }),
    false,
  );
});

test('the internal model keeps everything but drafts', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  assert.deepEqual(
    model.postmortems.map((pm) => pm.id),
    ['internal-one', 'public-one'],
  );
  assert.equal(model.get('prds', 'draft-prd'), undefined);
  assert.equal(model.get('services', 'db')?.title, 'Database');
});

test('the public model holds only public entries, with hidden references redacted', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'public', includeDrafts: false });
  assert.deepEqual(
    model
      .all()
      .map((view) => `${view.collection}/${view.id}`)
      .sort(),
    [
      'handbook/fresh-page',
      'handbook/old-page',
      'postmortems/public-one',
      'prds/waiting',
      'services/web',
      'slos/web-availability',
      'teams/sre',
    ],
  );
  const web = model.get('services', 'web')!;
  assert.deepEqual(web.dependsOn, [{ visible: false, collection: 'services', label: 'an internal service' }]);
  assert.deepEqual(web.data.dependsOn, [], 'the hidden id is gone from the data too');
  assert.doesNotMatch(JSON.stringify(model.all().map((view) => view.data)), /secret|"db"|internal-one|draft/);
});

test('a public SLO budget counts hidden incidents without naming them', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'public', includeDrafts: false });
  const slo = model.get('slos', 'web-availability')!;
  // public-one: 35 minutes; internal-one: 11 minutes; the draft is never counted.
  assert.equal(slo.budget.consumedMinutes, 46);
  assert.deepEqual(
    slo.visibleCharges.map((charge) => charge.postmortem),
    ['public-one'],
  );
  assert.deepEqual(slo.unlistedCharges, { count: 1, badMinutes: 11 });
});

test('overdue means open or in progress with a due date before the as-of date', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  const items = model.get('postmortems', 'public-one')!.actionItems;
  assert.deepEqual(
    items.map((item) => [item.title, item.overdue]),
    [
      ['Late', true],
      ['Due today', false],
      ['Done late', false],
    ],
  );
});

test('handbook pages are stale after lastReviewed + reviewEvery', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  assert.equal(model.get('handbook', 'old-page')!.stale, true);
  assert.equal(model.get('handbook', 'old-page')!.reviewDue, '2026-10-28');
  assert.equal(model.get('handbook', 'fresh-page')!.stale, false);
});

test('an in-review PRD without a session is booked into the next review session', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  const prd = model.get('prds', 'waiting')!;
  assert.equal(prd.reviewSession, '2026-12-10');
  assert.equal(prd.reviewSessionDerived, true);
});

test('tags are gathered case-insensitively by slug', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  assert.deepEqual(
    model.tags.map((tag) => [tag.slug, tag.entries.length]),
    [['caching', 2]],
  );
});

test('backlinks: incidents on the same services, service and team pages', () => {
  const model = buildModel(base, { config, now: NOW, audience: 'internal', includeDrafts: false });
  const related = relatedIncidents(model, model.get('postmortems', 'public-one')!);
  assert.deepEqual(
    related.shown.map((ref) => ref.visible && ref.id),
    ['internal-one'],
  );
  assert.equal(related.total, 1);
  assert.deepEqual(
    serviceBacklinks(model, 'db').postmortems.map((pm) => pm.id),
    ['internal-one'],
  );
  assert.deepEqual(
    serviceBacklinks(model, 'db').dependents.map((service) => service.id),
    ['web'],
  );
  assert.equal(teamBacklinks(model, 'sre').actionItems.length, 6);
});

test('related incidents: the most recent few, newest first, each once, and how many there are in all', () => {
  // Twelve incidents: a, b and c on web, every third also on db; newest first is i00, i01, …
  const incidents = Array.from({ length: 12 }, (_, i) => {
    const id = `i${String(i).padStart(2, '0')}`;
    const started = `2026-10-${String(28 - i).padStart(2, '0')}T10:00:00Z`;
    return postmortem(id, {
      services: i % 3 === 0 ? ['web', 'db'] : i % 3 === 1 ? ['web'] : ['db'],
      timeline: { started, detected: started, mitigated: started, resolved: started },
    });
  });
  const model = buildModel([...base.filter((entry) => entry.collection !== 'postmortems'), ...incidents], {
    config,
    now: NOW,
    audience: 'internal',
    includeDrafts: false,
  });
  const ids = (refs: { visible: boolean; id?: string }[]) => refs.map((ref) => ref.visible && ref.id);
  assert.deepEqual(model.postmortems.map((pm) => pm.id).slice(0, 3), ['i00', 'i01', 'i02'], 'the model lists the newest first');
  // i00 is on web and db: every other incident shares one of them, none is listed twice.
  const both = relatedIncidents(model, model.get('postmortems', 'i00')!, 4);
  assert.deepEqual(ids(both.shown), ['i01', 'i02', 'i03', 'i04']);
  assert.equal(both.total, 11);
  // i01 is on web only: i00, i03, i04, i06, i07, i09, i10 (web), newest first.
  const web = relatedIncidents(model, model.get('postmortems', 'i01')!, 3);
  assert.deepEqual(ids(web.shown), ['i00', 'i03', 'i04']);
  assert.equal(web.total, 7);
  assert.deepEqual(ids(relatedIncidents(model, model.get('postmortems', 'i01')!, 100).shown), [
    'i00',
    'i03',
    'i04',
    'i06',
    'i07',
    'i09',
    'i10',
  ]);
  // An incident with no services has no neighbours (and never a negative count).
  const alone = buildModel([...base.filter((entry) => entry.collection !== 'postmortems'), postmortem('alone', { services: [] })], {
    config,
    now: NOW,
    audience: 'internal',
    includeDrafts: false,
  });
  assert.deepEqual(relatedIncidents(alone, alone.get('postmortems', 'alone')!), { shown: [], total: 0 });
});

test('redaction removes list ids from the end, drops hidden SLO charges and clears single references', () => {
  const data = { services: ['a', 'x', 'b', 'y'], impact: { summary: 's', slos: [{ slo: 'hidden' }, { slo: 'shown' }] }, owner: 'x' };
  const uses = [
    { path: ['services', 1], collection: 'services' as const, id: 'x' },
    { path: ['services', 3], collection: 'services' as const, id: 'y' },
    { path: ['impact', 'slos', 0, 'slo'], collection: 'slos' as const, id: 'hidden' },
    { path: ['impact', 'slos', 1, 'slo'], collection: 'slos' as const, id: 'shown' },
    { path: ['owner'], collection: 'teams' as const, id: 'x' },
  ];
  const redacted = redactHiddenReferences(data, uses, (_, id) => !['x', 'y', 'hidden'].includes(id));
  assert.deepEqual(redacted, { services: ['a', 'b'], impact: { summary: 's', slos: [{ slo: 'shown' }] } });
  assert.deepEqual(data.services, ['a', 'x', 'b', 'y'], 'the input is not mutated');
});
