/** The schema of each collection, built for one site configuration, and its reference fields. */
import type { z } from 'astro/zod';
import type { CollectionName, ReferenceUse } from './common.ts';
import { vocabularyOf, type SiteConfig } from './config.ts';
import { handbookReferences, handbookSchema } from './handbook.ts';
import { postmortemReferences, postmortemSchema } from './postmortems.ts';
import { prdReferences, prdSchema } from './prds.ts';
import { releaseReferences, releaseSchema } from './releases.ts';
import { serviceReferences, serviceSchema } from './services.ts';
import { sloReferences, sloSchema } from './slos.ts';
import { teamSchema } from './teams.ts';

export interface CollectionSpec<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** `yaml` for data-only collections, `mdx` for entries with a body. */
  kind: 'yaml' | 'mdx';
  references: (data: any) => ReferenceUse[];
}

export function collectionSpecs(config: SiteConfig) {
  const vocabulary = vocabularyOf(config);
  return {
    teams: { schema: teamSchema, kind: 'yaml', references: () => [] },
    services: { schema: serviceSchema, kind: 'yaml', references: serviceReferences },
    slos: { schema: sloSchema, kind: 'mdx', references: sloReferences },
    postmortems: { schema: postmortemSchema(vocabulary), kind: 'mdx', references: postmortemReferences },
    releases: { schema: releaseSchema(vocabulary), kind: 'mdx', references: releaseReferences },
    prds: { schema: prdSchema, kind: 'mdx', references: prdReferences },
    handbook: { schema: handbookSchema, kind: 'mdx', references: handbookReferences },
  } satisfies Record<CollectionName, CollectionSpec>;
}
