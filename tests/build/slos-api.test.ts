/**
 * The built `dist/api/slos.json`, validated against the contract's SLO object with the additions
 * of 2026-11-30 (rawConsumedMinutes, adjustments, windowStart, windowEnd, calendar windows),
 * written here as a zod schema, and checked against the example handbook's hand-computed figures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'astro/zod';
import { readDistJson } from '../support/dist.ts';

const id = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/);
const isoDateTime = z.iso.datetime();
const minutes = z.number();

const slo = z
  .object({
    id,
    url: z.string(),
    title: z.string().min(1),
    service: id.nullable(),
    objective: z.number().gt(0).lt(100),
    window: z.union([z.string().regex(/^\d+(\.\d+)?[mhdw]$/), z.enum(['calendar-week', 'calendar-month', 'calendar-quarter'])]),
    timeZone: z.string().min(1).nullable(),
    budgetMinutes: minutes.positive(),
    consumedMinutes: minutes.nonnegative(),
    rawConsumedMinutes: minutes.nonnegative(),
    remainingPercent: z.number(),
    status: z.enum(['healthy', 'at-risk', 'exhausted']),
    incidents: z.array(id),
    adjustments: z.array(
      z.strictObject({
        postmortem: id,
        minutes: minutes.nonnegative(),
        reason: z.enum(['planned-maintenance', 'third-party', 'out-of-scope', 'miscategorized']),
        approvedBy: z.string().min(1),
        note: z.string().min(1).optional(),
      }),
    ),
    windowStart: isoDateTime,
    windowEnd: isoDateTime,
  })
  .refine((entry) => entry.url === `/slos/${entry.id}/`, 'url is the entry route')
  .refine((entry) => Date.parse(entry.windowStart) < Date.parse(entry.windowEnd), 'the window starts before it ends')
  .refine((entry) => entry.rawConsumedMinutes >= entry.consumedMinutes, 'raw counts every charge, excluded ones included')
  .refine(
    (entry) => (entry.window.startsWith('calendar-') ? entry.timeZone !== null : entry.timeZone === null),
    'a calendar window names its zone',
  );

type SloJson = z.output<typeof slo>;
const slos = readDistJson<unknown[]>('api/slos.json');
const byId = (wanted: string) => (slos as SloJson[]).find((entry) => entry.id === wanted)!;

test('slos.json matches the extended contract', () => {
  const result = z.array(slo).safeParse(slos);
  assert.ok(result.success, result.success ? '' : z.prettifyError(result.error));
  assert.ok(slos.length > 0);
});

test('a calendar-month SLO: the November 2026 period in London and its budget', () => {
  // As of 2026-11-28T12:00Z. London is on GMT all November: 1 Nov 00:00 = 00:00Z, 1 Dec 00:00 = 00:00Z.
  // 30 × 1440 = 43,200 minutes; 0.05% of them = 21.6. The TLS rotation incident charged 15 minutes.
  const payments = byId('payments-authorization-availability');
  assert.deepEqual(
    [payments.window, payments.timeZone, payments.windowStart, payments.windowEnd],
    ['calendar-month', 'Europe/London', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
  );
  assert.equal(payments.budgetMinutes, 21.6);
  assert.equal(payments.consumedMinutes, 15);
});

test('the OpenSLO calendar SLO with two objectives', () => {
  const business = byId('business-order-placement') as SloJson & { sla: { objective: number } };
  assert.deepEqual(
    [business.window, business.timeZone, business.objective, business.sla.objective],
    ['calendar-month', 'Europe/London', 99.9, 99.5],
  );
  assert.equal(business.budgetMinutes, 43.2, '0.1% of 43,200');
});

test('an excluded charge: in raw consumption and the adjustments, not in consumed', () => {
  // Stale pick lists: 60 counted minutes, 10 minutes of announced cutover pause excluded.
  const freshness = byId('picklist-freshness');
  assert.equal(freshness.consumedMinutes, 60);
  assert.equal(freshness.rawConsumedMinutes, 70);
  assert.deepEqual(
    freshness.adjustments.map(({ postmortem, minutes: charged, reason, approvedBy }) => ({
      postmortem,
      minutes: charged,
      reason,
      approvedBy,
    })),
    [{ postmortem: 'stale-pick-lists-kafka-cutover', minutes: 10, reason: 'planned-maintenance', approvedBy: 'Helena Brandt' }],
  );
});

test('a rolling window ends at the as-of instant', () => {
  const checkout = byId('checkout-availability');
  assert.deepEqual([checkout.windowStart, checkout.windowEnd], ['2026-10-29T12:00:00.000Z', '2026-11-28T12:00:00.000Z']);
});
