/** `teams/<id>.yaml`: the teams that own services, SLOs, action items and pages. */
import { z } from 'astro/zod';
import { text, visibility } from './common.ts';

export const teamSchema = z.strictObject({
  /** Display name, e.g. "Payments". */
  name: text('the team name'),
  /** What the team does and owns. */
  description: text('a description').optional(),
  /** Where to reach the team, e.g. a chat channel "#payments-oncall". */
  channel: text('a channel name').optional(),
  /** The team's e-mail address. */
  email: z.email({ error: 'must be an e-mail address, e.g. "payments@example.com"' }).optional(),
  /** Extension: teams are internal unless marked public (public incident pages may name them). */
  visibility,
});

export type Team = z.output<typeof teamSchema>;
