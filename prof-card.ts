import sharp from 'sharp';
import { benchJobs } from './scripts/bench-cards.ts';
import { loadCardFonts, cardSvg } from './src/lib/og/card.ts';
const fonts = loadCardFonts();
const jobs = benchJobs(200);
sharp.cache(false); sharp.concurrency(1);
let svgs: string[] = [];
let t = performance.now();
for (const j of jobs) svgs.push(await cardSvg(j.input, fonts));
console.log('satori ms/card', ((performance.now() - t) / jobs.length).toFixed(2), 'svg KB', (svgs[0].length/1024).toFixed(0));
for (const [label, f] of [
  ['raw', (s: string) => sharp(Buffer.from(s), { density: 72 }).raw().toBuffer()],
  ['png6', (s: string) => sharp(Buffer.from(s), { density: 72 }).png({ compressionLevel: 6 }).toBuffer()],
  ['png1', (s: string) => sharp(Buffer.from(s), { density: 72 }).png({ compressionLevel: 1 }).toBuffer()],
  ['png1-nofilter', (s: string) => sharp(Buffer.from(s), { density: 72 }).png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer()],
  ['png9', (s: string) => sharp(Buffer.from(s), { density: 72 }).png({ compressionLevel: 9 }).toBuffer()],
  ['jpeg', (s: string) => sharp(Buffer.from(s), { density: 72 }).jpeg({ quality: 85 }).toBuffer()],
  ['webp', (s: string) => sharp(Buffer.from(s), { density: 72 }).webp({ quality: 85 }).toBuffer()],
] as const) {
  t = performance.now(); let bytes = 0;
  for (const s of svgs) bytes += (await f(s)).length;
  console.log(label, 'ms/card', ((performance.now() - t) / svgs.length).toFixed(2), 'KB/card', (bytes / svgs.length / 1024).toFixed(0));
}
