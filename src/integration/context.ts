/**
 * The one build context. The almanac integration creates it once per Astro command: the
 * environment is read once, and the content is validated once per content version (again after
 * each edit in `astro dev`). Code that runs in the integration's process (the hooks, the OG card
 * process, the dev server's error view) gets this object as an argument; code inside Astro's
 * module graph (loaders, pages) gets its serialisable part, `PublishedContext`, from the
 * virtual module `virtual:almanac/context`.
 *
 * The model is built here too, once per content version, for the build's audience: the OG cards
 * take it as an argument, and the pages read the snapshot this context writes (`publishModel`,
 * src/build/model-snapshot.ts). The policies judge one more view, every entry as the internal
 * audience sees it, drafts included; when the build's view is that one (`astro dev` for the
 * internal audience), the policies' model is the build's, so it is built once per edit.
 */
import type { AstroIntegrationLogger } from 'astro';
import { isVisible } from '../core/audience.ts';
import { validationCacheDir } from '../build/cache.ts';
import type { AlmanacEnvironment } from '../build/env.ts';
import { headCommit, lastModifiedDates } from '../build/git.ts';
import { modelOfEntries } from '../build/load.ts';
import { modelSnapshotFile, pruneModelSnapshots, removeModelSnapshot, writeModelSnapshot } from '../build/model-snapshot.ts';
import { recordPhase } from '../build/phases.ts';
import type { Model, ModelInput } from '../core/model.ts';
import type { SiteConfig } from '../core/schemas/config.ts';
import { formatProblem, problemSummary, ContentValidationError, type Problem } from '../core/problems.ts';
import { defaultRules } from '../validation/rules.ts';
import { validateContent, type ValidationResult } from '../validation/validate.ts';
import type { PublishedContext } from './published.ts';

export class BuildContext {
  readonly environment: AlmanacEnvironment;
  #validation: ValidationResult | undefined;
  #published: PublishedContext | undefined;
  #model: Model | undefined;
  #released = false;
  /** The git dates of the content's files, read again only when another commit is checked out. */
  #gitDates: { head: string | undefined; dates: Map<string, string> } | undefined;
  /** Where this process's model snapshot is written for the pages. */
  readonly modelFile: string;
  /** Counts validations: a new content version each time. */
  version = 0;
  /** Counts the models built, the policies' included (one per view and content version). */
  modelsBuilt = 0;

  /** `command`: the Astro command this context serves (`astro dev` servers keep one snapshot each). */
  constructor(environment: AlmanacEnvironment, command: 'build' | 'dev' | 'sync' = 'build') {
    this.environment = environment;
    this.modelFile = modelSnapshotFile(environment.cacheDir, command === 'dev' ? { devServer: process.pid } : 'build');
  }

  /** Validates the content folder (with the same rules as `npm run check`) and keeps the result. */
  validate(): ValidationResult {
    const started = performance.now();
    const { contentDir, root, now, audience, includeDrafts } = this.environment;
    // The policies judge the internal view with drafts. When that is also this build's view
    // (`astro dev` for the internal audience), their model is the one the pages get.
    let policyModel: { entries: readonly unknown[]; model: Model } | undefined;
    const internalModel = (entries: readonly ModelInput[], config: SiteConfig) => {
      const model = modelOfEntries(entries, config, this.environment, {
        modified: this.#lastModified(),
        view: { audience: 'internal', includeDrafts: true },
      });
      policyModel = { entries, model };
      this.modelsBuilt++;
      return model;
    };
    this.#validation = validateContent({
      contentDir,
      root,
      entryRules: defaultRules({ now, internalModel }),
      cacheDir: validationCacheDir(this.environment.cacheDir),
      audience: this.environment,
    });
    this.version++;
    const sameView = audience === 'internal' && includeDrafts && policyModel?.entries === this.#validation.entries;
    this.#model = sameView ? policyModel!.model : undefined;
    const { config, entries } = this.#validation;
    const hidden = entries.filter((entry) => !isVisible(entry, this.environment)).map((entry) => `${entry.collection}/${entry.id}`);
    const { now: _now, ...environment } = this.environment;
    this.#published = { environment, config, hidden, modelFile: this.modelFile };
    recordPhase('validation', performance.now() - started);
    return this.#validation;
  }

  /**
   * The model of the current content version for the build's audience, built on first use.
   * Throws `ContentValidationError` while the content has errors: there is no model of it.
   */
  model(): Model {
    if (this.#released) throw new Error('The build context was released after content sync: read the model snapshot instead');
    if (this.errors.length) throw new ContentValidationError(this.validation.problems);
    if (this.#model) return this.#model;
    const started = performance.now();
    this.#model = modelOfEntries(this.validation.entries, this.validation.config, this.environment, { modified: this.#lastModified() });
    this.modelsBuilt++;
    recordPhase('model', performance.now() - started);
    return this.#model;
  }

  #lastModified(): Map<string, string> {
    const head = headCommit(this.environment.contentDir);
    if (!this.#gitDates || this.#gitDates.head !== head || head === undefined)
      this.#gitDates = { head, dates: lastModifiedDates(this.environment.contentDir) };
    return this.#gitDates.dates;
  }

  /**
   * Writes the current model (or, while the content has errors, their summary) to `modelFile`,
   * where the pages read it. Snapshots of processes that are gone are deleted first.
   */
  publishModel(): void {
    pruneModelSnapshots(this.environment.cacheDir);
    writeModelSnapshot(this.modelFile, this.errors.length ? { errors: problemSummary(this.validation.problems) } : this.model());
  }

  /** Deletes the snapshot once no page will read it (the build is done, the dev server closed). */
  unpublishModel(): void {
    removeModelSnapshot(this.modelFile);
  }

  /** The latest validation; validates first if there is none. */
  get validation(): ValidationResult {
    return this.#validation ?? this.validate();
  }

  get errors(): Problem[] {
    return this.validation.problems.filter((problem) => problem.level === 'error');
  }

  /**
   * What modules inside Astro's module graph need: the environment, the site configuration and
   * which entries exist but are not published (body links to them are rendered as text).
   */
  published(): PublishedContext {
    if (!this.#published) this.validate();
    return this.#published!;
  }

  /**
   * Drops the parsed files once nothing reads them any more (after content sync in a build): a
   * cold build's YAML documents would otherwise stay on the heap through page rendering.
   */
  release(): void {
    this.#validation = this.#validation && { ...this.#validation, parsed: new Map(), entries: [] };
    // The pages read their own copy from the snapshot; the OG card process has its inputs.
    this.#model = undefined;
    this.#released = true;
  }
}

/** Prints a validation's problems through Astro's logger, warnings and errors alike. */
export function logProblems(problems: readonly Problem[], logger: AstroIntegrationLogger): void {
  for (const problem of problems) (problem.level === 'error' ? logger.error : logger.warn).call(logger, formatProblem(problem));
}
