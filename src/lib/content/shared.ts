/**
 * One validation per build process. The Astro integration validates the content folder before
 * Astro loads it; the collection loaders, the OG cards and `loadHandbook` then reuse those parsed
 * files instead of reading and parsing every file again. The hand-off lives on `globalThis`
 * because Astro evaluates `content.config.ts` in its own module graph.
 */
import type { ValidationResult } from '../validate.ts';

const KEY = Symbol.for('almanac.validation');

interface Shared {
  contentDir: string;
  result: ValidationResult;
}

export function shareValidation(contentDir: string, result: ValidationResult): void {
  (globalThis as Record<symbol, unknown>)[KEY] = { contentDir, result } satisfies Shared;
}

/** The validation of this content folder made earlier in this process, if any. */
export function sharedValidation(contentDir: string): ValidationResult | undefined {
  const shared = (globalThis as Record<symbol, unknown>)[KEY] as Shared | undefined;
  return shared?.contentDir === contentDir ? shared.result : undefined;
}

/**
 * Drops this process's validation once the content is synced (`astro:build:start`): the loaders
 * were its last readers, and a cold build's parsed files (YAML documents and all) would otherwise
 * stay on the heap through page rendering, where a bigger heap makes every garbage collection
 * slower (issue 8).
 */
export function releaseSharedValidation(): void {
  delete (globalThis as Record<symbol, unknown>)[KEY];
}
