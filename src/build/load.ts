/**
 * Builds the model from validated entries: for the build context (src/integration/context.ts, whose
 * model the pages and the OG cards share) and, straight from the content folder without Astro,
 * for `npm run check`, scripts and tests.
 */
import type { AlmanacEnvironment } from './env.ts';
import { lastModifiedDates } from './git.ts';
import { buildModel, type Model, type ModelInput } from '../core/model.ts';
import type { Audience } from '../core/audience.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import { ContentValidationError } from '../core/problems.ts';
import { validateContent, type ValidationResult } from '../validation/validate.ts';
import { join } from 'node:path';

export interface LoadedHandbook {
  model: Model;
  validation: ValidationResult;
}

/**
 * The model of valid entries, as the environment's audience sees it unless `view` names another.
 * `modified` gives each file's last commit date (`lastModifiedDates`), by absolute path.
 */
export function modelOfEntries(
  entries: readonly ModelInput[],
  config: SiteConfig,
  environment: AlmanacEnvironment,
  options: { modified?: ReadonlyMap<string, string>; view?: { audience: Audience; includeDrafts: boolean } } = {},
): Model {
  const modified = options.modified ?? new Map<string, string>();
  const inputs = entries.map((entry) => ({
    ...entry,
    lastModified: entry.file === undefined ? undefined : modified.get(join(environment.root, entry.file)),
  }));
  const { audience, includeDrafts } = options.view ?? environment;
  return buildModel(inputs, { config, now: environment.now, audience, includeDrafts });
}

/** Validates the content (throwing `ContentValidationError` on errors) and builds the model. */
export function loadHandbook(environment: AlmanacEnvironment, options: { gitDates?: boolean } = {}): LoadedHandbook {
  const validation = validateContent({ contentDir: environment.contentDir, root: environment.root, audience: environment });
  if (validation.problems.some((problem) => problem.level === 'error')) throw new ContentValidationError(validation.problems);
  const modified = options.gitDates ? lastModifiedDates(environment.contentDir) : undefined;
  return { model: modelOfEntries(validation.entries, validation.config, environment, { modified }), validation };
}
