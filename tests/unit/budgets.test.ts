/** Error budgets (src/lib/budgets.ts), pinned with hand-worked examples. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { badMinutes, budgetMinutes, budgetStatus, incidentCharges, sloBudget, type IncidentForBudget } from '../../src/lib/budgets.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');

/** An incident with one charge to `slo`, impact from `started` to `mitigated`. */
function incident(id: string, started: string, mitigated: string | undefined, charge: { minutes?: number; fraction?: number } = {}, slo = 'checkout'): IncidentForBudget {
  return { id, timeline: { started, detected: started, mitigated, resolved: mitigated }, impact: { slos: [{ slo, ...charge }] } };
}

describe('budgetMinutes', () => {
  it('is (100 − objective)/100 × window minutes: 99.9% over 30d = 43.2', () => {
    assert.equal(budgetMinutes({ objective: 99.9, window: '30d' }), 43.2);
  });
  it('handles a 28-day window: 99.5% over 28d = 0.005 × 40320 = 201.6', () => {
    assert.equal(budgetMinutes({ objective: 99.5, window: '28d' }), 201.6);
  });
  it('99.9% over 28d = 40.32, 99.95% over 30d = 21.6, 99% over 4w = 403.2', () => {
    assert.equal(budgetMinutes({ objective: 99.9, window: '28d' }), 40.32);
    assert.equal(budgetMinutes({ objective: 99.95, window: '30d' }), 21.6);
    assert.equal(budgetMinutes({ objective: 99, window: '4w' }), 403.2);
  });
});

describe('badMinutes', () => {
  const timeline = { started: '2026-11-10T10:00:00Z', detected: '2026-11-10T10:05:00Z', mitigated: '2026-11-10T10:40:00Z' };
  it('charges mitigated − started when neither minutes nor fraction is given', () => {
    assert.equal(badMinutes(timeline, { slo: 's' }, NOW), 40);
  });
  it('multiplies by the fraction: 40 min × 0.25 = 10', () => {
    assert.equal(badMinutes(timeline, { slo: 's', fraction: 0.25 }, NOW), 10);
  });
  it('uses the minutes override as given, ignoring the duration and the fraction', () => {
    assert.equal(badMinutes(timeline, { slo: 's', minutes: 7.5 }, NOW), 7.5);
    assert.equal(badMinutes(timeline, { slo: 's', minutes: 12, fraction: 0.5 }, NOW), 12);
  });
  it('works across UTC offsets: started 10:00+01:00, mitigated 09:30Z = 30 minutes', () => {
    assert.equal(badMinutes({ started: '2026-03-02T10:00:00+01:00', detected: '2026-03-02T09:05:00Z', mitigated: '2026-03-02T09:30:00Z' }, { slo: 's' }, NOW), 30);
  });
  it('charges an incident that is not mitigated yet up to the as-of instant', () => {
    assert.equal(badMinutes({ started: '2026-11-28T11:00:00Z', detected: '2026-11-28T11:00:00Z' }, { slo: 's', fraction: 0.5 }, NOW), 30);
  });
});

