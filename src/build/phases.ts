/**
 * Phase timings of a build, for `npm run bench`. When `ALMANAC_TIMER_PATH` names a file, each
 * phase's milliseconds are merged into that JSON object (Astro writes its own phases to
 * `ASTRO_TIMER_PATH` the same way). Without it, nothing is written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export function recordPhase(name: string, milliseconds: number, env: Record<string, string | undefined> = process.env): void {
  const path = env.ALMANAC_TIMER_PATH;
  if (!path) return;
  const phases = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>) : {};
  phases[name] = Math.round((phases[name] ?? 0) + milliseconds);
  writeFileSync(path, `${JSON.stringify(phases, null, 2)}\n`);
}
