/**
 * The bench's command line (`node:util` parseArgs). Parsing is pure: `--help` is returned as
 * 'help' and printed by the entry, so that the flags can be tested without running anything.
 */
import { parseArgs } from 'node:util';
import { BenchError } from './errors.ts';

export const USAGE = `Usage: npm run bench -- --docs N [--json] [--keep] [--skip-first-search] [--skip-dev] [--seed 1] [--verbose]

  --docs N              postmortems in the generated corpus (required), e.g. 200, 1000, 3000
  --json                print one JSON object with every figure instead of the table
  --keep                keep the temporary folder (corpus, dist, card cache, logs) and print its path
  --skip-first-search   do not start astro preview + Chromium to measure the bytes of a first search
  --skip-dev            do not start astro dev to measure how long an edit takes to show
  --seed S              corpus seed (default 1; the same seed gives the same corpus)
  --verbose             stream the astro output to stderr`;

export interface Options {
  docs: number;
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
  const seed = Number(values.seed);
  if (values.docs === undefined || !Number.isInteger(docs) || docs < 1)
    throw new BenchError(`--docs must be a whole number of postmortems, at least 1 (got ${values.docs ?? 'nothing'})\n\n${USAGE}`);
  if (!Number.isInteger(seed)) throw new BenchError(`--seed must be a whole number (got ${values.seed})`);
  return {
    docs,
    seed,
    json: values.json!,
    keep: values.keep!,
    skipFirstSearch: values['skip-first-search']!,
    skipDev: values['skip-dev']!,
    verbose: values.verbose!,
  };
}