describe('sloBudget', () => {
  const target = { objective: 99.9, window: '30d' };
  it('sums the charges of incidents that started inside the window', () => {
    const report = sloBudget('checkout', target, [
      incident('a', '2026-11-20T10:00:00Z', '2026-11-20T10:10:00Z'), // 10
      incident('b', '2026-11-01T08:00:00+01:00', '2026-11-01T07:20:00Z', { fraction: 0.5 }), // 20 min × 0.5 = 10
      incident('c', '2026-11-05T00:00:00Z', '2026-11-05T05:00:00Z', { minutes: 1.6 }),
    ], NOW, 75);
    assert.equal(report.budgetMinutes, 43.2);
    assert.equal(report.consumedMinutes, 21.6);
    assert.equal(report.consumedPercent, 50);
    assert.equal(report.remainingMinutes, 21.6);
    assert.equal(report.remainingPercent, 50);
    assert.equal(report.status, 'healthy');
    assert.deepEqual(report.charges.map((charge) => charge.postmortem), ['b', 'c', 'a'], 'oldest first');
    assert.equal(report.charges[0].budgetPercent, 23.148148, '10 of 43.2, to a millionth');
  });
  it('does not count an incident that started before the window, even if it ended inside it', () => {
    // The 30-day window ending 2026-11-28T12:00Z starts 2026-10-29T12:00Z.
    const report = sloBudget('checkout', target, [
      incident('old', '2026-10-29T11:59:00Z', '2026-10-29T13:00:00Z'),
      incident('edge', '2026-10-29T12:00:00Z', '2026-10-29T12:05:00Z'),
    ], NOW, 75);
    assert.deepEqual(report.charges.map((charge) => charge.postmortem), ['edge']);
    assert.equal(report.consumedMinutes, 5);
  });
  it('does not count an incident after the as-of instant, nor charges to another SLO', () => {
    const report = sloBudget('checkout', target, [
      incident('future', '2026-11-28T12:01:00Z', '2026-11-28T13:00:00Z'),
      incident('other', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', {}, 'search'),
    ], NOW, 75);
    assert.equal(report.consumedMinutes, 0);
    assert.equal(report.status, 'healthy');
  });
  it('uses the window length of the SLO: 99.5% over 28d', () => {
    const within = incident('in', '2026-11-01T00:00:00Z', '2026-11-01T01:40:48Z'); // 100.8 min = half of 201.6
    const outside = incident('out', '2026-10-30T00:00:00Z', '2026-10-30T01:00:00Z'); // inside 30d, outside 28d
    const report = sloBudget('checkout', { objective: 99.5, window: '28d' }, [within, outside], NOW, 75);
    assert.equal(report.budgetMinutes, 201.6);
    assert.equal(report.consumedMinutes, 100.8);
    assert.equal(report.consumedPercent, 50);
  });
  it('is at risk at exactly 75% and exhausted at exactly 100%', () => {
    const at = (minutes: number) => sloBudget('checkout', target, [incident('x', '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z', { minutes })], NOW, 75);
    assert.equal(at(32.39).status, 'healthy');
    assert.equal(at(32.4).status, 'at-risk', '32.4 of 43.2 is exactly 75%');
    assert.equal(at(43.19).status, 'at-risk');
    assert.equal(at(43.2).status, 'exhausted', '43.2 of 43.2 is exactly 100%');
  });
  it('reports remainingPercent below 0 and consumedPercent above 100 when overspent', () => {
    const report = sloBudget('checkout', target, [incident('x', '2026-11-20T10:00:00Z', '2026-11-20T11:04:48Z')], NOW, 75); // 64.8 min
    assert.equal(report.consumedMinutes, 64.8);
    assert.equal(report.consumedPercent, 150);
    assert.equal(report.remainingPercent, -50);
    assert.equal(report.remainingMinutes, -21.6);
    assert.equal(report.status, 'exhausted');
  });
});

describe('budgetStatus', () => {
  it('follows a configured at-risk threshold', () => {
    assert.equal(budgetStatus(20, 40, 50), 'at-risk');
    assert.equal(budgetStatus(19.9, 40, 50), 'healthy');
    assert.equal(budgetStatus(151.2, 201.6, 75), 'at-risk');
  });
});

describe('incidentCharges', () => {
  it('charges every SLO of the incident whatever the window, with its budget share', () => {
    const charges = incidentCharges(
      { id: 'x', timeline: { started: '2025-01-01T00:00:00Z', detected: '2025-01-01T00:00:00Z', mitigated: '2025-01-01T00:20:00Z' }, impact: { slos: [{ slo: 'a' }, { slo: 'b', minutes: 4.32 }] } },
      new Map([['a', { objective: 99.9, window: '30d' }], ['b', { objective: 99.9, window: '30d' }]]),
      NOW,
    );
    assert.deepEqual(charges, [
      { slo: 'a', badMinutes: 20, budgetPercent: 46.296296 },
      { slo: 'b', badMinutes: 4.32, budgetPercent: 10 },
    ]);
  });
});
