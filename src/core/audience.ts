/**
 * Who may see what. This is the one filter every output goes through: pages, search index,
 * feeds, cards, sitemap, calendar, JSON and aggregates all receive entries already filtered.
 */
import type { Entry } from './entry.ts';

/** Who a build is for: the whole organisation, or the public. */
export type Audience = 'internal' | 'public';

export interface AudienceContext {
  audience: Audience;
  /** Drafts are shown only in `astro dev`. */
  includeDrafts: boolean;
}

/** Whether an entry is a draft: never published by a production build. */
export function isDraft(entry: Pick<Entry, 'collection' | 'data'>): boolean {
  switch (entry.collection) {
    case 'slos':
    case 'postmortems':
    case 'prds':
    case 'handbook':
      return entry.data.status === 'draft';
    default:
      return false;
  }
}

/** Whether the audience may see the entry at all (its id, title, body, anything). */
export function isVisible(entry: Pick<Entry, 'collection' | 'data'>, context: AudienceContext): boolean {
  if (isDraft(entry) && !context.includeDrafts) return false;
  if (context.audience === 'internal') return true;
  if (entry.data.visibility !== 'public') return false;
  return entry.collection !== 'postmortems' || entry.data.status === 'published';
}
