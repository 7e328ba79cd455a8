/**
 * The part of the build context that modules inside Astro's module graph read, through the
 * virtual module `virtual:almanac/context`. It is plain data (it crosses into that graph as JSON),
 * and it changes only when Astro restarts (a new environment or almanac.yaml). The model, which
 * changes with every content version, is not in it: `modelFile` names the file it is read from.
 */
import type { AlmanacEnvironment } from '../build/env.ts';
import type { SiteConfig } from '../core/schemas/config.ts';

export const CONTEXT_MODULE = 'virtual:almanac/context';

export interface PublishedContext {
  /**
   * The environment without the as-of instant: the pages get it with the model. It would change
   * the bundled code of every page on every build, and Astro's incremental build reuses a page
   * only when its code is unchanged.
   */
  environment: Omit<AlmanacEnvironment, 'now'>;
  config: SiteConfig;
  /** `<collection>/<id>` of every entry that exists but that this build does not publish. */
  hidden: string[];
  /** The model snapshot this build context writes for the pages (src/build/model-snapshot.ts). */
  modelFile: string;
}
