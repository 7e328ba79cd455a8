import sharp from 'sharp';
import { createRequire } from 'node:module';
const require = createRequire('/tmp/resvg-try/');
const { Resvg, renderAsync } = require('@resvg/resvg-js');
import { benchJobs } from './scripts/bench-cards.ts';
import { loadCardFonts, cardSvg } from './src/lib/og/card.ts';
const fonts = loadCardFonts();
const jobs = benchJobs(300);
sharp.cache(false); sharp.concurrency(1);
let svgs: string[] = [];
for (const j of jobs.slice(0, 20)) await cardSvg(j.input, fonts); // warm
let t = performance.now();
for (const j of jobs) svgs.push(await cardSvg(j.input, fonts));
console.log('satori ms/card (warm)', ((performance.now() - t) / jobs.length).toFixed(2));
const empty = '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"><rect width="1200" height="630" fill="#15181d"/></svg>';
t = performance.now(); for (let i = 0; i < 100; i++) await sharp(Buffer.from(empty), { density: 72 }).png({ compressionLevel: 6 }).toBuffer(); console.log('sharp empty png6', ((performance.now() - t) / 100).toFixed(2));
for (const [label, f] of [
  ['sharp png6', async (s: string) => sharp(Buffer.from(s), { density: 72 }).png({ compressionLevel: 6 }).toBuffer()],
  ['resvg sync', async (s: string) => new Resvg(s).render().asPng()],
  ['resvg raw+sharp png6', async (s: string) => { const r = new Resvg(s).render(); return sharp(r.pixels, { raw: { width: r.width, height: r.height, channels: 4 } }).png({ compressionLevel: 6 }).toBuffer(); }],
  ['resvg async', async (s: string) => (await renderAsync(s)).asPng()],
] as const) {
  t = performance.now(); let bytes = 0;
  for (const s of svgs) bytes += (await f(s)).length;
  console.log(label, 'ms/card', ((performance.now() - t) / svgs.length).toFixed(2), 'KB/card', (bytes / svgs.length / 1024).toFixed(0), 'rss MB', (process.memoryUsage().rss/1e6).toFixed(0));
}
