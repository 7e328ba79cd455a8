/**
 * The part of the build context that modules inside Astro's module graph read, through the
 * virtual module `virtual:almanac/context`. It is plain data (it crosses into that graph as JSON),
 * and it changes only when Astro restarts (a new environment or almanac.yaml).
 */
import type { AlmanacEnvironment } from '../build/env.ts';
import type { SiteConfig } from '../core/schemas/config.ts';

export const CONTEXT_MODULE = 'virtual:almanac/context';

export interface PublishedContext {
  environment: AlmanacEnvironment;
  config: SiteConfig;
  /** `<collection>/<id>` of every entry that exists but that this build does not publish. */
  hidden: string[];
}
