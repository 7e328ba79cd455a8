/**
 * The one build context. The almanac integration creates it once per Astro command: the
 * environment is read once, and the content is validated once per content version (again after
 * each edit in `astro dev`). Code that runs in the integration's process (the hooks, the OG card
 * process, the dev server's error view) gets this object as an argument; code inside Astro's
 * module graph (loaders, pages) gets its serialisable part, `PublishedContext`, from the
 * virtual module `virtual:almanac/context`.
 */
import type { AstroIntegrationLogger } from 'astro';
import { isVisible } from '../core/audience.ts';
import { validationCacheFile } from '../build/cache.ts';
import type { AlmanacEnvironment } from '../build/env.ts';
import { recordPhase } from '../build/phases.ts';
import { formatProblem, type Problem } from '../core/problems.ts';
import { defaultRules } from '../validation/rules.ts';
import { validateContent, type ValidationResult } from '../validation/validate.ts';
import type { PublishedContext } from './published.ts';

export class BuildContext {
  readonly environment: AlmanacEnvironment;
  #validation: ValidationResult | undefined;
  #published: PublishedContext | undefined;
  /** Counts validations: a new content version each time. */
  version = 0;

  constructor(environment: AlmanacEnvironment) {
    this.environment = environment;
  }

  /** Validates the content folder (with the same rules as `npm run check`) and keeps the result. */
  validate(): ValidationResult {
    const started = performance.now();
    const { contentDir, root, now } = this.environment;
    this.#validation = validateContent({
      contentDir,
      root,
      entryRules: defaultRules({ now }),
      cacheFile: validationCacheFile(root),
      audience: this.environment,
    });
    this.version++;
    const { config, entries } = this.#validation;
    const hidden = entries.filter((entry) => !isVisible(entry, this.environment)).map((entry) => `${entry.collection}/${entry.id}`);
    this.#published = { environment: this.environment, config, hidden };
    recordPhase('validation', performance.now() - started);
    return this.#validation;
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
  }
}

/** Prints a validation's problems through Astro's logger, warnings and errors alike. */
export function logProblems(problems: readonly Problem[], logger: AstroIntegrationLogger): void {
  for (const problem of problems) (problem.level === 'error' ? logger.error : logger.warn).call(logger, formatProblem(problem));
}
