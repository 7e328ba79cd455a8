/**
 * The Almanac integration: validates the whole content folder before Astro loads it (one pass,
 * every problem, the build fails on any error) and fixes the as-of instant for the whole build.
 */
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import { readEnvironment } from '../lib/env.ts';
import { ContentValidationError, formatProblem } from '../lib/problems.ts';
import { defaultRules } from '../lib/rules.ts';
import { validateContent } from '../lib/validate.ts';
import { releaseSharedValidation, shareValidation } from '../lib/content/shared.ts';
import { recordPhase } from '../lib/phases.ts';
import { validationCacheFile } from '../lib/cache.ts';
import { clearOutputInBackground } from '../lib/outdir.ts';
import { acquireBuildLock, releaseBuildLock } from '../lib/build-lock.ts';

export function almanac(): AstroIntegration {
  let outDir: string | undefined;
  return {
    name: 'almanac',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:build:start': ({ logger }) => {
        // Content sync is over; the OG card hook read the validation at config:setup.
        releaseSharedValidation();
        const aside = outDir ? clearOutputInBackground(outDir) : undefined;
        if (aside) logger.debug(`the previous output is being deleted in the background from ${aside}`);
      },
      'astro:build:done': () => releaseBuildLock(),
      'astro:config:setup': async ({ config, command, updateConfig, addWatchFile, logger }) => {
        if (command === 'preview') return;
        // Builds of one project share .astro/ and node_modules/.astro/: one at a time.
        if (command === 'build') await acquireBuildLock(fileURLToPath(config.root), (message) => logger.warn(message));
        const root = fileURLToPath(config.root);
        const environment = readEnvironment(process.env, { root, includeDrafts: command === 'dev' });
        // Every module of this build (loaders, pages, outputs) reads the same as-of instant.
        process.env.ALMANAC_NOW = new Date(environment.now).toISOString();
        const result = runValidation(environment.contentDir, root, logger, environment.now);
        const site = environment.audience === 'public' ? (result.config.public.url ?? result.config.url) : result.config.url;
        updateConfig({ site });
        addWatchFile(`${environment.contentDir}/almanac.yaml`);
        logger.info(
          `${result.entries.length} entries from ${environment.contentDir} for the ${environment.audience} audience, as of ${new Date(environment.now).toISOString()}`,
        );
      },
    },
  };
}

/**
 * Validates (with the same authoring rules as `npm run check`: lints and policies as of `now`),
 * prints warnings, and throws with every error when there is one.
 */
export function runValidation(contentDir: string, root: string, logger: AstroIntegrationLogger, now: number = Date.now()) {
  const started = performance.now();
  const result = validateContent({ contentDir, root, entryRules: defaultRules({ now }), cacheFile: validationCacheFile(root) });
  recordPhase('validation', performance.now() - started);
  shareValidation(contentDir, result);
  for (const problem of result.problems.filter((p) => p.level === 'warning')) logger.warn(formatProblem(problem));
  if (result.problems.some((p) => p.level === 'error')) throw new ContentValidationError(result.problems);
  return result;
}
