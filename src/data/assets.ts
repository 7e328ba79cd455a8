/** Build-time facts about files in public/, computed once per build rather than once per page. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let quickSearchVersion: string | undefined;

/** A content hash of `public/quick-search.js`, for its URL: a deploy never serves an old copy. */
export function quickSearchScriptVersion(): string {
  quickSearchVersion ??= createHash('sha1').update(readFileSync(join(process.cwd(), 'public', 'quick-search.js'))).digest('hex').slice(0, 10);
  return quickSearchVersion;
}
