/**
 * Rasterises OG cards: satori draws the SVG, sharp (libvips + librsvg) turns it into a PNG.
 *
 * - Cache: each PNG is stored under a hash of its inputs, the layout version, the fonts and the
 *   renderer, in `.cache/og/` at the project root (or `$ALMANAC_CACHE_DIR/og/`). An unchanged card
 *   is linked from there and never drawn again; CI keeps the folder between builds.
 * - Memory: librsvg frees what it allocates (resvg-js 2.6 leaks about 3 MB a card), the libvips
 *   operation cache is off while cards render, and no PNG outlives its own task, so memory stays
 *   flat over thousands of cards (see scripts/bench-cards.ts).
 * - Parallelism: a small pool of async tasks; satori runs on the JS thread while sharp rasterises
 *   and encodes on libuv's thread pool, so both cores are busy.
 */
import { createHash } from 'node:crypto';
import { copyFile, link, mkdir, rename, stat, utimes, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import sharp, { type PngOptions, type Sharp } from 'sharp';
import { cardCacheDir, pruneUnused, UNUSED_CACHE_DAYS } from '../../build/cache.ts';
// Callers that draw cards find the cache folder here too.
export { cardCacheDir };
import { CARD_HEIGHT, CARD_WIDTH, cardSvg, LAYOUT_VERSION, loadCardFonts, type CardFonts, type CardInput, type CardJob } from './card.ts';
import { hasTextFonts, useTextFonts } from './text-fonts.ts';

export interface RenderOptions {
  /** Folder the PNGs are written to, at `outDir + job.path`. Without it, only the cache is filled. */
  outDir?: string;
  /** Cache folder: `cardCacheDir` of the build's cache (`AlmanacEnvironment.cacheDir`). */
  cacheDir: string;
  /** Project root (for the fonts); default the working directory. */
  root?: string;
  /** Folder of the fonts librsvg draws text with (`useTextFonts`); default in the system's temporary folder. */
  fontDir?: string;
  /** Cards in flight at once; default `os.availableParallelism() * 2`. */
  concurrency?: number;
  fonts?: CardFonts;
  onProgress?: (done: number, total: number) => void;
}

export interface RenderCounts {
  total: number;
  /** Drawn with satori and sharp in this run. */
  rendered: number;
  /** Copied from the cache. */
  cached: number;
}

/** JSON with sorted keys, so equal inputs hash equally whatever order their fields were set in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

let satoriVersion: string | undefined;
function rendererVersion(root: string): string {
  if (satoriVersion === undefined) {
    satoriVersion = 'unknown';
    for (let dir = root; ; dir = dirname(dir)) {
      const file = join(dir, 'node_modules', 'satori', 'package.json');
      if (existsSync(file)) {
        satoriVersion = (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
        break;
      }
      if (dirname(dir) === dir) break;
    }
  }
  const { rsvg, vips, pango, harfbuzz, freetype, fontconfig } = sharp.versions;
  return `satori ${satoriVersion}; librsvg ${rsvg ?? '?'}; vips ${vips}; text: pango ${pango ?? '?'}, harfbuzz ${harfbuzz ?? '?'}, freetype ${freetype ?? '?'}, fontconfig ${fontconfig ?? '?'}`;
}

/**
 * How a card's pixels are stored: RGBA as librsvg draws them (every pixel opaque), at zlib level 3
 * instead of sharp's 6. Measured on 1200×630 cards: level 3 takes about 15% less CPU a card than
 * 6; dropping the alpha channel (RGB) would make files 7% smaller (68 KB against 73 KB) but costs
 * more than it saves, about 0.8 ms a card, because libvips copies every pixel to drop it. The key
 * includes the encoding, so changing it redraws every card.
 */
const PNG_ENCODING = { channels: 4, compressionLevel: 3 } as const;

/** The cache key of a card: its inputs, the layout version, the size, the fonts, the renderer and the encoding. */
export function cardKey(input: CardInput, fonts: CardFonts, root = process.cwd()): string {
  return createHash('sha256')
    .update(
      canonical({
        layout: LAYOUT_VERSION,
        size: [CARD_WIDTH, CARD_HEIGHT],
        fonts: fonts.fingerprint,
        renderer: rendererVersion(root),
        encoding: PNG_ENCODING,
        input,
      }),
    )
    .digest('hex');
}

/**
 * The card's SVG rasterised by librsvg: a pipeline to finish with `.png(…)` (or `.raw()` when the
 * bench times rasterising and encoding apart).
 */
export function rasterisedCard(svg: string): Sharp {
  // Without its fonts, fontconfig would draw every character as a missing-glyph box.
  if (!hasTextFonts() && svg.includes('<text'))
    throw new Error('OG cards: the card has text but this process has no text fonts (call useTextFonts first)');
  // 72 dpi: one SVG unit is one pixel, so the PNG is exactly CARD_WIDTH × CARD_HEIGHT.
  return sharp(Buffer.from(svg), { density: 72 });
}

/** The PNG options of every card (see `PNG_ENCODING`). */
export const cardPngOptions = (): PngOptions => ({ compressionLevel: PNG_ENCODING.compressionLevel });

/** Draws one card as a PNG buffer (no cache): one libvips pipeline from SVG to PNG. */
export async function renderCardPng(input: CardInput, fonts: CardFonts, fontDir?: string): Promise<Buffer> {
  useTextFonts(fonts, fontDir);
  return rasterisedCard(await cardSvg(input, fonts))
    .png(cardPngOptions())
    .toBuffer();
}

/**
 * Renders every job: from the cache when its key is there, else drawn and stored. Runs at most
 * `concurrency` cards at once and rejects on the first failure (naming the card).
 */
export async function renderCards(jobs: readonly CardJob[], options: RenderOptions): Promise<RenderCounts> {
  const root = options.root ?? process.cwd();
  const fonts = options.fonts ?? loadCardFonts(root);
  const { cacheDir } = options;
  const concurrency = Math.max(1, options.concurrency ?? availableParallelism() * 2);
  const counts: RenderCounts = { total: jobs.length, rendered: 0, cached: 0 };

  const seen = new Set<string>();
  for (const job of jobs) {
    if (!/^\/og\/[a-z0-9][a-z0-9/_-]*\.png$/.test(job.path) || job.path.includes('..'))
      throw new Error(`OG card path "${job.path}" is not /og/<folder>/<name>.png`);
    if (seen.has(job.path)) throw new Error(`Two OG cards want the same path ${job.path}`);
    seen.add(job.path);
  }
  const keys = jobs.map((job) => cardKey(job.input, fonts, root));
  // The cache is one folder (not one per key prefix: a cold build would create 256 more).
  const folders = new Set<string>([cacheDir]);
  for (const job of jobs) if (options.outDir) folders.add(dirname(join(options.outDir, job.path)));
  await Promise.all([...folders].map((folder) => mkdir(folder, { recursive: true })));

  // The libvips operation cache only holds memory here: every card is new to it.
  const previousCache = sharp.cache();
  sharp.cache(false);
  let next = 0;
  let done = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < jobs.length) {
      const index = next++;
      const job = jobs[index];
      try {
        const key = keys[index];
        const cacheFile = join(cacheDir, `${key}.png`);
        if (await isFile(cacheFile)) {
          counts.cached++;
          // Touched on use, so `pruneCardCache` can drop what no build has used for a while.
          const now = new Date();
          await utimes(cacheFile, now, now).catch(() => {});
        } else {
          const png = await renderCardPng(job.input, fonts, options.fontDir);
          const temporary = `${cacheFile}.${process.pid}.${index}.tmp`;
          await writeFile(temporary, png);
          await rename(temporary, cacheFile);
          counts.rendered++;
        }
        if (options.outDir) {
          // A hard link, as the search index's shards are put in the site: a tenth of a copy's
          // time, and nothing writes a published card in place. Across file systems, a copy.
          const target = join(options.outDir, job.path);
          await link(cacheFile, target).catch(() => copyFile(cacheFile, target));
        }
        options.onProgress?.(++done, jobs.length);
      } catch (error) {
        failure ??= new Error(`Could not render the OG card ${job.path} ("${job.input.title}")`, { cause: error });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  } finally {
    sharp.cache({ memory: previousCache.memory.max, files: previousCache.files.max, items: previousCache.items.max });
  }
  if (failure !== undefined) throw failure;
  return counts;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Deletes cached cards no build has used for `maxAgeDays` (default 30). Returns how many. */
export function pruneCardCache(cacheDir: string, maxAgeDays = UNUSED_CACHE_DAYS, now = Date.now()): Promise<number> {
  // Recursive: cards of the earlier layout sit in folders named by a key prefix.
  return pruneUnused(cacheDir, (entry) => entry.isFile() && /\.png$|\.tmp$/.test(entry.name), { maxAgeDays, now, recursive: true });
}
