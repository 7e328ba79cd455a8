import sharp from 'sharp';
import { createRequire } from 'node:module';
const require = createRequire('/tmp/resvg-try/');
const { Resvg } = require('@resvg/resvg-js');
import { benchJobs } from './scripts/bench-cards.ts';
import { loadCardFonts, cardSvg } from './src/lib/og/card.ts';
const fonts = loadCardFonts();
const jobs = benchJobs(200);
sharp.cache(false); sharp.concurrency(1);
let svgs: string[] = [];
for (const j of jobs) svgs.push(await cardSvg(j.input, fonts));
const opts = { font: { loadSystemFonts: false }, logLevel: 'off' };
let t = performance.now(); let bytes = 0;
for (const s of svgs) { const r = new Resvg(s, opts).render(); bytes += r.pixels.length; }
console.log('resvg render only (no sys fonts) ms', ((performance.now() - t) / svgs.length).toFixed(2));
t = performance.now(); bytes = 0;
for (const s of svgs) { const r = new Resvg(s, opts).render(); bytes += (await sharp(r.pixels, { raw: { width: r.width, height: r.height, channels: 4 } }).removeAlpha().png({ compressionLevel: 3 }).toBuffer()).length; }
console.log('resvg + sharp rgb png3', ((performance.now() - t) / svgs.length).toFixed(2), (bytes/svgs.length/1024).toFixed(0));
t = performance.now(); bytes = 0;
for (const s of svgs) { bytes += new Resvg(s, opts).render().asPng().length; }
console.log('resvg asPng', ((performance.now() - t) / svgs.length).toFixed(2), (bytes/svgs.length/1024).toFixed(0), 'rss', (process.memoryUsage().rss/1e6).toFixed(0));
for (const lvl of [1,2,3,4,6]) {
t = performance.now(); bytes = 0;
for (const s of svgs) bytes += (await sharp(Buffer.from(s), { density: 72 }).removeAlpha().png({ compressionLevel: lvl }).toBuffer()).length;
console.log('sharp rgb png'+lvl, ((performance.now() - t) / svgs.length).toFixed(2), (bytes/svgs.length/1024).toFixed(0));
}
