/**
 * Child process that writes the search index (`indexSite`), started by `forkIndexProcess` with
 * the index chunk size in its environment, which Pagefind's service inherits from it.
 *
 * Protocol (IPC, `serialization: 'advanced'`): parent → `PagefindWorkerRequest`; child → any
 * number of `{ kind: 'warning' }`, then `{ kind: 'done', result }` or `{ kind: 'failed' }`, and exits.
 */
import { indexSite, type PagefindWorkerReply, type PagefindWorkerRequest } from './pagefind.ts';

const reply = (message: PagefindWorkerReply) => new Promise<void>((resolve) => process.send!(message, () => resolve()));

process.once('message', async ({ siteDir, ...options }: PagefindWorkerRequest) => {
  try {
    const logger = { info() {}, warn: (message: string) => void reply({ kind: 'warning', message }) };
    await reply({ kind: 'done', result: await indexSite(siteDir, { ...options, logger }) });
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    await reply({
      kind: 'failed',
      message: error instanceof Error ? error.message : String(error),
      cause: cause instanceof Error ? (cause.stack ?? cause.message) : cause === undefined ? undefined : String(cause),
    });
  } finally {
    process.disconnect();
  }
});
