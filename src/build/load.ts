/**
 * Builds the model from a validation: for the build context (src/integration/context.ts, whose
 * model the pages and the OG cards share) and, straight from the content folder without Astro,
 * for `npm run check`, scripts and tests.
 */
import type { AlmanacEnvironment } from './env.ts';
import { lastModifiedDates } from './git.ts';
import { buildModel, type Model } from '../core/model.ts';
import { ContentValidationError } from '../core/problems.ts';
import { validateContent, type ValidationResult } from '../validation/validate.ts';
import { join } from 'node:path';

export interface LoadedHandbook {
  model: Model;
  validation: ValidationResult;
}

/**
 * The model of a validation without errors, as the environment's audience sees it. With
 * `gitDates`, each entry carries the date of the last commit that touched its file.
 */
export function modelOfValidation(
  validation: ValidationResult,
  environment: AlmanacEnvironment,
  options: { gitDates?: boolean } = {},
): Model {
  const modified = options.gitDates ? lastModifiedDates(environment.contentDir) : new Map<string, string>();
  const inputs = validation.entries.map((entry) => ({ ...entry, lastModified: modified.get(join(environment.root, entry.file)) }));
  return buildModel(inputs, {
    config: validation.config,
    now: environment.now,
    audience: environment.audience,
    includeDrafts: environment.includeDrafts,
  });
}

/** Validates the content (throwing `ContentValidationError` on errors) and builds the model. */
export function loadHandbook(environment: AlmanacEnvironment, options: { gitDates?: boolean } = {}): LoadedHandbook {
  const validation = validateContent({ contentDir: environment.contentDir, root: environment.root, audience: environment });
  if (validation.problems.some((problem) => problem.level === 'error')) throw new ContentValidationError(validation.problems);
  return { model: modelOfValidation(validation, environment, options), validation };
}
