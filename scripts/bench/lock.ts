/**
 * Builds must not overlap with anyone else's: the whole run (corpus, both builds, preview, browser,
 * astro dev) holds /tmp/almanac-build.lock. The bench starts itself again under
 * `flock --no-fork`; when another build holds the lock, it says so and waits, and the wait is
 * outside every measurement. When the lock was already taken for this run
 * (`flock /tmp/almanac-build.lock npm run bench …`), the bench runs as it is: a second flock on a
 * new open of the file would wait for its own parent forever.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { BenchError } from './errors.ts';
import { flockHeldBy, parseProcLocks, parseProcStatus } from './figures.ts';
import { progress } from './processes.ts';

export const LOCK_FILE = '/tmp/almanac-build.lock';
/** flock's exit code when the lock is busy (`-E`), distinct from any code of the bench itself. */
const LOCK_BUSY = 75;
/** Set for the bench started under the lock, so that it does not take the lock again. */
const LOCKED_ENV = 'BENCH_LOCKED';

/** This process and its ancestors, from /proc/<pid>/status. */
function selfAndAncestors(): number[] {
  const pids: number[] = [];
  for (let pid = process.pid; pid > 0 && !pids.includes(pid);) {
    pids.push(pid);
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch {
      break;
    }
    pid = parseProcStatus(pid, text)?.ppid ?? 0;
  }
  return pids;
}

/** Whether this run holds the lock already: started under it by the bench, or by an flock around npm. */
export function holdsLock(): boolean {
  if (process.env[LOCKED_ENV] === '1') return true;
  try {
    return flockHeldBy(parseProcLocks(readFileSync('/proc/locks', 'utf8')), statSync(LOCK_FILE), selfAndAncestors());
  } catch {
    return false; // no lock file yet, or no /proc/locks: nobody holds it for us
  }
}

/** Re-runs `script` under `flock` so no other build overlaps; the lock is held until it exits. */
export async function underLock(script: string, argv: string[]): Promise<number> {
  const command = (blocking: boolean) => [
    ...(blocking ? [] : ['-n', '-E', String(LOCK_BUSY)]),
    '--no-fork',
    LOCK_FILE,
    process.execPath,
    script,
    ...argv,
  ];
  const attempt = (blocking: boolean) =>
    new Promise<number>((resolvePromise, reject) => {
      const child = spawn('flock', command(blocking), { stdio: 'inherit', env: { ...process.env, [LOCKED_ENV]: '1' } });
      const forward = (signal: NodeJS.Signals) => child.kill(signal);
      process.on('SIGINT', forward);
      process.on('SIGTERM', forward);
      child.once('error', (error) => reject(new BenchError('could not run flock (util-linux) for the build lock', { cause: error })));
      child.once('exit', (code, signal) => {
        process.off('SIGINT', forward);
        process.off('SIGTERM', forward);
        resolvePromise(code ?? (signal === 'SIGINT' ? 130 : 143));
      });
    });
  const code = await attempt(false);
  if (code !== LOCK_BUSY) return code;
  progress(`${LOCK_FILE} is held by another build; waiting for it (the wait is not measured)…`);
  return attempt(true);
}
