/**
 * The JSON API (src/outputs/api.ts) built from the example handbook, validated against the contract
 * (docs/content-model.md, "Machine-readable output") written here as zod schemas.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { API_NAMES, apiArray, type ApiName } from '../../src/outputs/api.ts';
import { readEnvironment } from '../../src/build/env.ts';
import { loadHandbook, type LoadedHandbook } from '../../src/build/load.ts';
import { durationMinutes } from '../../src/core/time.ts';
import type { CollectionName } from '../../src/core/schemas/common.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const AS_OF = '2026-11-28T12:00:00Z';
const TODAY = AS_OF.slice(0, 10);

const load = (audience: 'internal' | 'public'): LoadedHandbook =>
  loadHandbook(readEnvironment({ ALMANAC_NOW: AS_OF, ALMANAC_AUDIENCE: audience }, { root: ROOT }));

const id = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const dateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/);
const minutes = z.number(); // zod 4 numbers are finite
const percent = z.number();
const urlOf = (collection: string) => (entry: { id: string; url: string }) => entry.url === `/${collection}/${entry.id}/`;

/** The contract's objects; a reference to a team may be null where the audience may not see it. */
function schemas(audience: 'internal' | 'public') {
  const teamRef = audience === 'internal' ? id : id.nullable();
  const actionItem = z.object({
    title: z.string().min(1),
    type: z.enum(['prevent', 'mitigate', 'detect', 'process']),
    owner: teamRef,
    due: date,
    status: z.enum(['open', 'in-progress', 'done', 'wont-do']),
    priority: z.enum(['P0', 'P1', 'P2', 'P3']),
    link: z.url().optional(),
    overdue: z.boolean(),
  });
  const postmortem = z
    .object({
      id,
      url: z.string(),
      title: z.string().min(1),
      severity: z.enum(['SEV1', 'SEV2', 'SEV3', 'SEV4']),
      status: audience === 'internal' ? z.enum(['in-review', 'published']) : z.literal('published'),
      kind: z.enum(['incident', 'near-miss']),
      services: z.array(id),
      timeline: z.object({
        started: dateTime,
        detected: dateTime,
        acknowledged: dateTime.optional(),
        mitigated: dateTime.optional(),
        resolved: dateTime.optional(),
      }),
      durations: z.object({
        toDetectMinutes: minutes,
        toAcknowledgeMinutes: minutes.optional(),
        toMitigateMinutes: minutes.nullable(),
        toResolveMinutes: minutes.nullable(),
      }),
      sloImpact: z.array(z.object({ slo: id, badMinutes: minutes.nonnegative(), budgetPercent: percent.nonnegative() })),
      actionItems: z.array(actionItem),
    })
    .refine(urlOf('postmortems'), 'url is the entry route')
    .refine(
      (pm) => pm.status !== 'published' || (pm.durations.toMitigateMinutes !== null && pm.durations.toResolveMinutes !== null),
      'a published postmortem has every duration',
    );
  const slo = z
    .object({
      id,
      url: z.string(),
      title: z.string().min(1),
      service: audience === 'internal' ? id : id.nullable(),
      objective: z.number().gt(0).lt(100),
      window: z.union([z.string().regex(/^\d+(\.\d+)?[mhdw]$/), z.enum(['calendar-week', 'calendar-month', 'calendar-quarter'])]),
      budgetMinutes: minutes.positive(),
      consumedMinutes: minutes.nonnegative(),
      rawConsumedMinutes: minutes.nonnegative(),
      remainingPercent: percent,
      status: z.enum(['healthy', 'at-risk', 'exhausted']),
      incidents: z.array(id),
      adjustments: z.array(
        z.object({
          postmortem: id,
          minutes: minutes.nonnegative(),
          reason: z.enum(['planned-maintenance', 'third-party', 'out-of-scope', 'miscategorized']),
          approvedBy: z.string().min(1),
        }),
      ),
      windowStart: z.iso.datetime(),
      windowEnd: z.iso.datetime(),
    })
    .refine(urlOf('slos'), 'url is the entry route')
    .refine((slo) => slo.rawConsumedMinutes >= slo.consumedMinutes, 'raw counts every charge, adjusted ones included');
  const release = z
    .object({
      id,
      url: z.string(),
      version: z.string().min(1),
      train: z.string().min(1),
      date,
      status: z.enum(['planned', 'in-progress', 'shipped', 'rolled-back', 'cancelled']),
      gates: z.array(z.object({ gate: z.string().min(1), status: z.enum(['passed', 'failed', 'waived', 'pending']) })),
      hotfix: z.boolean(),
      fixes: z.array(id),
      changes: z.array(
        z.object({
          type: z.enum(['added', 'changed', 'fixed', 'removed', 'deprecated', 'security']),
          summary: z.string().min(1),
          prd: id.optional(),
          mergedAt: dateTime.optional(),
        }),
      ),
      incidents: z.array(id),
    })
    .refine(urlOf('releases'), 'url is the entry route');
  const prd = z
    .object({
      id,
      url: z.string(),
      title: z.string().min(1),
      status: z.enum(['in-review', 'approved', 'rejected', 'shipped', 'superseded']),
      owner: teamRef,
      reviewSession: date.nullable(),
      supersededBy: id.nullable(),
    })
    .refine(urlOf('prds'), 'url is the entry route')
    .refine((p) => p.status !== 'in-review' || p.reviewSession !== null, 'an in-review PRD has a review session');
  const actionItemRow = actionItem.extend({ postmortem: id });
  const review = z
    .object({ date, kind: z.enum(['postmortem', 'prd']), items: z.array(id).min(1), url: z.string(), readBy: date })
    .refine((session) => session.date >= TODAY, 'an upcoming session')
    .refine((session) => session.url === `/reviews/${session.date}/`, 'url is the pack route');
  return {
    postmortems: z.array(postmortem),
    slos: z.array(slo),
    releases: z.array(release),
    prds: z.array(prd),
    'action-items': z.array(actionItemRow),
    reviews: z.array(review),
  } satisfies Record<ApiName, z.ZodType>;
}

