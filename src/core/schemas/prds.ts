/** `prds/<id>.mdx`: product requirement / design documents and their review. */
import { z } from 'astro/zod';
import { date, EVEN_WHEN_INVALID, listReferences, oneOf, reference, text, textList, visibility, type ReferenceUse } from './common.ts';

export const PRD_STATUSES = ['draft', 'in-review', 'approved', 'rejected', 'shipped', 'superseded'] as const;
export const REVIEW_OUTCOMES = ['approved', 'changes-requested', 'rejected'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high'] as const;

export const prdSchema = z
  .strictObject({
    title: text('a title'),
    /** One paragraph: the problem and the proposal. */
    summary: text('a summary'),
    status: oneOf(PRD_STATUSES, 'PRD status'),
    authors: textList('an author name').min(1, { error: 'needs at least one author' }),
    /** The team that owns the outcome. */
    owner: reference('teams'),
    /** When it was first written. */
    created: date,
    reviewers: textList('a reviewer name').default([]),
    review: z
      .strictObject({
        /** The review session it is booked into; derived from the cadence when absent. */
        session: date.optional(),
        decisions: z
          .array(z.strictObject({ date, outcome: oneOf(REVIEW_OUTCOMES, 'review outcome'), notes: text('notes').optional() }))
          .default([]),
      })
      .optional(),
    /** The PRD that replaces this one; required when status is superseded. */
    supersededBy: reference('prds').optional(),
    slos: z.array(reference('slos')).default([]),
    /** Releases where it shipped. */
    releases: z.array(reference('releases')).default([]),
    risks: z
      .array(
        z.strictObject({
          description: text('a description'),
          likelihood: oneOf(RISK_LEVELS, 'likelihood'),
          impact: oneOf(RISK_LEVELS, 'impact'),
          mitigation: text('a mitigation').optional(),
        }),
      )
      .default([]),
    visibility,
    tags: textList('a tag').default([]),
  })
  .superRefine((prd, ctx) => {
    if (prd.status === 'superseded' && !prd.supersededBy) {
      ctx.addIssue({
        code: 'custom',
        path: ['supersededBy'],
        message: 'is required when status is superseded: the id of the PRD that replaces this one',
      });
    }
    if (prd.supersededBy && prd.status !== 'superseded') {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `is ${prd.status} but supersededBy is set; set status: superseded or remove supersededBy`,
      });
    }
  }, EVEN_WHEN_INVALID);

export type Prd = z.output<typeof prdSchema>;

export function prdReferences(data: Prd): ReferenceUse[] {
  const uses: ReferenceUse[] = [
    { path: ['owner'], collection: 'teams', id: data.owner },
    ...listReferences('slos', 'slos', data.slos),
    ...listReferences('releases', 'releases', data.releases),
  ];
  if (data.supersededBy) uses.push({ path: ['supersededBy'], collection: 'prds', id: data.supersededBy });
  return uses;
}
