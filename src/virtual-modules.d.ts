/** The build context, provided by the almanac integration (src/integration/almanac.ts). */
declare module 'virtual:almanac/context' {
  export const context: import('./integration/published.ts').PublishedContext;
}

/** The built URL of the quick-search dialog's chunk (src/integration/lazy-script.ts). */
declare module 'virtual:almanac/quick-search-url' {
  const url: string;
  export default url;
}

/** Per-page values shared between a page and the components its body renders. */
declare namespace App {
  interface Locals {
    /** A postmortem's phases to time scale, drawn by the body's `<Timeline>`. */
    almanacPhases?: import('./core/reading.ts').PhaseBar[];
  }
}