/** Every number in a JSON value is finite (JSON would turn NaN/Infinity into null). */
function assertFiniteNumbers(value: unknown, path = '$'): void {
  if (typeof value === 'number') assert.ok(Number.isFinite(value), `${path} is ${value}`);
  else if (Array.isArray(value)) value.forEach((item, index) => assertFiniteNumbers(item, `${path}[${index}]`));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) assertFiniteNumbers(item, `${path}.${key}`);
}

type Json = Record<string, any>;

for (const audience of ['internal', 'public'] as const) {
  describe(`JSON API, ${audience} audience`, () => {
    let loaded: LoadedHandbook;
    const api = {} as Record<ApiName, Json[]>;
    before(() => {
      loaded = load(audience);
      for (const name of API_NAMES) api[name] = JSON.parse(JSON.stringify(apiArray(loaded.model, name)));
    });

    for (const name of API_NAMES) {
      it(`${name}.json matches the contract`, () => {
        const result = schemas(audience)[name].safeParse(api[name]);
        assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
        // The public audience sees no review sessions: only published postmortems are public, and no public PRD is in review.
        if (!(audience === 'public' && name === 'reviews'))
          assert.ok(api[name].length > 0, `${name}.json is not empty for the example handbook`);
        assertFiniteNumbers(api[name], name);
      });
    }

    it('lists exactly the entries the model shows, once each', () => {
      const { model } = loaded;
      assert.deepEqual(
        api.postmortems.map((pm) => pm.id),
        model.postmortems.map((pm) => pm.id),
      );
      assert.deepEqual(api.slos.map((slo) => slo.id).sort(), model.slos.map((slo) => slo.id).sort());
      assert.deepEqual(api.releases.map((r) => r.id).sort(), model.releases.map((r) => r.id).sort());
      assert.deepEqual(api.prds.map((p) => p.id).sort(), model.prds.map((p) => p.id).sort());
      assert.equal(new Set(api.postmortems.map((pm) => pm.id)).size, api.postmortems.length);
      assert.equal(
        api['action-items'].length,
        api.postmortems.reduce((sum, pm) => sum + pm.actionItems.length, 0),
      );
    });

    it('computes budgets as the contract defines them', () => {
      for (const slo of api.slos) {
        // A rolling window's minutes are its duration; a calendar window's, its whole period.
        const windowMinutes = slo.window.startsWith('calendar-')
          ? (Date.parse(slo.windowEnd) - Date.parse(slo.windowStart)) / 60_000
          : durationMinutes(slo.window);
        if (!slo.window.startsWith('calendar-'))
          assert.equal(slo.windowEnd, new Date(AS_OF).toISOString(), `${slo.id}: a rolling window ends at the as-of instant`);
        else
          assert.ok(
            Date.parse(slo.windowStart) <= Date.parse(AS_OF) && Date.parse(AS_OF) < Date.parse(slo.windowEnd),
            `${slo.id}: the period contains the as-of instant`,
          );
        const budget = ((100 - slo.objective) / 100) * windowMinutes;
        assert.ok(Math.abs(slo.budgetMinutes - budget) < 1e-6, `${slo.id}: budgetMinutes ${slo.budgetMinutes} ≠ ${budget}`);
        const consumedPercent = (100 * slo.consumedMinutes) / slo.budgetMinutes;
        assert.ok(Math.abs(slo.remainingPercent - (100 - consumedPercent)) < 1e-5, `${slo.id}: remainingPercent`);
        const expected = consumedPercent >= 100 - 1e-6 ? 'exhausted' : consumedPercent >= 75 - 1e-6 ? 'at-risk' : 'healthy';
        assert.equal(slo.status, expected, `${slo.id}: ${consumedPercent}% consumed`);
        const adjusted =
          slo.adjustments.reduce((total: number, adjustment: Json) => total + adjustment.minutes, 0) + slo.unlistedAdjustmentMinutes;
        assert.ok(
          Math.abs(slo.rawConsumedMinutes - slo.consumedMinutes - adjusted) < 1e-6,
          `${slo.id}: raw ${slo.rawConsumedMinutes} = consumed ${slo.consumedMinutes} + adjustments ${adjusted}`,
        );
        if (slo.unlistedIncidents === 0) {
          // Clipping to the window can only lower a charge: consumed ≤ the incidents' whole charges.
          const charged = api.postmortems.flatMap((pm) =>
            pm.sloImpact.filter((impact: Json) => impact.slo === slo.id && slo.incidents.includes(pm.id) && !impact.excluded),
          );
          const sum = charged.reduce((total: number, impact: Json) => total + impact.badMinutes, 0);
          assert.ok(
            slo.consumedMinutes <= sum + 1e-6,
            `${slo.id}: consumed ${slo.consumedMinutes} is at most the sum of its incidents' charges ${sum}`,
          );
        }
      }
    });

    it('flags overdue action items: open or in progress and due before the as-of date', () => {
      for (const item of api['action-items']) {
        assert.equal(
          item.overdue,
          (item.status === 'open' || item.status === 'in-progress') && item.due < TODAY,
          `${item.postmortem}: ${item.title}`,
        );
      }
      assert.ok(
        api['action-items'].some((item) => item.overdue),
        'the example has overdue items',
      );
    });

    it('links releases and incidents both ways', () => {
      const byId = new Map(api.postmortems.map((pm) => [pm.id, pm]));
      for (const release of api.releases) {
        for (const incident of release.incidents)
          assert.ok(byId.get(incident)?.releases.includes(release.id), `${incident} names ${release.id}`);
      }
      for (const pm of api.postmortems) {
        for (const releaseId of pm.releases)
          assert.ok(api.releases.find((r) => r.id === releaseId)?.incidents.includes(pm.id), `${releaseId} lists ${pm.id}`);
      }
    });

    it('names no entry the audience may not see', () => {
      const { model, validation } = loaded;
      const visible = new Map<CollectionName, Set<string>>();
      for (const view of model.all()) visible.set(view.collection, (visible.get(view.collection) ?? new Set()).add(view.id));
      const refs: [CollectionName, unknown][] = [];
      for (const pm of api.postmortems) {
        refs.push(
          ['postmortems', pm.id],
          ...pm.services.map((s: string) => ['services', s] as [CollectionName, string]),
          ...pm.releases.map((r: string) => ['releases', r] as [CollectionName, string]),
          ...pm.prds.map((p: string) => ['prds', p] as [CollectionName, string]),
        );
        for (const impact of pm.sloImpact) refs.push(['slos', impact.slo]);
        for (const item of pm.actionItems) refs.push(['teams', item.owner]);
      }
      for (const slo of api.slos)
        refs.push(
          ['slos', slo.id],
          ['services', slo.service],
          ['teams', slo.owner],
          ...slo.incidents.map((i: string) => ['postmortems', i] as [CollectionName, string]),
        );
      for (const release of api.releases) {
        refs.push(
          ['releases', release.id],
          ...release.services.map((s: string) => ['services', s] as [CollectionName, string]),
          ...release.incidents.map((i: string) => ['postmortems', i] as [CollectionName, string]),
          ...release.prds.map((p: string) => ['prds', p] as [CollectionName, string]),
        );
        for (const change of release.changes) if (change.prd) refs.push(['prds', change.prd]);
      }
      for (const prd of api.prds)
        refs.push(
          ['prds', prd.id],
          ['teams', prd.owner],
          ['prds', prd.supersededBy],
          ...prd.slos.map((s: string) => ['slos', s] as [CollectionName, string]),
          ...prd.releases.map((r: string) => ['releases', r] as [CollectionName, string]),
        );
      for (const item of api['action-items']) refs.push(['postmortems', item.postmortem], ['teams', item.owner]);
      for (const [collection, ref] of refs) {
        if (ref === null) continue;
        assert.ok(
          visible.get(collection)?.has(ref as string),
          `${collection}/${String(ref)} is referenced but not visible to the ${audience} audience`,
        );
      }

      // And no hidden entry's id shows up anywhere in the files as a JSON string.
      const hidden = validation.entries.filter((entry) => !visible.get(entry.collection)?.has(entry.id));
      if (audience === 'public') assert.ok(hidden.length > 0, 'the example handbook has internal entries');
      const text = API_NAMES.map((name) => JSON.stringify(api[name])).join('\n');
      for (const entry of hidden)
        assert.equal(text.includes(`"${entry.id}"`), false, `hidden ${entry.collection}/${entry.id} appears in the JSON`);
    });
  });
}

describe('JSON API, public audience versus internal', () => {
  it('keeps counting hidden incidents in SLO budgets without naming them', () => {
    const internal = new Map(apiArray(load('internal').model, 'slos').map((slo: any) => [slo.id, slo]));
    for (const slo of apiArray(load('public').model, 'slos') as Json[]) {
      const full = internal.get(slo.id) as Json;
      assert.equal(slo.consumedMinutes, full.consumedMinutes, `${slo.id}: same budget in both builds`);
      assert.equal(
        slo.incidents.length + slo.unlistedIncidents,
        full.incidents.length,
        `${slo.id}: listed + unlisted = all incidents in the window`,
      );
    }
  });
});
