/**
 * Builds the model straight from the content folder, without Astro: for `npm run check`, build
 * hooks (search index, OG cards) and tests. Pages get the same model through `src/data/model.ts`.
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

/** Validates the content (throwing `ContentValidationError` on errors) and builds the model. */
export function loadHandbook(
  environment: AlmanacEnvironment,
  options: { gitDates?: boolean; validation?: ValidationResult } = {},
): LoadedHandbook {
  // Within a build, the integration has validated this folder already: its result is passed in.
  const validation =
    options.validation ?? validateContent({ contentDir: environment.contentDir, root: environment.root, audience: environment });
  if (validation.problems.some((problem) => problem.level === 'error')) throw new ContentValidationError(validation.problems);
  const modified = options.gitDates ? lastModifiedDates(environment.contentDir) : new Map<string, string>();
  const inputs = validation.entries.map((entry) => ({ ...entry, lastModified: modified.get(join(environment.root, entry.file)) }));
  const model = buildModel(inputs, {
    config: validation.config,
    now: environment.now,
    audience: environment.audience,
    includeDrafts: environment.includeDrafts,
  });
  return { model, validation };
}
