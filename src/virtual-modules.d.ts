/** The build context, provided by the almanac integration (src/integration/almanac.ts). */
declare module 'virtual:almanac/context' {
  export const context: import('./integration/published.ts').PublishedContext;
}
