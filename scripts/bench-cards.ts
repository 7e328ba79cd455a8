/**
 * OG card benchmark: renders N distinct cards cold (into a fresh temporary cache) and reports wall
 * time, cards per second, and resident memory after every 250 cards and at its peak.
 *
 *   node scripts/bench-cards.ts [--cards 1000] [--concurrency N] [--json]
 *
 * Memory must stay flat: the RSS after the last checkpoint should be about the RSS after the first.
 * Run it alone (builds and other benchmarks skew both numbers on a 2-core machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CardInput, CardJob } from '../src/outputs/og/card.ts';
import { loadCardFonts } from '../src/outputs/og/card.ts';
import { renderCards } from '../src/outputs/og/render.ts';

export interface CardBenchResult {
  cards: number;
  concurrency: number;
  wallSeconds: number;
  cardsPerSecond: number;
  /** Peak resident set size of the process, MB. */
  peakRssMb: number;
  /** RSS after every `every` cards, MB. */
  rssMb: { cards: number; rssMb: number }[];
  /** Last checkpoint minus first, MB: near zero when memory is flat. */
  rssGrowthMb: number;
}

const TYPES = ['Postmortem', 'SLO', 'Release', 'PRD', 'Handbook page', 'Service', 'Team'];
const TONES = ['bad', 'warn', 'ok', 'info', 'neutral'] as const;
const WORDS =
  'checkout latency regression promotions rollout cache stampede queue backlog certificate rotation replica lag synonym reindex connection pool exhaustion deploy canary feature flag retry storm'.split(
    ' ',
  );

/** N distinct, realistic cards: varied lengths, badges and services; one in 20 Greek, one in 20 Japanese. */
export function benchJobs(count: number): CardJob[] {
  return Array.from({ length: count }, (_, index) => {
    const words = Array.from({ length: 4 + (index % 13) }, (_, word) => WORDS[(index * 7 + word * 3) % WORDS.length]);
    let title = `${words.join(' ')} #${index}`;
    title = title.charAt(0).toUpperCase() + title.slice(1);
    if (index % 20 === 7) title = `Ελληνικά: διακοπή υπηρεσίας πληρωμών ${index}`;
    if (index % 20 === 13) title = `決済ゲートウェイの障害と復旧 ${index}`;
    const input: CardInput = {
      type: TYPES[index % TYPES.length],
      title,
      badge:
        index % 6 === 5 ? undefined : { text: index % 2 ? `SEV${(index % 4) + 1} · Major` : 'Shipped', tone: TONES[index % TONES.length] },
      detail: index % 3 === 0 ? undefined : `Version 4.${index}.0 · train 2026-11-a`,
      services: ['Checkout API', 'Payments gateway', 'Storefront', 'Catalog API', 'Notifications'].slice(0, index % 6),
      date: `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      siteName: 'Fernhill Handbook',
    };
    return { path: `/og/bench/card-${index}.png`, input };
  });
}

export async function benchCards(
  options: { cards?: number; concurrency?: number; every?: number; root?: string } = {},
): Promise<CardBenchResult> {
  const cards = options.cards ?? 1000;
  const every = options.every ?? 250;
  const concurrency = options.concurrency ?? availableParallelism() * 2;
  const root = options.root ?? resolve(import.meta.dirname, '..');
  const cacheDir = mkdtempSync(join(tmpdir(), 'almanac-bench-cards-'));
  const jobs = benchJobs(cards);
  const fonts = loadCardFonts(root);
  const rssMb: CardBenchResult['rssMb'] = [];
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  try {
    const started = performance.now();
    const counts = await renderCards(jobs, {
      root,
      fonts,
      cacheDir,
      concurrency,
      onProgress: (done) => {
        if (done % every === 0 || done === cards) rssMb.push({ cards: done, rssMb: mb(process.memoryUsage.rss()) });
      },
    });
    const wallSeconds = (performance.now() - started) / 1000;
    if (counts.rendered !== cards) throw new Error(`Expected ${cards} cold renders, got ${counts.rendered} (cache not empty?)`);
    return {
      cards,
      concurrency,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      cardsPerSecond: Number((cards / wallSeconds).toFixed(1)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      rssMb,
      rssGrowthMb: rssMb.length ? rssMb[rssMb.length - 1].rssMb - rssMb[0].rssMb : 0,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { cards: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'boolean' } } });
  const result = await benchCards({
    cards: values.cards ? Number(values.cards) : undefined,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
  });
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`${result.cards} cards in ${result.wallSeconds} s: ${result.cardsPerSecond} cards/s (concurrency ${result.concurrency})`);
    console.log(`RSS by cards rendered: ${result.rssMb.map((point) => `${point.cards}: ${point.rssMb} MB`).join(', ')}`);
    console.log(`peak RSS ${result.peakRssMb} MB; growth from first to last checkpoint ${result.rssGrowthMb} MB`);
  }
}
