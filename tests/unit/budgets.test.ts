/** Error budgets (src/core/budgets.ts), pinned with hand-worked examples. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  badMinutes,
  budgetMinutes,
  budgetStatus,
  burnDownInstants,
  chargeInWindow,
  consumedBy,
  incidentCharges,
  incidentsAround,
  sloBudget,
  type Exclusion,
  type IncidentForBudget,
} from '../../src/core/budgets.ts';

const NOW = Date.parse('2026-11-28T12:00:00Z');

/** An incident with one charge to `slo`, impact from `started` to `mitigated`. */
function incident(
  id: string,
  started: string,
  mitigated: string | undefined,
  charge: { minutes?: number; fraction?: number; excluded?: Exclusion } = {},
  slo = 'checkout',
): IncidentForBudget {
  return { id, timeline: { started, detected: started, mitigated, resolved: mitigated }, impact: { slos: [{ slo, ...charge }] } };
}

describe('budgetMinutes', () => {
  it('is (100 − objective)/100 × window minutes: 99.9% over 30d = 43.2', () => {
    assert.equal(budgetMinutes({ objective: 99.9, window: '30d' }, NOW), 43.2);
  });
  it('handles a 28-day window: 99.5% over 28d = 0.005 × 40320 = 201.6', () => {
    assert.equal(budgetMinutes({ objective: 99.5, window: '28d' }, NOW), 201.6);
  });
  it('99.9% over 28d = 40.32, 99.95% over 30d = 21.6, 99% over 4w = 403.2', () => {
    assert.equal(budgetMinutes({ objective: 99.9, window: '28d' }, NOW), 40.32);
    assert.equal(budgetMinutes({ objective: 99.95, window: '30d' }, NOW), 21.6);
    assert.equal(budgetMinutes({ objective: 99, window: '4w' }, NOW), 403.2);
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
    assert.equal(
      badMinutes(
        { started: '2026-03-02T10:00:00+01:00', detected: '2026-03-02T09:05:00Z', mitigated: '2026-03-02T09:30:00Z' },
        { slo: 's' },
        NOW,
      ),
      30,
    );
  });
  it('charges an incident that is not mitigated yet up to the as-of instant', () => {
    assert.equal(badMinutes({ started: '2026-11-28T11:00:00Z', detected: '2026-11-28T11:00:00Z' }, { slo: 's', fraction: 0.5 }, NOW), 30);
  });
});

