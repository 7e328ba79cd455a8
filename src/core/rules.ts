/**
 * Rules of the process that several places ask about (policies, insights, the scaffold, pages):
 * each is defined here once, so they can never answer differently.
 */
import type { SiteConfig } from './schemas/config.ts';

/**
 * The urgent severities: the two most severe configured levels (default SEV1 and SEV2), whose
 * postmortems must be published quickly.
 */
export function urgentSeverities(config: Pick<SiteConfig, 'severities'>): string[] {
  return config.severities.slice(0, 2).map((severity) => severity.id);
}

/**
 * Whether action items hold the answer the error-budget policy asks of a costly incident: a P0
 * item of type prevent that was not decided against (`wont-do` does not count).
 */
export function hasPreventP0(items: readonly { priority: string; type: string; status: string }[]): boolean {
  return items.some((item) => item.priority === 'P0' && item.type === 'prevent' && item.status !== 'wont-do');
}
