/** `services/<id>.yaml`: the systems incidents, SLOs and releases are about. */
import { z } from 'astro/zod';
import { httpUrl, listReferences, reference, text, visibility, type ReferenceUse } from './common.ts';

export const serviceSchema = z.strictObject({
  /** Display name, e.g. "Checkout API". */
  name: text('the service name'),
  /** The owning team. */
  team: reference('teams'),
  /** Criticality: 1 = most critical, 3 = least. */
  tier: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be the number 1, 2 or 3 (1 = most critical)' }),
  /** What the service does. */
  description: text('a description').optional(),
  /** Source repository (http/https). */
  repository: httpUrl.optional(),
  /** On-call runbook (http/https). */
  runbook: httpUrl.optional(),
  /** Services this one calls; must not form a cycle. */
  dependsOn: z.array(reference('services')).default([]),
  /** Extension: services are internal unless marked public. */
  visibility,
});

export type Service = z.output<typeof serviceSchema>;

export function serviceReferences(data: Service): ReferenceUse[] {
  return [{ path: ['team'], collection: 'teams', id: data.team }, ...listReferences('dependsOn', 'services', data.dependsOn)];
}
