/** `handbook/<id>.mdx`: the living process pages. */
import { z } from 'astro/zod';
import { date, duration, oneOf, reference, text, visibility, type ReferenceUse } from './common.ts';

export const handbookSchema = z.strictObject({
  title: text('a title'),
  /** One sentence: what the page is for. */
  description: text('a description'),
  /** The team that keeps the page true. */
  owner: reference('teams'),
  /** When the owner last confirmed the page is accurate. */
  lastReviewed: date,
  /** How often it must be re-confirmed; the page is stale after `lastReviewed + reviewEvery`. */
  reviewEvery: duration.default('180d'),
  /**
   * Reading order: the handbook index and the start-here path (`/start/`) list pages by `order`,
   * ascending, then by title; pages without one come last. Leave gaps (10, 20, 30) so a page can be
   * slotted in later.
   */
  order: z.number({ error: 'must be a number' }).optional(),
  /** Extension: `draft` pages are never published by a production build. */
  status: oneOf(['published', 'draft'] as const, 'page status').default('published'),
  visibility,
});

export type HandbookPage = z.output<typeof handbookSchema>;

export function handbookReferences(data: HandbookPage): ReferenceUse[] {
  return [{ path: ['owner'], collection: 'teams', id: data.owner }];
}
