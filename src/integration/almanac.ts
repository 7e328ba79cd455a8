/**
 * The Almanac integration, the only one `astro.config.mjs` lists. It owns the build context
 * (src/integration/context.ts): it reads the environment once, validates the content folder
 * before Astro loads it (one pass, every problem), and adds, in order, MDX, the OG cards and the
 * Pagefind index. Once the pages are done, the search index is built while the card process
 * draws its last cards, if any are left, and the build ends when both have.
 *
 * `astro build` stops on any content error with the list of problems and a one-line summary.
 * `astro dev` starts whatever the content holds, re-validates on every edit and shows the
 * problems in place of the pages while any error exists.
 */
import mdx from '@astrojs/mdx';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { fileURLToPath } from 'node:url';
import { EnvironmentError, readEnvironment, type AlmanacEnvironment } from '../build/env.ts';
import {
  astroManifestFile,
  outputPath,
  prepareOutput,
  recordOutput,
  sweepOutput,
  type OutputFiles,
  type PreparedOutput,
} from '../build/outdir.ts';
import { cardFontCacheDir, outputRecordFile, tidyBodyCache } from '../build/cache.ts';
import { acquireBuildLock, releaseBuildLock } from '../build/build-lock.ts';
import { ContentValidationError, problemSummary } from '../core/problems.ts';
import { BuildContext, logProblems } from './context.ts';
import { ogCards, type OgCardsOptions } from './og-cards.ts';
import { forkCardProcess } from '../outputs/og/child.ts';
import { pagefindSearch } from './pagefind.ts';
import { almanacVitePlugin } from './vite-plugin.ts';
import { lazyScriptPlugin } from './lazy-script.ts';

export interface AlmanacOptions {
  ogCards?: OgCardsOptions;
}

export function almanac(options: AlmanacOptions = {}): AstroIntegration {
  let outDir: string | undefined;
  let outputFiles: OutputFiles | undefined;
  let prepared: PreparedOutput | undefined;
  let context: BuildContext | undefined;
  // Work that `astro:build:done` hooks start and the last one awaits (the OG cards' last steps,
  // tidying the bodies cache).
  const unfinished: Promise<void>[] = [];
  return {
    name: 'almanac',
    hooks: {
      'astro:config:setup': async ({ config, command, updateConfig, addWatchFile, logger }) => {
        if (command === 'preview') return;
        // Builds of one project share .astro/ and node_modules/.astro/: one at a time.
        if (command === 'build') await acquireBuildLock(fileURLToPath(config.root), (message) => logger.warn(message));
        const root = fileURLToPath(config.root);
        let environment: AlmanacEnvironment;
        try {
          environment = readEnvironment(process.env, { root, includeDrafts: command === 'dev' });
        } catch (error) {
          if (!(error instanceof EnvironmentError)) throw error;
          stop(logger, error.message);
        }
        context = new BuildContext(environment, command);
        // The card process gets ready on the other core while the content is validated; it is
        // given its cards only once validation has passed (see ogCards).
        const cardProcess = command === 'build' ? forkCardProcess(root, cardFontCacheDir(environment.cacheDir)) : undefined;
        const result = command === 'dev' ? validateForDev(context, logger) : runValidation(context, logger, command);
        // The pages of a build or dev server read the model from its snapshot.
        if (command === 'build' || command === 'dev') context.publishModel();
        const site = environment.audience === 'public' ? (result.config.public.url ?? result.config.url) : result.config.url;
        updateConfig({
          site,
          integrations: [
            mdx(),
            ogCards(context, cardProcess, unfinished, options.ogCards),
            pagefindSearch({ shardSize: environment.searchShardSize, cacheDir: environment.cacheDir }),
            finishOutputs(unfinished),
          ],
          // A rebuild renders only the entry pages whose inputs changed (their `cacheKey`, see
          // src/data/model.ts) and reuses the others (left in the output folder, see prepareOutput, or
          // copied from Astro's cache); `--force` renders all.
          experimental: { incrementalBuild: true },
          // Pages render four at a time: each page waits on file writes (the page and Astro's
          // incremental cache copy), and while one waits the next renders. Measured at 1000
          // docs: page generation about 30% shorter while the card process draws beside it.
          build: { concurrency: 4 },
          // The caches under .cache/ are written while pages render; watching them would only
          // trigger needless reloads. The output folder is emptied by `prepareOutput`, which keeps
          // the unchanged pages in place.
          vite: {
            build: { emptyOutDir: false },
            plugins: [almanacVitePlugin(context, logger), lazyScriptPlugin()],
            server: { watch: { ignored: ['**/.cache/**'] } },
          },
        });
        // A changed configuration restarts the dev server, which reads the context anew.
        addWatchFile(`${environment.contentDir}/almanac.yaml`);
        addWatchFile(`${environment.contentDir}/almanac.yml`);
        logger.info(
          `${result.entries.length} entries from ${environment.contentDir} for the ${environment.audience} audience, as of ${new Date(environment.now).toISOString()}`,
        );
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        if (context)
          outputFiles = {
            recordFile: outputRecordFile(context.environment.cacheDir),
            astroManifest: astroManifestFile(fileURLToPath(config.cacheDir)),
          };
      },
      'astro:build:start': ({ logger }) => {
        // Content sync is over and the OG card process has its inputs.
        // The sync has marked every body this build reuses: the bodies no build has used for a
        // while are deleted now, while pages render (the build waits for it in `finishOutputs`).
        // A cache that cannot be tidied is no reason to fail the build.
        if (context)
          unfinished.push(
            tidyBodyCache(context.environment.cacheDir).then(
              () => {},
              (error: unknown) => logger.warn(`could not tidy the bodies cache: ${error instanceof Error ? error.message : String(error)}`),
            ),
          );
        context?.release();
        if (!outDir || !outputFiles) return;
        prepared = prepareOutput(outDir, outputFiles);
        if (prepared.aside)
          logger.info(
            `${prepared.kept.size} unchanged pages kept in ${outDir}; the rest of the previous output is being deleted in the background`,
          );
      },
      // The first build:done hook (this integration is listed first): no other step has read the
      // output yet, so the search index never sees a page this build did not generate.
      'astro:build:done': ({ assets, logger }) => {
        context?.unpublishModel();
        if (!outDir || !outputFiles) return;
        const root = outDir;
        const generated = new Set([...assets.values()].flat().map((url) => outputPath(root, fileURLToPath(url))));
        if (prepared) {
          const removed = sweepOutput(root, prepared, generated);
          if (removed.length) logger.info(`${removed.length} pages of the previous build removed (no longer generated)`);
        }
        recordOutput(root, outputFiles, generated);
      },
      'astro:server:done': () => context?.unpublishModel(),
    },
  };
}

