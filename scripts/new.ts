/**
 * `npm run new -- <type> "<title>" [--flag value …]`: scaffolds a new entry as a draft.
 *
 *   npm run new -- postmortem "Checkout outage" --service checkout-api --severity SEV2
 *
 * Types: postmortem, slo, release, prd, handbook. Writes content/<collection>/<id>.mdx (under
 * ALMANAC_CONTENT_DIR when set), the id being the title as a slug unless --id is given. Choices
 * that are missing are asked for on a terminal (listing the valid values); without a terminal a
 * missing required choice is an error naming its flag. Never overwrites an existing entry.
 * "Today" is ALMANAC_NOW when set.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { listSourceFiles, parseSourceFile } from '../src/validation/files.ts';
import { environmentFor, PROJECT_ROOT } from './cli.ts';
import { explainId, idFromTitle } from '../src/core/ids.ts';
import {
  checkAnswer,
  COLLECTION_OF,
  normalizeAnswer,
  questionsFor,
  renderScaffold,
  SCAFFOLD_TYPES,
  type Choice,
  type Question,
  type ScaffoldContext,
  type ScaffoldType,
} from '../src/core/scaffold.ts';
import { loadSiteConfig } from '../src/validation/site-config.ts';

const USAGE = `Usage: npm run new -- <type> "<title>" [options]

Types: ${SCAFFOLD_TYPES.join(', ')}
  postmortem  --service <ids,…> --severity <level> [--author <names,…>] [--started <datetime>] [--detected <datetime>]
  slo         --service <id> --kind <sli kind> [--objective 99.9] [--window 30d]
  release     --version <version> [--service <ids,…>] [--train <id>] [--date YYYY-MM-DD] [--hotfix true|false] [--fixes <postmortem ids,…>]
  prd         --owner <team> [--author <names,…>]
  handbook    --owner <team>
Common: --id <file id> (default: the title as a slug)

Missing choices are asked for on a terminal; without one, each is an error naming its flag.
The entry is written as a draft to <content>/<collection>/<id>.mdx and is never overwritten.`;

class CliError extends Error {}

interface Args {
  type: ScaffoldType;
  title: string;
  flags: Map<string, string>;
}

function parseArgs(argv: string[]): Args | 'help' {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new CliError(`--${name} needs a value`);
      // Repeated flags add up: --service a --service b = --service a,b
      flags.set(name, flags.has(name) ? `${flags.get(name)},${value}` : value);
    } else positional.push(arg);
  }
  const [type, ...titleWords] = positional;
  if (!type) throw new CliError('which type of entry? Give one of: ' + SCAFFOLD_TYPES.join(', '));
  if (!(SCAFFOLD_TYPES as readonly string[]).includes(type))
    throw new CliError(`"${type}" is not a type; use one of ${SCAFFOLD_TYPES.join(', ')}`);
  const title = titleWords.join(' ').trim();
  if (!title)
    throw new CliError(`give the ${type}'s title in quotes, e.g. npm run new -- ${type} "Checkout outage during the spring sale"`);
  return { type: type as ScaffoldType, title, flags };
}

/** Ids (with display names) of the entries in the content folder, read leniently. */
function existingChoices(contentDir: string, root: string): ScaffoldContext['existing'] {
  const result: Record<string, Choice[]> = { services: [], teams: [], slos: [], releases: [], prds: [], postmortems: [] };
  for (const source of listSourceFiles(contentDir, root).files) {
    if (!(source.collection in result)) continue;
    let label: string | undefined;
    if (source.collection === 'services' || source.collection === 'teams' || source.collection === 'slos') {
      const data = parseSourceFile(source).parsed.data as Record<string, unknown> | undefined;
      const name = data?.name ?? data?.title ?? (data?.metadata as Record<string, unknown> | undefined)?.displayName;
      label = typeof name === 'string' ? name : undefined;
    }
    result[source.collection].push({ value: source.id, label });
  }
  return result as unknown as ScaffoldContext['existing'];
}

/** A path for messages: relative to the project when inside it, else absolute. */
function shown(root: string, path: string): string {
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : rel;
}

function gitUserName(root: string): string | undefined {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return name || undefined;
  } catch {
    return undefined;
  }
}

