/**
 * `dist/api/dora.json` and `dist/api/insights.json` of the built example handbook: their shape
 * against a schema of the contract, their consistency (rates from counts, medians within n), and
 * equality with the figures the core computes from the same content.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { readDistJson } from '../support/dist.ts';
import { doraApi, insightsApi } from '../../src/outputs/api.ts';
import { loadHandbook } from '../../src/build/load.ts';
import { readEnvironment } from '../../src/build/env.ts';

const root = join(import.meta.dirname, '..', '..');
const { model } = loadHandbook(readEnvironment(process.env, { root }));

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().nonnegative();
const share = z.number().min(0).max(1);
const medianOf = z
  .strictObject({ median: z.number().nonnegative().optional(), n: count })
  .refine((m) => (m.n === 0) === (m.median === undefined), 'median is present exactly when n > 0');
const keys = z
  .strictObject({
    deployments: count,
    deploymentsPerWeek: z.number().nonnegative(),
    failedDeployments: count,
    changeFailRate: share.optional(),
    failedDeploymentRecoveryMinutes: medianOf,
    hotfixDeployments: count,
    reworkRate: share.optional(),
    leadTimeHours: medianOf,
  })
  .refine(
    (k) => k.failedDeployments <= k.deployments && k.hotfixDeployments <= k.deployments,
    'failed and hotfix deployments are deployments',
  )
  .refine(
    (k) => (k.deployments === 0) === (k.changeFailRate === undefined && k.reworkRate === undefined),
    'rates are absent exactly when there is no deployment',
  )
  .refine((k) => k.failedDeploymentRecoveryMinutes.n <= k.failedDeployments, 'recovery covers failed deployments only');
const doraSchema = z.strictObject({
  from: day,
  to: day,
  windowDays: z.literal(90),
  org: keys,
  services: z.array(z.object({ service: z.string().min(1) }).and(keys)),
});

const distribution = z
  .strictObject({ n: count, median: z.number().nonnegative().optional(), p90: z.number().nonnegative().optional() })
  .refine((d) => (d.n === 0) === (d.median === undefined && d.p90 === undefined), 'median and p90 are present exactly when n > 0')
  .refine((d) => d.median === undefined || d.p90! >= d.median, 'p90 is at least the median');
const timeToX = z.strictObject({ detect: distribution, acknowledge: distribution, mitigate: distribution, resolve: distribution });
const trend = z.union([
  z.strictObject({ called: z.literal(false), reason: z.string().min(1) }),
  z.strictObject({ called: z.literal(true), direction: z.enum(['up', 'down', 'flat']), change: z.number() }),
]);
const period = z.strictObject({ from: day, to: day, incidents: count, timeToX });
const insightsSchema = z.strictObject({
  from: day,
  to: day,
  windowDays: z.literal(90),
  incidents: count,
  timeToX,
  previous: period,
  trends: z.strictObject({ detect: trend, acknowledge: trend, mitigate: trend, resolve: trend }),
  nearMisses: z.strictObject({ from: day, to: day, count, previousCount: count, trend }),
});

test('dora.json matches the contract and the core', () => {
  const dora = readDistJson<z.infer<typeof doraSchema>>('api/dora.json');
  const result = doraSchema.safeParse(dora);
  assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
  assert.deepEqual(dora, JSON.parse(JSON.stringify(doraApi(model))));
  // The window ends at the as-of date of the build (ALMANAC_NOW) and holds 90 days.
  assert.equal(dora.to, new Date(model.site.now).toISOString().slice(0, 10));
  assert.equal((Date.parse(dora.to) - Date.parse(dora.from)) / 86_400_000, 89);
  assert.deepEqual(
    dora.services.map((row) => row.service),
    model.services.map((service) => service.id),
    'one row per visible service',
  );
  // The example handbook shows real figures: deployments, a failure with a recovery time, a hotfix, merge times.
  assert.ok(dora.org.deployments > 0 && dora.org.failedDeployments > 0 && dora.org.hotfixDeployments > 0);
  assert.ok(dora.org.failedDeploymentRecoveryMinutes.n >= 3 && dora.org.leadTimeHours.n >= 3);
  assert.equal(dora.org.changeFailRate, Math.round((dora.org.failedDeployments / dora.org.deployments) * 1e6) / 1e6);
});

test('insights.json matches the contract and the core; near misses are counted apart', () => {
  const insights = readDistJson<z.infer<typeof insightsSchema>>('api/insights.json');
  const result = insightsSchema.safeParse(insights);
  assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
  assert.deepEqual(insights, JSON.parse(JSON.stringify(insightsApi(model))));
  assert.ok(insights.timeToX.mitigate.n > 0);
  assert.ok(insights.nearMisses.count >= 1, 'the example near miss is counted');
  for (const figure of Object.values(insights.timeToX)) assert.ok(figure.n <= insights.incidents);
});

test('postmortems.json carries kind on every object', () => {
  const postmortems = readDistJson<{ id: string; kind: string }[]>('api/postmortems.json');
  assert.ok(postmortems.every((pm) => pm.kind === 'incident' || pm.kind === 'near-miss'));
  assert.ok(postmortems.some((pm) => pm.kind === 'near-miss'));
});
