/** `postmortems/<id>.mdx`: a blameless incident review; the body is the narrative. */
import { z } from 'astro/zod';
import type { Vocabulary } from './config.ts';
import {
  configuredValue,
  date,
  dateTime,
  EVEN_WHEN_INVALID,
  httpUrl,
  isMissingList,
  itemsOf,
  listReferences,
  oneOf,
  reference,
  text,
  textList,
  visibility,
  type ReferenceUse,
} from './common.ts';
import { explainDateTime, instant } from '../time.ts';
import { EXCLUSION_REASONS } from '../budgets.ts';

export const POSTMORTEM_STATUSES = ['draft', 'in-review', 'published'] as const;
export const DETECTION_SOURCES = ['alert', 'customer-report', 'internal-report', 'monitoring', 'other'] as const;
export const ACTION_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
/** `incident` had customer impact; a `near-miss` had none (no budget charge, not in time-to-x or DORA). */
export const POSTMORTEM_KINDS = ['incident', 'near-miss'] as const;

/** Timeline fields in the order they must hold. */
export const TIMELINE_ORDER = ['started', 'detected', 'acknowledged', 'mitigated', 'resolved'] as const;

export const postmortemSchema = (vocabulary: Vocabulary) =>
  z
    .strictObject({
      /** Headline of the incident. */
      title: text('a title'),
      /** One paragraph for leadership: what happened, impact, what changes. */
      summary: text('a one-paragraph summary'),
      /** Severity level from the site configuration (default SEV1–SEV4). */
      severity: configuredValue(vocabulary.severities, 'severity', 'severities'),
      /** `draft` → `in-review` → `published`. */
      status: oneOf(POSTMORTEM_STATUSES, 'postmortem status'),
      /** `incident` (default) or `near-miss`: no customer impact, so no SLO charge and not in time-to-x or DORA figures. */
      kind: oneOf(POSTMORTEM_KINDS, 'postmortem kind').default('incident'),
      visibility,
      /** Affected services, at least one. */
      services: z.array(reference('services')).min(1, { error: 'needs at least one service id' }),
      /** Who wrote the review, at least one. */
      authors: textList('an author name').min(1, { error: 'needs at least one author' }),
      /** Key instants, each an ISO datetime with offset. */
      timeline: z.strictObject({
        /** When impact began. */
        started: dateTime,
        /** When we knew. */
        detected: dateTime,
        /** When a responder took it. */
        acknowledged: dateTime.optional(),
        /** When impact ended (may be absent until published). */
        mitigated: dateTime.optional(),
        /** When the incident was closed (may be absent until published). */
        resolved: dateTime.optional(),
      }),
      impact: z
        .strictObject({
          /** Who and what was affected, in words. */
          summary: text('a summary of the impact'),
          /** Number of users affected, when known. */
          usersAffected: z.number().int().nonnegative({ error: 'must be a whole number of users, 0 or more' }).optional(),
          /** Error budget charged per SLO. */
          slos: z
            .array(
              z.strictObject({
                /** The SLO charged. */
                slo: reference('slos'),
                /** Bad minutes charged; overrides the computed value. */
                minutes: z.number().nonnegative({ error: 'must be 0 or more minutes' }).optional(),
                /** Share of (mitigated − started) that was bad, 0–1. */
                fraction: z
                  .number()
                  .gt(0, { error: 'must be above 0 and at most 1, e.g. 0.25' })
                  .lte(1, { error: 'must be at most 1 (the whole duration), e.g. 0.25' })
                  .optional(),
                /**
                 * An approved exclusion: the charge stays on record (`rawConsumedMinutes`, the
                 * adjustments ledger) but does not count against the budget (`consumedMinutes`).
                 */
                excluded: z
                  .strictObject(
                    {
                      /** Why it does not count: planned-maintenance, third-party, out-of-scope or miscategorized. */
                      reason: oneOf(EXCLUSION_REASONS, 'exclusion reason'),
                      /** Who approved the exclusion (a name), e.g. "Priya Raman (SRE lead)". */
                      approvedBy: text('the name of who approved the exclusion'),
                      /** Context for readers of the ledger, e.g. the change ticket of the maintenance. */
                      note: text('a note').optional(),
                    },
                    { error: 'must be { reason, approvedBy, note? } with reason one of ' + EXCLUSION_REASONS.join(', ') },
                  )
                  .optional(),
              }),
            )
            .default([]),
        })
        .optional(),
      /** How the incident was detected. */
      detection: oneOf(DETECTION_SOURCES, 'detection source').optional(),
      /** What set it off (a change, a load spike, …). */
      trigger: text('a trigger description').optional(),
      /** Conditions that let the incident happen; categories from the site configuration. */
      contributingFactors: z
        .array(
          z.strictObject({
            category: configuredValue(vocabulary.factorCategories, 'contributing-factor category', 'contributingFactorCategories'),
            description: text('a description'),
          }),
        )
        .default([]),
      /** Follow-up work. */
      actionItems: z
        .array(
          z.strictObject({
            title: text('a title'),
            type: oneOf(ACTION_TYPES, 'action item type'),
            /** Owning team. */
            owner: reference('teams'),
            /** Due date YYYY-MM-DD. */
            due: date,
            status: oneOf(ACTION_STATUSES, 'action item status'),
            priority: oneOf(PRIORITIES, 'priority'),
            /** Ticket or pull request (http/https). */
            link: httpUrl.optional(),
            /** Extension: the date it was done, for time-to-close figures. */
            doneAt: date.optional(),
          }),
        )
        .default([]),
      lessons: z
        .strictObject({
          wentWell: textList('a lesson').optional(),
          wentWrong: textList('a lesson').optional(),
          gotLucky: textList('a lesson').optional(),
        })
        .optional(),
      /** Releases that triggered or contributed. */
      releases: z.array(reference('releases')).default([]),
      /** Related PRDs. */
      prds: z.array(reference('prds')).default([]),
      /** Who reviewed it; required when published. */
      reviewers: textList('a reviewer name').default([]),
      /** When it was reviewed; required when published. */
      reviewedAt: date.optional(),
      /** The postmortem review meeting. */
      review: z
        .strictObject({
          /**
           * The review session (YYYY-MM-DD) it is booked into; an in-review postmortem without one
           * goes to the next session of `postmortemReviews` on or after the as-of date.
           */
          session: date.optional(),
        })
        .optional(),
      tags: textList('a tag').default([]),
    })
    .superRefine((postmortem, ctx) => {
      const timeline: Partial<Record<(typeof TIMELINE_ORDER)[number], unknown>> = postmortem.timeline ?? {};
      const valid = (value: unknown): value is string => typeof value === 'string' && explainDateTime(value) === undefined;
      let previous: { field: string; value: string } | undefined;
      for (const field of TIMELINE_ORDER) {
        const value = timeline[field];
        if (!valid(value)) continue;
        if (previous && instant(value) < instant(previous.value)) {
          ctx.addIssue({
            code: 'custom',
            path: ['timeline', field],
            message: `${value} is before ${previous.field} (${previous.value}); the order must hold: ${TIMELINE_ORDER.join(' ≤ ')}`,
          });
        }
        previous = { field, value };
      }
      if (postmortem.status === 'published') {
        const need = (path: (string | number)[], missing: boolean, what: string) => {
          if (missing) ctx.addIssue({ code: 'custom', path, message: `is required when status is published: ${what}` });
        };
        need(['timeline', 'mitigated'], timeline.mitigated === undefined, 'the datetime impact ended');
        need(['timeline', 'resolved'], timeline.resolved === undefined, 'the datetime the incident was closed');
        need(['contributingFactors'], isMissingList(postmortem.contributingFactors), 'at least one { category, description }');
        need(['actionItems'], isMissingList(postmortem.actionItems), 'at least one action item');
        need(['reviewers'], isMissingList(postmortem.reviewers), 'at least one reviewer name');
        need(['reviewedAt'], postmortem.reviewedAt === undefined, 'the review date YYYY-MM-DD');
      }
      if (postmortem.kind === 'near-miss' && postmortem.impact?.slos !== undefined && !isMissingList(postmortem.impact.slos)) {
        ctx.addIssue({
          code: 'custom',
          path: ['impact', 'slos'],
          message:
            'must not be set on a near-miss: a near-miss had no customer impact, so it charges no error budget; remove impact.slos, or set kind: incident if users were affected',
        });
      }
      itemsOf(postmortem.actionItems).forEach((item, index) => {
        if (item.doneAt && item.status !== 'done') {
          ctx.addIssue({
            code: 'custom',
            path: ['actionItems', index, 'doneAt'],
            message: `is only meaningful when status is done (status is ${item.status}); remove it or set status: done`,
          });
        }
      });
    }, EVEN_WHEN_INVALID);

export type Postmortem = z.output<ReturnType<typeof postmortemSchema>>;

export function postmortemReferences(data: Postmortem): ReferenceUse[] {
  return [
    ...listReferences('services', 'services', data.services),
    ...itemsOf(data.impact?.slos).map((charge, index): ReferenceUse => ({
      path: ['impact', 'slos', index, 'slo'],
      collection: 'slos',
      id: charge.slo,
    })),
    ...itemsOf(data.actionItems).map((item, index): ReferenceUse => ({
      path: ['actionItems', index, 'owner'],
      collection: 'teams',
      id: item.owner,
    })),
    ...listReferences('releases', 'releases', data.releases),
    ...listReferences('prds', 'prds', data.prds),
  ];
}
