/** `releases/<id>.mdx`: release notes; the body is the narrative. */
import { z } from 'astro/zod';
import type { Vocabulary } from './config.ts';
import {
  configuredValue,
  date,
  dateTime,
  EVEN_WHEN_INVALID,
  itemsOf,
  listReferences,
  oneOf,
  reference,
  text,
  visibility,
  type ReferenceUse,
} from './common.ts';
import { DAY_MS, dayStart, explainDate, explainDateTime, instant } from '../time.ts';

export const RELEASE_STATUSES = ['planned', 'in-progress', 'shipped', 'rolled-back', 'cancelled'] as const;
export const GATE_STATUSES = ['passed', 'failed', 'waived', 'pending'] as const;
export const CHANGE_TYPES = ['added', 'changed', 'fixed', 'removed', 'deprecated', 'security'] as const;

export const releaseSchema = (vocabulary: Vocabulary) =>
  z
    .strictObject({
      /** Semver or calendar version; unique across releases. */
      version: z.union([text('a version'), z.number().transform(String)], { error: 'must be a version such as "4.12.0" or "2026.11.1"' }),
      /** Defaults to the version. */
      title: text('a title').optional(),
      /** The release train it rode, e.g. `2026-11-a`. */
      train: text('a train name, e.g. "2026-11-a"'),
      /** Planned date, or shipped date once shipped. */
      date,
      status: oneOf(RELEASE_STATUSES, 'release status').default('planned'),
      services: z.array(reference('services')).default([]),
      /** An unplanned release outside the train, made because of a production problem. */
      hotfix: z.boolean({ error: 'must be true or false' }).default(false),
      /** The incidents (postmortem ids) this release remediates. */
      fixes: z.array(reference('postmortems')).default([]),
      /** Quality gates and their outcome; names from the site configuration. */
      gates: z
        .array(
          z.strictObject({
            gate: configuredValue(vocabulary.gates, 'quality gate', 'gates'),
            status: oneOf(GATE_STATUSES, 'gate status'),
            /** Link or note proving the outcome. */
            evidence: text('evidence').optional(),
            /** Required when status is waived: who accepted the risk and why. */
            waiver: z.strictObject({ by: text('who waived it').optional(), reason: text('why it was waived').optional() }).optional(),
          }),
        )
        .default([]),
      changes: z
        .array(
          z.strictObject({
            type: oneOf(CHANGE_TYPES, 'change type'),
            summary: text('a summary'),
            /** The PRD this change delivers. */
            prd: reference('prds').optional(),
            breaking: z.boolean({ error: 'must be true or false' }).default(false),
            /** When the change was merged (datetime with offset): the start of its lead time. */
            mergedAt: dateTime.optional(),
          }),
        )
        .default([]),
      /**
       * Lets the release ship while a service's error budget is exhausted (policy
       * `budgetFreeze`): who approved it, why, and until which date the exception holds. An
       * exception whose `until` is before the release date no longer allows it.
       */
      budgetException: z
        .strictObject(
          {
            /** Who approved shipping during the freeze (a name and role), e.g. "Dana Whitfield (VP Engineering)". */
            approvedBy: text('the name of who approved the exception'),
            /** Why the release cannot wait for the budget to recover. */
            reason: text('the reason the release cannot wait'),
            /** Last day (YYYY-MM-DD) the exception holds; on or after the release date. */
            until: date,
          },
          { error: 'must be { approvedBy, reason, until } with until a date YYYY-MM-DD' },
        )
        .optional(),
      visibility,
    })
    .superRefine((release, ctx) => {
      const seen = new Map<string, number>();
      const gates = itemsOf(release.gates);
      gates.forEach((gate, index) => {
        if (seen.has(gate.gate)) {
          ctx.addIssue({
            code: 'custom',
            path: ['gates', index, 'gate'],
            message: `"${gate.gate}" is listed twice (also gates[${seen.get(gate.gate)}]); list each gate once`,
          });
        }
        seen.set(gate.gate, index);
        if (gate.status === 'waived') {
          for (const field of ['by', 'reason'] as const) {
            if (!gate.waiver?.[field]) {
              ctx.addIssue({
                code: 'custom',
                path: ['gates', index, 'waiver', field],
                message: `is required when a gate is waived: write waiver: { by: <who accepted the risk>, reason: <why> }`,
              });
            }
          }
        }
      });
      // A change cannot ride a release that was cut before it was merged. The release's date is a
      // UTC day, so anything merged by the end of that day is accepted (its lead time is then 0).
      const releaseDate = typeof release.date === 'string' && explainDate(release.date) === undefined ? release.date : undefined;
      if (releaseDate) {
        itemsOf(release.changes).forEach((change, index) => {
          const merged =
            typeof change.mergedAt === 'string' && explainDateTime(change.mergedAt) === undefined ? change.mergedAt : undefined;
          if (merged && instant(merged) >= dayStart(releaseDate) + DAY_MS) {
            ctx.addIssue({
              code: 'custom',
              path: ['changes', index, 'mergedAt'],
              message: `${merged} is after the end of the release date ${releaseDate} (UTC), so the change cannot have shipped in this release; write when it was merged (at the latest ${releaseDate}T23:59:59Z) or list the change in a later release`,
            });
          }
        });
      }
      if (release.status === 'shipped') {
        for (const required of vocabulary.requiredGates) {
          const index = seen.get(required);
          const gate = index === undefined ? undefined : gates[index];
          if (!gate || (gate.status !== 'passed' && gate.status !== 'waived')) {
            ctx.addIssue({
              code: 'custom',
              path: gate ? ['gates', index!, 'status'] : ['gates'],
              message: gate
                ? `required gate "${required}" is ${gate.status} but the release is shipped; a shipped release needs every required gate passed or waived`
                : `required gate "${required}" is missing but the release is shipped; add { gate: ${required}, status: passed } (or waived with a waiver)`,
            });
          }
        }
      }
    }, EVEN_WHEN_INVALID);

export type Release = z.output<ReturnType<typeof releaseSchema>>;

export function releaseReferences(data: Release): ReferenceUse[] {
  return [
    ...listReferences('services', 'services', data.services),
    ...listReferences('fixes', 'postmortems', data.fixes),
    ...itemsOf(data.changes).flatMap((change, index): ReferenceUse[] =>
      change.prd ? [{ path: ['changes', index, 'prd'], collection: 'prds', id: change.prd }] : [],
    ),
  ];
}