describe('sloBudget', () => {
  const target = { objective: 99.9, window: '30d' };
  it('sums the charges of incidents that started inside the window', () => {
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('a', '2026-11-20T10:00:00Z', '2026-11-20T10:10:00Z'), // 10
        incident('b', '2026-11-01T08:00:00+01:00', '2026-11-01T07:20:00Z', { fraction: 0.5 }), // 20 min × 0.5 = 10
        incident('c', '2026-11-05T00:00:00Z', '2026-11-05T05:00:00Z', { minutes: 1.6 }),
      ],
      NOW,
      75,
    );
    assert.equal(report.budgetMinutes, 43.2);
    assert.equal(report.consumedMinutes, 21.6);
    assert.equal(report.consumedPercent, 50);
    assert.equal(report.remainingMinutes, 21.6);
    assert.equal(report.remainingPercent, 50);
    assert.equal(report.status, 'healthy');
    assert.deepEqual(
      report.charges.map((charge) => charge.postmortem),
      ['b', 'c', 'a'],
      'oldest first',
    );
    assert.equal(report.charges[0].budgetPercent, 23.148148, '10 of 43.2, to a millionth');
  });
  it('counts only the part of an incident inside the window (one that straddles the window start)', () => {
    // The 30-day window ending 2026-11-28T12:00Z starts 2026-10-29T12:00Z.
    // 'old' 11:59 → 13:00 is 61 minutes, of which 12:00 → 13:00 (60) lie inside; × 0.5 = 30.
    // 'edge' 12:00 → 12:05 lies wholly inside: 5 × 0.5 = 2.5. Consumed 32.5.
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('old', '2026-10-29T11:59:00Z', '2026-10-29T13:00:00Z', { fraction: 0.5 }),
        incident('edge', '2026-10-29T12:00:00Z', '2026-10-29T12:05:00Z', { fraction: 0.5 }),
        incident('gone', '2026-10-29T10:00:00Z', '2026-10-29T12:00:00Z'),
      ],
      NOW,
      75,
    );
    assert.deepEqual(
      report.charges.map((charge) => [charge.postmortem, charge.badMinutes]),
      [
        ['edge', 2.5],
        ['old', 30],
      ],
      "'gone' ended as the window began: nothing inside",
    );
    assert.equal(report.consumedMinutes, 32.5);
    assert.equal(report.charges[1].started, '2026-10-29T11:59:00Z', 'the authored start is kept');
  });
  it('clips an incident straddling the window start (without fraction): 11:00 → 13:30, inside from 12:00 = 90 minutes', () => {
    const report = sloBudget('checkout', target, [incident('straddle', '2026-10-29T11:00:00Z', '2026-10-29T13:30:00Z')], NOW, 75);
    assert.equal(report.consumedMinutes, 90);
    assert.deepEqual(report.charges[0].badTime, [
      { from: Date.parse('2026-10-29T12:00:00Z'), to: Date.parse('2026-10-29T13:30:00Z'), minutes: 90 },
    ]);
  });
  it('prorates a minutes charge straddling the window start: 20 min over 10:00 → 14:00, half inside = 10', () => {
    // [10:00, 14:00] is 240 minutes; [12:00, 14:00] = 120 of them lie in the window: 20 × 120/240 = 10.
    const report = sloBudget('checkout', target, [incident('m', '2026-10-29T10:00:00Z', '2026-10-29T14:00:00Z', { minutes: 20 })], NOW, 75);
    assert.equal(report.consumedMinutes, 10);
  });
  it('does not count an incident after the as-of instant, nor charges to another SLO', () => {
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('future', '2026-11-28T12:01:00Z', '2026-11-28T13:00:00Z'),
        incident('other', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z', {}, 'search'),
      ],
      NOW,
      75,
    );
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
    const at = (minutes: number) =>
      sloBudget('checkout', target, [incident('x', '2026-11-20T10:00:00Z', '2026-11-20T12:00:00Z', { minutes })], NOW, 75);
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

describe('sloBudget: overlaps, exclusions, open incidents, drafts', () => {
  const target = { objective: 99.9, window: '30d' };
  const excluded: Exclusion = { reason: 'planned-maintenance', approvedBy: 'Priya Raman' };

  it('counts overlapping full outages once: 10:00–10:40 and 10:20–11:00 are 60 minutes, not 80', () => {
    // a: 10:00 → 10:40 (40, all its own). b: 10:20 → 11:00, of which 10:40 → 11:00 (20) is not yet counted.
    // c has a fraction, so it is not a full outage and counts on its own: 10:30 → 10:50 × 0.5 = 10. Total 70.
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('b', '2026-11-10T10:20:00Z', '2026-11-10T11:00:00Z'),
        incident('a', '2026-11-10T10:00:00Z', '2026-11-10T10:40:00Z'),
        incident('c', '2026-11-10T10:30:00Z', '2026-11-10T10:50:00Z', { fraction: 0.5 }),
      ],
      NOW,
      75,
    );
    assert.deepEqual(
      report.charges.map((charge) => [charge.postmortem, charge.badMinutes]),
      [
        ['a', 40],
        ['b', 20],
        ['c', 10],
      ],
    );
    assert.equal(report.consumedMinutes, 70);
    assert.equal(report.rawConsumedMinutes, 70);
  });
  it('counts a full outage inside another once: 10:00–11:00 and 10:15–10:30 are 60 minutes', () => {
    const report = sloBudget(
      'checkout',
      target,
      [incident('long', '2026-11-10T10:00:00Z', '2026-11-10T11:00:00Z'), incident('short', '2026-11-10T10:15:00Z', '2026-11-10T10:30:00Z')],
      NOW,
      75,
    );
    assert.equal(report.consumedMinutes, 60);
    assert.deepEqual(
      report.charges.map((charge) => [charge.postmortem, charge.badMinutes]),
      [
        ['long', 60],
        ['short', 0],
      ],
    );
  });
  it('keeps an excluded charge in the raw total and the adjustments, not in consumed', () => {
    // a: 10 minutes, counts. m: 02:00 → 02:30 = 30 minutes, planned maintenance: raw 40, consumed 10.
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('a', '2026-11-20T10:00:00Z', '2026-11-20T10:10:00Z'),
        incident('m', '2026-11-21T02:00:00Z', '2026-11-21T02:30:00Z', { excluded }),
      ],
      NOW,
      75,
    );
    assert.equal(report.consumedMinutes, 10);
    assert.equal(report.rawConsumedMinutes, 40);
    assert.equal(report.consumedPercent, 23.148148, '10 of 43.2');
    assert.equal(report.remainingPercent, 76.851852);
    assert.deepEqual(
      report.charges.map((charge) => charge.postmortem),
      ['a'],
    );
    assert.deepEqual(
      report.adjustments.map((charge) => [charge.postmortem, charge.badMinutes, charge.excluded.reason, charge.excluded.approvedBy]),
      [['m', 30, 'planned-maintenance', 'Priya Raman']],
    );
  });
  it('decides the status on consumed, not raw: 43.2 excluded minutes leave the budget healthy', () => {
    const report = sloBudget('checkout', target, [incident('m', '2026-11-20T10:00:00Z', '2026-11-20T10:43:12Z', { excluded })], NOW, 75);
    assert.equal(report.rawConsumedMinutes, 43.2);
    assert.equal(report.consumedMinutes, 0);
    assert.equal(report.status, 'healthy');
  });
  it('an excluded outage overlapping a counted one adjusts only the minutes not counted already', () => {
    // counted c: 10:15 → 10:45 (30). excluded d: 10:00 → 10:30; 10:15 → 10:30 is already counted,
    // so it adjusts 10:00 → 10:15 = 15. raw = 45 = the union 10:00 → 10:45; consumed 30.
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('d', '2026-11-22T10:00:00Z', '2026-11-22T10:30:00Z', { excluded }),
        incident('c', '2026-11-22T10:15:00Z', '2026-11-22T10:45:00Z'),
      ],
      NOW,
      75,
    );
    assert.equal(report.consumedMinutes, 30);
    assert.equal(report.rawConsumedMinutes, 45);
    assert.deepEqual(
      report.adjustments.map((charge) => [charge.postmortem, charge.badMinutes]),
      [['d', 15]],
    );
  });
  it('charges an incident not yet mitigated up to the as-of instant', () => {
    // 10:00 → now (12:00) = 120 minutes.
    const report = sloBudget('checkout', target, [incident('open', '2026-11-28T10:00:00Z', undefined)], NOW, 75);
    assert.equal(report.consumedMinutes, 120);
  });
  it('prorates a minutes charge of an incident not yet mitigated over [started, asOf]', () => {
    // Started 2026-10-28T12:00Z, 31 days (44,640 minutes) before the as-of instant; the window holds
    // the last 30 days (43,200 minutes) of them: 31 × 43200/44640 = 30.
    const report = sloBudget('checkout', target, [incident('open', '2026-10-28T12:00:00Z', undefined, { minutes: 31 })], NOW, 75);
    assert.equal(report.consumedMinutes, 30);
  });
  it('as of an earlier instant, counts only the bad time up to it (the budget at a release date)', () => {
    // As of 2026-11-28T11:30Z, the incident 11:00 → 13:00 has been bad for 30 minutes.
    const asOf = Date.parse('2026-11-28T11:30:00Z');
    const report = sloBudget('checkout', target, [incident('x', '2026-11-28T11:00:00Z', '2026-11-28T13:00:00Z')], asOf, 75);
    assert.equal(report.consumedMinutes, 30);
    assert.equal(report.asOf, asOf);
    assert.equal(report.windowEnd, asOf);
    assert.equal(report.windowStart, Date.parse('2026-10-29T11:30:00Z'));
  });
  it('never charges a draft or a near-miss', () => {
    const draft = { ...incident('draft', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'), status: 'draft' };
    const nearMiss = { ...incident('near', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'), kind: 'near-miss' };
    const counted = { ...incident('real', '2026-11-21T10:00:00Z', '2026-11-21T10:10:00Z'), status: 'in-review', kind: 'incident' };
    const report = sloBudget('checkout', target, [draft, nearMiss, counted], NOW, 75);
    assert.deepEqual(
      report.charges.map((charge) => charge.postmortem),
      ['real'],
    );
    assert.equal(report.consumedMinutes, 10);
  });
});

describe('incidentsAround', () => {
  it('leaves out only incidents that charge nothing in the window, for any window and as-of instant', () => {
    // A fixed pseudo-random handbook: impacts from an instant to three days, some not mitigated.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const base = Date.parse('2026-01-01T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
    const incidents = Array.from({ length: 300 }, (_, index) => {
      const started = base + Math.floor(random() * 300) * 86_400_000 + Math.floor(random() * 1440) * 60_000;
      const length = index % 17 === 0 ? 0 : Math.floor(random() * 3 * 1440) * 60_000;
      return incident(`i${index}`, iso(started), index % 23 === 0 ? undefined : iso(started + length));
    });
    for (let trial = 0; trial < 400; trial++) {
      const start = base + Math.floor(random() * 320 * 1440) * 60_000;
      const until = start + Math.floor(random() * 40 * 1440) * 60_000;
      const now = until + Math.floor(random() * 5 * 1440) * 60_000;
      const kept = new Set(incidentsAround(incidents, start, until));
      for (const candidate of incidents) {
        if (kept.has(candidate)) continue;
        const charge = candidate.impact!.slos![0];
        assert.equal(
          chargeInWindow(candidate.timeline, charge, start, until, now),
          undefined,
          `${candidate.id} left out of a window it charges`,
        );
      }
    }
    // And the index does leave most out of a short window (otherwise it would be no index).
    const day = base + 100 * 86_400_000;
    assert.ok(incidentsAround(incidents, day, day + 86_400_000).length < 60);
  });

  it('indexes a list again when it has grown', () => {
    const list = [incident('a', '2026-11-01T10:00:00Z', '2026-11-01T11:00:00Z')];
    const window: [number, number] = [Date.parse('2026-11-20T00:00:00Z'), Date.parse('2026-11-21T00:00:00Z')];
    assert.deepEqual(incidentsAround(list, ...window), []);
    list.push(incident('b', '2026-11-20T10:00:00Z', '2026-11-20T11:00:00Z'));
    assert.deepEqual(
      incidentsAround(list, ...window).map((found) => found.id),
      ['b'],
    );
  });
});

describe('burn-down', () => {
  it('accrues each stretch of bad time evenly, and turns only where a stretch begins or ends', () => {
    const target = { objective: 99.9, window: '30d' };
    const report = sloBudget(
      'checkout',
      target,
      [
        incident('a', '2026-11-10T10:00:00Z', '2026-11-10T10:40:00Z'),
        incident('b', '2026-11-10T10:20:00Z', '2026-11-10T11:00:00Z'),
        incident('m', '2026-11-12T00:00:00Z', '2026-11-12T04:00:00Z', { minutes: 8 }),
      ],
      NOW,
      75,
    );
    const at = (iso: string) => consumedBy(report.charges, Date.parse(iso));
    assert.equal(at('2026-11-10T10:00:00Z'), 0);
    assert.equal(at('2026-11-10T10:30:00Z'), 30, 'a alone so far');
    assert.equal(at('2026-11-10T10:50:00Z'), 50, 'a (40) + 10 of b');
    assert.equal(at('2026-11-12T01:00:00Z'), 62, '60 + a quarter of the 8 minutes spread over 4 hours');
    assert.equal(at('2026-11-28T12:00:00Z'), report.consumedMinutes);
    assert.deepEqual(
      burnDownInstants(report.charges, report.windowStart, report.asOf).map((ms) => new Date(ms).toISOString()),
      [
        '2026-10-29T12:00:00.000Z',
        '2026-11-10T10:00:00.000Z',
        '2026-11-10T10:40:00.000Z',
        '2026-11-10T11:00:00.000Z',
        '2026-11-12T00:00:00.000Z',
        '2026-11-12T04:00:00.000Z',
        '2026-11-28T12:00:00.000Z',
      ],
    );
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
      {
        id: 'x',
        timeline: { started: '2025-01-01T00:00:00Z', detected: '2025-01-01T00:00:00Z', mitigated: '2025-01-01T00:20:00Z' },
        impact: { slos: [{ slo: 'a' }, { slo: 'b', minutes: 4.32 }] },
      },
      new Map([
        ['a', { objective: 99.9, window: '30d' }],
        ['b', { objective: 99.9, window: '30d' }],
      ]),
      NOW,
    );
    assert.deepEqual(charges, [
      { slo: 'a', badMinutes: 20, budgetPercent: 46.296296 },
      { slo: 'b', badMinutes: 4.32, budgetPercent: 10 },
    ]);
  });
});
