/** Loads `almanac.yaml` from the content folder; a missing file means every default. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { siteConfigSchema, type SiteConfig } from '../core/schemas/config.ts';
import { displayPath, parseSourceFile, readSourceText } from './files.ts';
import { issuesToProblems } from './issues.ts';
import type { Problem } from '../core/problems.ts';

export const CONFIG_FILE_NAMES = ['almanac.yaml', 'almanac.yml'];

/** The configuration with every default, as used when the file is absent or invalid. */
export function defaultSiteConfig(): SiteConfig {
  return siteConfigSchema.parse({});
}

export function loadSiteConfig(contentDir: string, root: string): { config: SiteConfig; problems: Problem[]; file?: string } {
  const name = CONFIG_FILE_NAMES.find((candidate) => existsSync(join(contentDir, candidate)));
  if (!name) return { config: defaultSiteConfig(), problems: [] };
  const absolutePath = join(contentDir, name);
  const source = { collection: 'config' as const, id: 'almanac', absolutePath, file: displayPath(root, absolutePath), extension: '.yaml' };
  const read = readSourceText(source);
  if (read.problem) return { config: defaultSiteConfig(), problems: [read.problem], file: source.file };
  const { parsed, problems } = parseSourceFile(source, read.text);
  if (parsed.data === undefined) return { config: defaultSiteConfig(), problems, file: source.file };
  const result = siteConfigSchema.safeParse(parsed.data ?? {}, { reportInput: true });
  if (!result.success) {
    // Entries are still checked against the defaults, so one run reports every problem.
    return {
      config: defaultSiteConfig(),
      problems: [...problems, ...issuesToProblems(result.error.issues, parsed, siteConfigSchema, 'config')],
      file: source.file,
    };
  }
  return { config: result.data, problems, file: source.file };
}