async function ask(rl: ReturnType<typeof createInterface>, question: Question): Promise<string> {
  const lines: string[] = [`${question.prompt} (--${question.flag})${question.multiple ? ', several separated by commas' : ''}:`];
  question.choices?.forEach((choice, index) =>
    lines.push(
      `  ${String(index + 1).padStart(2)}) ${choice.value}${choice.label && choice.label !== choice.value ? `  ${choice.label}` : ''}`,
    ),
  );
  const hint = question.choices
    ? `number or value${question.default ? `, Enter for ${question.default}` : ''}`
    : question.default
      ? `Enter for ${question.default}`
      : '';
  process.stdout.write(`${lines.join('\n')}\n`);
  for (;;) {
    const reply = (await rl.question(`> ${hint ? `(${hint}) ` : ''}`)).trim();
    let value = reply || question.default || '';
    if (question.choices) {
      value = value
        .split(',')
        .map((part) => {
          const number = Number(part.trim());
          return Number.isInteger(number) && number >= 1 && number <= question.choices!.length
            ? question.choices![number - 1].value
            : part.trim();
        })
        .join(',');
    }
    value = normalizeAnswer(question, value);
    const problem = value ? checkAnswer(question, value) : `--${question.flag} is required`;
    if (!problem) return value;
    process.stderr.write(`${problem}\n`);
  }
}

async function main(): Promise<number> {
  let args: Args | 'help';
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    console.error(`new: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    console.log(USAGE);
    return 0;
  }
  const root = PROJECT_ROOT;
  const environment = environmentFor('new');
  if (!environment) return 2;
  const { config } = loadSiteConfig(environment.contentDir, root);
  const context: ScaffoldContext = { config, existing: existingChoices(environment.contentDir, root), now: environment.now };
  const { type, title, flags } = args;

  const id = flags.get('id') ?? idFromTitle(title);
  const idProblem = explainId(id);
  if (idProblem) {
    console.error(`new: --id ${idProblem}`);
    return 2;
  }
  const collection = COLLECTION_OF[type];
  const directory = join(environment.contentDir, collection);
  const clash = existsSync(directory) ? readdirSync(directory).find((name) => name.replace(/\.[^.]+$/, '') === id) : undefined;
  if (clash) {
    console.error(
      `new: ${shown(root, join(directory, clash))} already exists; choose another title or pass --id <new-id> (existing entries are never overwritten)`,
    );
    return 1;
  }

  const questions = questionsFor(type, title, context);
  const known = new Set(['id', ...questions.map((question) => question.flag)]);
  const unknown = [...flags.keys()].filter((flag) => !known.has(flag));
  if (unknown.length) {
    console.error(
      `new: ${type} does not take ${unknown.map((f) => `--${f}`).join(', ')}; it takes ${[...known].map((f) => `--${f}`).join(', ')}`,
    );
    return 2;
  }
  const author = gitUserName(root);
  for (const question of questions) if (question.flag === 'author' && author) question.default = author;
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const answers: Record<string, string> = {};
  const problems: string[] = [];
  const optional = new Set(type === 'release' ? ['service', 'fixes'] : []);
  const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
  try {
    for (const question of questions) {
      const flag = flags.get(question.flag);
      const given = flag === undefined ? undefined : normalizeAnswer(question, flag);
      if (given !== undefined) {
        const problem = checkAnswer(question, given);
        if (problem) problems.push(problem);
        else answers[question.flag] = given;
      } else if (optional.has(question.flag)) {
        if (rl && question.choices?.length) {
          const reply = normalizeAnswer(
            question,
            await rl.question(
              `${question.prompt} (--${question.flag}, optional: ${question.choices.map((c) => c.value).join(', ')}; Enter to skip)\n> `,
            ),
          );
          const problem = reply ? checkAnswer(question, reply) : undefined;
          if (problem) problems.push(problem);
          else if (reply) answers[question.flag] = reply;
        }
      } else if (rl && (question.choices || question.default === undefined)) {
        answers[question.flag] = await ask(rl, question);
      } else if (question.default !== undefined) {
        answers[question.flag] = question.default;
      } else {
        const valid = question.choices
          ? `: ${question.multiple ? 'one or more of' : 'one of'} ${question.choices.map((c) => c.value).join(', ') || '(none exist yet)'}`
          : '';
        problems.push(`missing --${question.flag} (${question.prompt.toLowerCase()})${valid}`);
      }
    }
  } catch (error) {
    if ((error as Error).name === 'AbortError') {
      console.error('\nnew: cancelled; nothing was written');
      return 130;
    }
    throw error;
  } finally {
    rl?.close();
  }
  if (problems.length) {
    console.error(
      `new: cannot create the ${type}:\n${problems.map((p) => `  ${p}`).join('\n')}${interactive ? '' : '\n(no terminal to ask on: pass the flags)'}`,
    );
    return 2;
  }

  const result = renderScaffold(type, title, answers, context, id);
  const target = join(environment.contentDir, result.path);
  mkdirSync(directory, { recursive: true });
  try {
    writeFileSync(target, result.text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      console.error(`new: ${shown(root, target)} already exists; existing entries are never overwritten`);
      return 1;
    }
    throw error;
  }
  console.log(`Created ${shown(root, target)} (status: ${type === 'release' ? 'planned' : 'draft'}).`);
  console.log('Fill in the TODOs, then run: npm run check');
  return 0;
}

process.exitCode = await main();
