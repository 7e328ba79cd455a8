/**
 * The fonts librsvg draws the cards' text with. satori lays a card out and leaves each word as
 * SVG `<text>` at the position it measured (`embedFont: false`); librsvg then draws the words
 * through Pango, which finds its fonts with fontconfig. Measured on the bench's cards, that is
 * about 12% less CPU a card than satori's glyph outlines (`scripts/bench-cards.ts --docs 1000`:
 * 15.5–17.6 against 16.9–20.9 CPU-ms): satori no longer writes every glyph as path data, and
 * librsvg no longer parses it. The pixels match the outlines' within a fraction of a pixel at
 * glyph edges (tests/process/og.test.ts compares them).
 *
 * Pango reads fonts through HarfBuzz and FreeType, and HarfBuzz reads no WOFF, so the stack's
 * `.woff` files (what satori reads) are written out once as plain OpenType files, with a
 * fontconfig configuration that names only them: a card looks the same on every machine,
 * whatever fonts the system has. The configuration must be in place before the process draws its
 * first text, because fontconfig reads it once (`useTextFonts`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { CardFonts } from './card.ts';
import { escapeXml } from '../../core/xml.ts';

const WOFF_SIGNATURE = 0x774f4646; // 'wOFF'

/**
 * A WOFF 1.0 file as the OpenType (sfnt) file it wraps: the same tables, each inflated when it was
 * compressed, behind a standard table directory. Written here because the format is a header and
 * a directory (W3C WOFF 1.0, section 4–5) and the only library that does it would be a font
 * toolkit; the directory keeps each table's original checksum, so tests can check the result.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.length < 44 || woff.readUInt32BE(0) !== WOFF_SIGNATURE) throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables = Array.from({ length: numTables }, (_, index) => {
    const at = 44 + index * 20;
    const [tag, offset, compLength, origLength, checksum] = [0, 4, 8, 12, 16].map((field) => woff.readUInt32BE(at + field));
    const stored = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(stored) : stored;
    if (data.length !== origLength) throw new Error(`WOFF table ${index} is ${data.length} bytes, not ${origLength}`);
    return { tag, checksum, data };
  });
  let entrySelector = 0;
  while (1 << (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = (1 << entrySelector) * 16;
  const directoryLength = 12 + numTables * 16;
  const padded = (length: number) => (length + 3) & ~3;
  const sfnt = Buffer.alloc(tables.reduce((total, table) => total + padded(table.data.length), directoryLength));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(numTables, 4);
  sfnt.writeUInt16BE(searchRange, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(numTables * 16 - searchRange, 10);
  let offset = directoryLength;
  tables.forEach((table, index) => {
    const at = 12 + index * 16;
    sfnt.writeUInt32BE(table.tag, at);
    sfnt.writeUInt32BE(table.checksum, at + 4);
    sfnt.writeUInt32BE(offset, at + 8);
    sfnt.writeUInt32BE(table.data.length, at + 12);
    table.data.copy(sfnt, offset);
    offset += padded(table.data.length);
  });
  return sfnt;
}

/**
 * The fontconfig configuration of a fonts folder: only its own files, its own cache, and the
 * stack's order for characters the first family lacks (as satori falls back).
 */
export function fontconfigFile(folder: string, families: readonly string[]): string {
  const prefer = families.map((family) => `<family>${escapeXml(family)}</family>`).join('');
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
    '<fontconfig>',
    `  <dir>${escapeXml(folder)}</dir>`,
    `  <cachedir>${escapeXml(join(folder, 'fontconfig'))}</cachedir>`,
    ...families.map((family) => `  <alias binding="same"><family>${escapeXml(family)}</family><prefer>${prefer}</prefer></alias>`),
    '</fontconfig>',
    '',
  ].join('\n');
}

/** The folder of fonts written for Pango, by default in the system's temporary folder. */
export const defaultTextFontDir = () => join(tmpdir(), 'almanac-card-fonts');

let installed: { fingerprint: string; conf: string } | undefined;

/**
 * Makes this process draw the cards' text with `fonts`: writes them as OpenType files into
 * `<dir>/<fingerprint>/` (once; later builds find them there) with their fontconfig
 * configuration, and points fontconfig at it. Call it before the process draws any text; a
 * process draws with one font stack. Returns the configuration file.
 */
export function useTextFonts(fonts: CardFonts, dir = defaultTextFontDir()): string {
  if (installed) {
    if (installed.fingerprint !== fonts.fingerprint)
      throw new Error(
        `OG cards: this process already draws text with the fonts ${installed.fingerprint}, not ${fonts.fingerprint}; fontconfig reads its fonts once per process`,
      );
    return installed.conf;
  }
  const folder = join(dir, fonts.fingerprint);
  const conf = join(folder, 'fonts.conf');
  if (!existsSync(conf)) writeTextFonts(fonts, folder);
  else {
    // Marks the folder as used, so that pruning the cache keeps it.
    const now = new Date();
    utimesSync(folder, now, now);
  }
  process.env.FONTCONFIG_FILE = conf;
  installed = { fingerprint: fonts.fingerprint, conf };
  return conf;
}

/** Writes the folder whole under a temporary name and renames it: a concurrent build sees it complete or not at all. */
function writeTextFonts(fonts: CardFonts, folder: string): void {
  const temporary = `${folder}.${process.pid}.tmp`;
  rmSync(temporary, { recursive: true, force: true });
  mkdirSync(temporary, { recursive: true });
  try {
    for (const file of fonts.files) {
      let woff: Buffer;
      try {
        woff = readFileSync(file);
      } catch (error) {
        throw new Error(`Cannot read the OG card font ${file}`, { cause: error });
      }
      const sfnt = woffToSfnt(woff);
      // TrueType outlines (version 1.0) or CFF ('OTTO'); fontconfig reads either, the name says which.
      const extension = sfnt.readUInt32BE(0) === 0x00010000 ? '.ttf' : '.otf';
      writeFileSync(join(temporary, basename(file).replace(/\.woff$/, extension)), sfnt);
    }
    writeFileSync(join(temporary, 'fonts.conf'), fontconfigFile(folder, fonts.families));
    try {
      renameSync(temporary, folder);
    } catch (error) {
      // Another process wrote the same fonts first: theirs are as good.
      if (!existsSync(join(folder, 'fonts.conf'))) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/** Whether this process has its text fonts (`useTextFonts`). */
export const hasTextFonts = () => installed !== undefined;
