/**
 * Builds the model straight from the content folder, without Astro: for `npm run check`, build
 * hooks (search index, OG cards) and tests. Pages get the same model through `src/data/model.ts`.
 */
import type { AlmanacEnvironment } from './env.ts';
import { lastModifiedDates } from './git.ts';
import { buildModel, type Model } from './model.ts';
import { ContentValidationError } from './problems.ts';
import { validateContent, type ValidationResult } from './validate.ts';
import { sharedValidation } from './content/shared.ts';
import { join } from 'node:path';

export interface LoadedHandbook {
  model: Model;
  validation: ValidationResult;
}

/** Validates the content (throwing `ContentValidationError` on errors) and builds the model. */
export function loadHandbook(environment: AlmanacEnvironment, options: { gitDates?: boolean } = {}): LoadedHandbook {
  // Within a build, the integration has validated this folder already: reuse that pass.
  const validation = sharedValidation(environment.contentDir) ?? validateContent({ contentDir: environment.contentDir, root: environment.root });
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
