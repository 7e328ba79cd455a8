/**
 * The authoring rules every validation run applies on top of the schema and cross-entry checks:
 * the blameless-language lint, the secret and personal-data scan, and the policy rules. The build
 * (src/integration/almanac.ts) and `npm run check` (scripts/check.ts) both use this one list, so
 * they always report the same problems. Levels come from almanac.yaml (`lint`, `policies`).
 */
import { FILE_LOCAL_RULES } from './check-thread-client.ts';
import { policyRule, type InternalModelBuilder } from './policies.ts';
import type { EntryRule } from './validate.ts';

export interface RuleOptions {
  /** The as-of instant, epoch ms (`readEnvironment().now`): policies are time-relative. */
  now: number;
  /** How the policies build the view they judge (see `PolicyOptions.internalModel`). */
  internalModel?: InternalModelBuilder;
}

export function defaultRules(options: RuleOptions): EntryRule[] {
  return [...FILE_LOCAL_RULES, policyRule({ now: options.now, internalModel: options.internalModel })];
}
