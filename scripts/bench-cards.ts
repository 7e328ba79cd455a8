/**
 * OG card benchmark, two modes:
 *
 *   node scripts/bench-cards.ts [--cards 1000] [--concurrency N] [--docs N] [--json]
 *   node scripts/bench-cards.ts --stages [--cards 300] [--docs N] [--json]
 *
 * Throughput (default): renders N distinct cards cold (into a fresh temporary cache) as the build's
 * card process does, and reports wall time, cards per second, CPU-ms per card, and resident memory
 * after every 250 cards and at its peak. Memory must stay flat: the RSS after the last checkpoint
 * should be about the RSS after the first.
 *
 * Stages (`--stages`): draws the cards one at a time, one pass over all of them per stage, and
 * charges the process's CPU time (`process.cpuUsage()`: every thread, libvips' included) to each:
 * satori (text left as `<text>`, as the build draws it), librsvg rasterising the SVG to raw
 * pixels, PNG encoding of those pixels, and the SVG → PNG pipeline the build runs (both in one
 * libvips pipeline); and, for comparison in the same run, satori and the pipeline with satori's
 * glyph outlines instead of `<text>`. Also the mean PNG and SVG sizes.
 *
 * Cards: synthetic ones (`benchJobs`) by default; with `--docs N`, the real cards of a generated
 * handbook of N postmortems (scripts/generate-corpus.ts, as `npm run bench` builds it).
 * Run it alone (builds and other benchmarks skew every number on a 2-core machine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { CardInput, CardJob } from '../src/outputs/og/card.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, loadCardFonts } from '../src/outputs/og/card.ts';
import { cardInputs } from '../src/outputs/og/inputs.ts';
import { cardPngOptions, rasterisedCard, renderCards } from '../src/outputs/og/render.ts';
import { useTextFonts } from '../src/outputs/og/text-fonts.ts';
import { readEnvironment } from '../src/build/env.ts';
import { loadHandbook } from '../src/build/load.ts';
import { generateCorpus, proportionalReleases } from './generate-corpus.ts';
import { AS_OF } from './bench/processes.ts';

// As in the card process (src/outputs/og/worker.ts): one libvips thread per image.
sharp.concurrency(1);

export interface CardBenchResult {
  cards: number;
  concurrency: number;
  wallSeconds: number;
  cardsPerSecond: number;
  /** CPU time of the process (every thread) per card drawn, ms. */
  cpuMsPerCard: number;
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

/**
 * The cards of a generated handbook of `docs` postmortems (with one release per ten, as
 * `npm run bench` generates it), as the build lists them.
 */
