/**
 * Worker thread that draws OG cards into the cache while Astro builds the pages: satori's layout
 * work then runs beside Astro's rendering instead of after it (the build is otherwise mostly one
 * thread, and the machine has a second core). It posts the counts, or the error, when done.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CardJob } from './card.ts';
import { renderCards } from './render.ts';

interface CardWorkerData {
  jobs: CardJob[];
  cacheDir: string;
  root: string;
}

const { jobs, cacheDir, root } = workerData as CardWorkerData;
try {
  const counts = await renderCards(jobs, { cacheDir, root });
  parentPort!.postMessage({ ok: true, counts });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error), cause: error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined });
}
