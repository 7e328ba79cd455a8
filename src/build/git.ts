/**
 * "Last updated" dates from git history: one `git log` for the whole content folder, never one
 * per file. A folder outside git, a shallow clone or a missing git binary give no dates, not errors.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Parses `git log --format=%x1e%cI --name-only` output: the newest commit date per path. */
export function parseGitLog(output: string): Map<string, string> {
  const latest = new Map<string, string>();
  for (const record of output.split('\x1e')) {
    const [date, ...paths] = record
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    if (!date) continue;
    for (const path of paths) if (!latest.has(path)) latest.set(path, date);
  }
  return latest;
}

const git = (directory: string, ...args: string[]) =>
  execFileSync('git', ['-C', directory, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });

/** The commit checked out, or undefined outside git: the dates change only when it does. */
export function headCommit(directory: string): string | undefined {
  try {
    return git(directory, 'rev-parse', 'HEAD').trim();
  } catch {
    return undefined;
  }
}

/** Absolute file path → ISO datetime of the last commit that touched it. */
export function lastModifiedDates(directory: string): Map<string, string> {
  try {
    const top = git(directory, 'rev-parse', '--show-toplevel').trim();
    const byPath = parseGitLog(git(directory, 'log', '--format=%x1e%cI', '--name-only', '--no-renames', '--', '.'));
    return new Map([...byPath].map(([path, date]) => [join(top, path), date]));
  } catch {
    return new Map();
  }
}