export function corpusJobs(docs: number, root = resolve(import.meta.dirname, '..')): CardJob[] {
  const dir = mkdtempSync(join(tmpdir(), 'almanac-bench-cards-corpus-'));
  try {
    generateCorpus({ docs, dir, releases: proportionalReleases(docs) });
    const environment = readEnvironment({ ALMANAC_CONTENT_DIR: dir, ALMANAC_NOW: AS_OF }, { root });
    return cardInputs(loadHandbook(environment).model);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export async function benchCards(
  options: { cards?: number; concurrency?: number; every?: number; root?: string; jobs?: CardJob[] } = {},
): Promise<CardBenchResult> {
  const jobs = options.jobs ?? benchJobs(options.cards ?? 1000);
  const cards = jobs.length;
  const every = options.every ?? 250;
  const concurrency = options.concurrency ?? availableParallelism() * 2;
  const root = options.root ?? resolve(import.meta.dirname, '..');
  const cacheDir = mkdtempSync(join(tmpdir(), 'almanac-bench-cards-'));
  const fonts = loadCardFonts(root);
  const rssMb: CardBenchResult['rssMb'] = [];
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  try {
    const started = performance.now();
    const cpuStarted = cpuMs();
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
    const cpuMsPerCard = (cpuMs() - cpuStarted) / cards;
    if (counts.rendered !== cards) throw new Error(`Expected ${cards} cold renders, got ${counts.rendered} (cache not empty?)`);
    return {
      cards,
      concurrency,
      wallSeconds: Number(wallSeconds.toFixed(2)),
      cardsPerSecond: Number((cards / wallSeconds).toFixed(1)),
      cpuMsPerCard: Number(cpuMsPerCard.toFixed(1)),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      rssMb,
      rssGrowthMb: rssMb.length ? rssMb[rssMb.length - 1].rssMb - rssMb[0].rssMb : 0,
    };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

export interface CardStagesResult {
  cards: number;
  /** Mean CPU-ms per card of each stage, run one card at a time. */
  cpuMs: {
    /** satori as the build runs it (text left as `<text>`): style, layout, text shaping and line breaking. */
    satori: number;
    /** librsvg rasterising the SVG (its text through Pango), to raw RGBA pixels (copied out of libvips). */
    rasterise: number;
    /** PNG encoding of those pixels, in a pipeline of its own. */
    encode: number;
    /**
     * What the build runs after satori: SVG → PNG in one libvips pipeline, less than rasterise
     * plus encode (no raw pixels copied out and back in between).
     */
    pipeline: number;
    /** satori plus the pipeline: a card's cost. */
    total: number;
    /**
     * The same cards with satori's glyph outlines instead of `<text>` (`embedFont: true`, how
     * cards were drawn before librsvg drew their text): satori, the pipeline, and their sum.
     */
    outlines: { satori: number; pipeline: number; total: number };
  };
  pngKb: number;
  svgKb: number;
}

/** Times each stage of drawing the cards, one card at a time (see the header). */
export async function benchCardStages(options: { jobs: CardJob[]; root?: string; warmup?: number }): Promise<CardStagesResult> {
  const { jobs } = options;
  const raw = { raw: { width: CARD_WIDTH, height: CARD_HEIGHT, channels: 4 as const } };
  const fonts = loadCardFonts(options.root ?? resolve(import.meta.dirname, '..'));
  useTextFonts(fonts);
  const previousCache = sharp.cache();
  sharp.cache(false);
  // Each stage is one pass over every card: a second satori call on the same card would find
  // the first one's text measurements cached and look cheaper than it is.
  const pass = async (stage: (job: CardJob, index: number) => Promise<unknown>) => {
    const started = cpuMs();
    for (const [index, job] of jobs.entries()) await stage(job, index);
    return (cpuMs() - started) / jobs.length;
  };
  try {
    // Warm-up: JIT, font parsing, libvips start-up are not a card's cost.
    for (const job of jobs.slice(0, options.warmup ?? 20))
      await rasterisedCard(await cardSvg(job.input, fonts))
        .png(cardPngOptions())
        .toBuffer();
    const outlineSvgs: string[] = [];
    const outlineSatori = await pass(async (job) => outlineSvgs.push(await cardSvg(job.input, fonts, { embedFont: true })));
    const outlinePipeline = await pass((_, index) => rasterisedCard(outlineSvgs[index]).png(cardPngOptions()).toBuffer());
    outlineSvgs.length = 0;
    const svgs: string[] = [];
    const satori = await pass(async (job) => svgs.push(await cardSvg(job.input, fonts)));
    const pixels: Buffer[] = [];
    const rasterise = await pass(async (_, index) => (pixels[index] = await rasterisedCard(svgs[index]).raw().toBuffer()));
    const encode = await pass(async (_, index) => {
      await sharp(pixels[index], raw).png(cardPngOptions()).toBuffer();
      pixels[index] = Buffer.alloc(0);
    });
    let pngBytes = 0;
    const pipeline = await pass(
      async (_, index) => (pngBytes += (await rasterisedCard(svgs[index]).png(cardPngOptions()).toBuffer()).length),
    );
    const round = (value: number) => Number(value.toFixed(2));
    const kb = (bytes: number) => Number((bytes / jobs.length / 1024).toFixed(1));
    return {
      cards: jobs.length,
      cpuMs: {
        satori: round(satori),
        rasterise: round(rasterise),
        encode: round(encode),
        pipeline: round(pipeline),
        total: round(satori + pipeline),
        outlines: { satori: round(outlineSatori), pipeline: round(outlinePipeline), total: round(outlineSatori + outlinePipeline) },
      },
      pngKb: kb(pngBytes),
      svgKb: kb(svgs.reduce((sum, svg) => sum + svg.length, 0)),
    };
  } finally {
    sharp.cache({ memory: previousCache.memory.max, files: previousCache.files.max, items: previousCache.items.max });
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      cards: { type: 'string' },
      concurrency: { type: 'string' },
      docs: { type: 'string' },
      stages: { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const count = values.cards ? Number(values.cards) : undefined;
  let jobs: CardJob[] | undefined;
  if (values.docs) {
    const all = corpusJobs(Number(values.docs));
    // An even sample over every kind of card (postmortems, releases, SLOs, services, teams, tags).
    const step = count && count < all.length ? all.length / count : 1;
    jobs = Array.from({ length: Math.min(count ?? all.length, all.length) }, (_, index) => all[Math.floor(index * step)]);
  }
  if (values.stages) {
    const result = await benchCardStages({ jobs: jobs ?? benchJobs(count ?? 300) });
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      const { cpuMs: ms } = result;
      console.log(`${result.cards} cards, one at a time; CPU-ms per card:`);
      console.log(
        `  satori ${ms.satori}; rasterise ${ms.rasterise}, encode ${ms.encode} (apart); SVG → PNG in one pipeline ${ms.pipeline}`,
      );
      console.log(`  total ${ms.total} (satori + pipeline); PNG ${result.pngKb} KB, SVG ${result.svgKb} KB`);
      const { outlines } = ms;
      console.log(
        `  with satori's glyph outlines instead: satori ${outlines.satori}, pipeline ${outlines.pipeline}, total ${outlines.total} (${(ms.total / outlines.total).toFixed(2)}×)`,
      );
    }
  } else {
    const result = await benchCards({ cards: count, jobs, concurrency: values.concurrency ? Number(values.concurrency) : undefined });
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(
        `${result.cards} cards in ${result.wallSeconds} s: ${result.cardsPerSecond} cards/s, ${result.cpuMsPerCard} CPU-ms a card (concurrency ${result.concurrency})`,
      );
      console.log(`RSS by cards rendered: ${result.rssMb.map((point) => `${point.cards}: ${point.rssMb} MB`).join(', ')}`);
      console.log(`peak RSS ${result.peakRssMb} MB; growth from first to last checkpoint ${result.rssGrowthMb} MB`);
    }
  }
}
