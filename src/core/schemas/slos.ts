/** `slos/<id>.mdx`: a service level objective; the body explains the rationale. */
import { z } from 'astro/zod';
import { EVEN_WHEN_INVALID, oneOf, reference, text, visibility, type ReferenceUse } from './common.ts';
import { explainWindow } from '../windows.ts';
import { explainTimeZone } from '../zones.ts';

export const SLI_KINDS = ['availability', 'latency', 'freshness', 'correctness', 'throughput'] as const;
export const SLO_STATUSES = ['active', 'draft', 'retired'] as const;

const percentObjective = (what: string) =>
  z
    .number({ error: `must be a number: ${what} in percent, e.g. 99.9` })
    .gt(0, { error: `must be above 0: ${what} in percent, e.g. 99.9` })
    .lt(100, { error: `must be below 100 (100% leaves no error budget): ${what} in percent, e.g. 99.9` });

export const sloSchema = z
  .strictObject({
    /** Title, e.g. "Checkout availability". */
    title: text('a title'),
    /** The service this objective is about. */
    service: reference('services'),
    /** The team accountable for it; defaults to the service's team. */
    owner: reference('teams').optional(),
    /** The service level indicator. */
    sli: z.strictObject({
      /** What is measured. */
      kind: oneOf(SLI_KINDS, 'SLI kind'),
      /** How it is measured, in words. */
      description: text('a description of the measurement'),
      /** The good/bad threshold; required for latency. */
      threshold: z
        .strictObject({
          value: z.number({ error: 'must be a number, e.g. 200' }).positive({ error: 'must be above 0' }),
          unit: text('a unit, e.g. "ms"'),
          /** Percentile the threshold applies to, e.g. 99. */
          percentile: z.number().gt(0).lt(100, { error: 'must be a percentile between 0 and 100, e.g. 99' }).optional(),
        })
        .optional(),
    }),
    /** Target in percent, 0 < x < 100, e.g. 99.9. */
    objective: percentObjective('the objective'),
    /**
     * The window the budget covers: a rolling duration (`30d`, `28d`, `4w`), i.e.
     * `(asOf − window, asOf]`, or a calendar period containing the as-of instant:
     * `calendar-week` (from Monday 00:00), `calendar-month` or `calendar-quarter` (from the first
     * day at 00:00), in `timeZone`. A calendar window's budget is a share of the whole period.
     */
    window: z.string({ error: 'must be an SLO window such as "30d", "4w" or "calendar-month"' }).check((ctx) => {
      const problem = explainWindow(ctx.value);
      if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
    }),
    /**
     * IANA time zone of a calendar window (`Europe/Berlin`, `America/New_York`); default `UTC`.
     * Where its periods begin: an SLA written "per calendar month, New York time" needs it.
     */
    timeZone: z
      .string({ error: 'must be an IANA time zone name, e.g. "UTC", "Europe/Berlin" or "America/New_York"' })
      .check((ctx) => {
        const problem = explainTimeZone(ctx.value);
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value });
      })
      .optional(),
    /** The external promise; its objective must be lower than `objective`. */
    sla: z
      .strictObject({
        objective: percentObjective('the SLA objective'),
        description: text('a description').optional(),
      })
      .optional(),
    /** Lifecycle: `draft` is never published, `retired` stays for history. */
    status: oneOf(SLO_STATUSES, 'SLO status').default('active'),
    visibility,
  })
  .superRefine((slo, ctx) => {
    if (slo.sli?.kind === 'latency' && !slo.sli.threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['sli', 'threshold'],
        message: 'is required when sli.kind is latency; write e.g. { value: 200, unit: ms, percentile: 99 }',
      });
    }
    if (typeof slo.sla?.objective === 'number' && typeof slo.objective === 'number' && slo.sla.objective >= slo.objective) {
      ctx.addIssue({
        code: 'custom',
        path: ['sla', 'objective'],
        message: `${slo.sla.objective} must be lower than the SLO objective ${slo.objective}: the external promise needs a margin below the internal target`,
      });
    }
  }, EVEN_WHEN_INVALID);

export type Slo = z.output<typeof sloSchema>;

export function sloReferences(data: Slo): ReferenceUse[] {
  const uses: ReferenceUse[] = [{ path: ['service'], collection: 'services', id: data.service }];
  if (data.owner) uses.push({ path: ['owner'], collection: 'teams', id: data.owner });
  return uses;
}
