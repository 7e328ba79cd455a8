/**
 * `npm run check` (first half): validates the content folder without building the site — the same
 * pass and the same authoring rules (blameless lint, secret scan, policies) as `astro build`.
 *
 *   node scripts/check.ts [--format human|github|json]
 *
 * Reads ALMANAC_CONTENT_DIR (default content/) and ALMANAC_NOW (the as-of date of the policies).
 * Exit status: 0 when there are no errors (warnings are printed but do not fail), 1 when there
 * are errors, 2 when the command line or environment is invalid.
 */
import { environmentFor, PROJECT_ROOT } from './cli.ts';
import { formatReport, REPORT_FORMATS, shouldColor, type ReportFormat } from '../src/validation/report.ts';
import { defaultRules } from '../src/validation/rules.ts';
import { validationCacheDir } from '../src/build/cache.ts';
import { validateContent } from '../src/validation/validate.ts';

const USAGE = `Usage: npm run check -- [--format human|github|json]

Validates the content folder (ALMANAC_CONTENT_DIR, default content/) without building:
schemas, references, the blameless-language lint, the secret scan and the policy rules.
  --format human   grouped by file, coloured on a terminal (default; NO_COLOR turns colour off)
  --format github  ::error/::warning annotations for GitHub Actions pull requests
  --format json    one JSON object with every problem
Exit status: 1 when there are errors, 0 otherwise (warnings do not fail).`;

function parseArgs(argv: string[]): { format: ReportFormat } | { help: true } {
  let format: string = 'human';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--format' || arg === '-f') {
      format = argv[++i] ?? '';
    } else if (arg.startsWith('--format=')) {
      format = arg.slice('--format='.length);
    } else {
      throw new UsageError(`unknown argument "${arg}"`);
    }
  }
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${format}")`);
  }
  return { format: format as ReportFormat };
}

class UsageError extends Error {}

function main(): number {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`check: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if ('help' in args) {
    console.log(USAGE);
    return 0;
  }
  const root = PROJECT_ROOT;
  const environment = environmentFor('check');
  if (!environment) return 2;
  const result = validateContent({
    contentDir: environment.contentDir,
    root,
    entryRules: defaultRules({ now: environment.now }),
    cacheDir: validationCacheDir(environment.cacheDir),
    audience: environment,
  });
  const output = formatReport(args.format, result.problems, {
    color: shouldColor(process.stdout, process.env),
    checkedFiles: result.parsed.size,
  });
  process.stdout.write(output);
  return result.problems.some((problem) => problem.level === 'error') ? 1 : 0;
}

process.exitCode = main();
