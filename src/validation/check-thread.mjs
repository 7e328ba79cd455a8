/**
 * The worker thread of check-thread-client.ts: checks the files it is given (`checkFilesForCache`)
 * and posts the results, or `{ error }`, then raises the signal the validating thread waits on.
 * Plain JavaScript that loads the checks itself, so that even a failure to load them is answered.
 */
import { workerData } from 'node:worker_threads';

const { files, config, ruleIndexes, port, signal } = workerData;
try {
  const { checkFilesForCache } = await import('./validate.ts');
  const { FILE_LOCAL_RULES } = await import('./check-thread-client.ts');
  port.postMessage(
    checkFilesForCache(
      files,
      config,
      ruleIndexes.map((index) => FILE_LOCAL_RULES[index]),
    ),
  );
} catch (error) {
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  port.close();
}
