/**
 * The bench's command line (`node:util` parseArgs). Parsing is pure: `--help` is returned as
 * 'help' and printed by the entry, so that the flags can be tested without running anything.
 */
import { parseArgs } from 'node:util';
import { BenchError } from './errors.ts';

export const USAGE = `Usage: npm run bench -- --docs N [--runs R] [--baseline starlight|none] [--skip-baseline] [--compare-with FILE]
                       [--json] [--keep] [--skip-first-search] [--skip-dev] [--seed 1] [--verbose]

  --docs N              postmortems in the generated corpus (required), e.g. 200, 1000, 3000
  --runs R              cold builds and rebuilds per site, alternating Almanac and Starlight (default 1);
                        the report gives the median of each
  --baseline B          starlight (default): build a Starlight site from the same corpus in the same run;
                        none: Almanac only, and the ratio targets say "not measured"
  --skip-baseline       the same as --baseline none
  --compare-with FILE   an earlier bench's --json output: compare the cold time per postmortem with it
  --json                print one JSON object with every figure instead of the table
  --keep                keep the temporary folder (corpus, dist, card cache, logs) and print its path
  --skip-first-search   do not start astro preview + Chromium to measure the bytes of a first search
  --skip-dev            do not start astro dev to measure how long an edit takes to show
  --seed S              corpus seed (default 1; the same seed gives the same corpus)
  --verbose             stream the astro output to stderr`;

export const BASELINES = ['starlight', 'none'] as const;
export type Baseline = (typeof BASELINES)[number];

export interface Options {
  docs: number;
  runs: number;
  baseline: Baseline;
  compareWith: string | undefined;
  seed: number;
  json: boolean;
  keep: boolean;
  skipFirstSearch: boolean;
  skipDev: boolean;
  verbose: boolean;
}

/** The options of `argv` (the arguments after the script), or 'help' for `--help`/`-h`; throws on a bad value or an unknown flag. */
export function readOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      docs: { type: 'string' },
      runs: { type: 'string', default: '1' },
      baseline: { type: 'string' },
      'skip-baseline': { type: 'boolean', default: false },
      'compare-with': { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'skip-first-search': { type: 'boolean', default: false },
      'skip-dev': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return 'help';
  const docs = Number(values.docs);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  if (values.docs === undefined || !Number.isInteger(docs) || docs < 1)
    throw new BenchError(`--docs must be a whole number of postmortems, at least 1 (got ${values.docs ?? 'nothing'})\n\n${USAGE}`);
  if (!Number.isInteger(runs) || runs < 1) throw new BenchError(`--runs must be a whole number, at least 1 (got ${values.runs})`);
  if (!Number.isInteger(seed)) throw new BenchError(`--seed must be a whole number (got ${values.seed})`);
  if (values.baseline !== undefined && !(BASELINES as readonly string[]).includes(values.baseline))
    throw new BenchError(`--baseline must be one of ${BASELINES.join(', ')} (got ${values.baseline})`);
  if (values['skip-baseline'] && values.baseline === 'starlight')
    throw new BenchError('--skip-baseline and --baseline starlight contradict each other; give one');
  if (values['compare-with'] === '') throw new BenchError('--compare-with needs the path of an earlier bench JSON');
  return {
    docs,
    runs,
    baseline: values['skip-baseline'] ? 'none' : ((values.baseline as Baseline | undefined) ?? 'starlight'),
    compareWith: values['compare-with'],
    seed,
    json: values.json!,
    keep: values.keep!,
    skipFirstSearch: values['skip-first-search']!,
    skipDev: values['skip-dev']!,
    verbose: values.verbose!,
  };
}
