/** The build context, provided by the almanac integration (src/integrations/almanac.ts). */
declare module 'virtual:almanac/context' {
  export const context: import('./integrations/published.ts').PublishedContext;
}