/**
 * Validates for `astro build` (and `astro sync`): warnings are printed; on any error the whole
 * list is printed with a one-line summary and the command stops with exit status 1, without a
 * stack trace (the problems are the whole story).
 */
function runValidation(context: BuildContext, logger: AstroIntegrationLogger, command: string) {
  try {
    return validateOrThrow(context, logger);
  } catch (error) {
    if (!(error instanceof ContentValidationError)) throw error;
    stop(logger, `${command} stopped: ${problemSummary(error.problems)}. \`npm run check\` prints the same list.`);
  }
}

/** Validates, prints warnings and errors, and throws `ContentValidationError` on any error. */
export function validateOrThrow(context: BuildContext, logger: AstroIntegrationLogger) {
  const result = context.validate();
  logProblems(result.problems, logger);
  if (result.problems.some((problem) => problem.level === 'error')) throw new ContentValidationError(result.problems);
  return result;
}

/** In `astro dev` the server starts whatever the content holds; the problems are shown instead of pages. */
function validateForDev(context: BuildContext, logger: AstroIntegrationLogger) {
  const result = context.validate();
  logProblems(result.problems, logger);
  if (result.problems.length) logger.warn(`content: ${problemSummary(result.problems)}; pages show the list until the errors are fixed`);
  return result;
}

/**
 * Listed last: waits for the work the other integrations left running (a failure fails the
 * build), then releases the build lock.
 */
function finishOutputs(unfinished: Promise<void>[]): AstroIntegration {
  return {
    name: 'almanac-finish',
    hooks: {
      'astro:build:done': async () => {
        try {
          await Promise.all(unfinished.splice(0));
        } finally {
          releaseBuildLock();
        }
      },
    },
  };
}

function stop(logger: AstroIntegrationLogger, message: string): never {
  logger.error(message);
  // Astro would print a thrown error with its stack trace and "an unhandled error occurred";
  // a content error is the author's to fix, and the list above says everything.
  process.exit(1);
}
