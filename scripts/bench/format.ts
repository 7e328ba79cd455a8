/** Plain-text formatting of the bench's figures (pure): tables, bytes, milliseconds, pass/fail. */
import { GB, KB } from './targets.ts';

/** A plain-text table: columns padded to their widest cell; numeric-looking cells right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const width = (text: string) => [...text].length;
  const columns = header.length;
  const widths = Array.from({ length: columns }, (_, column) =>
    Math.max(width(header[column] ?? ''), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const numeric = (text: string) => /^[-+]?[\d.,]+(\s?\S{0,3})?$/.test(text.trim()) && /\d/.test(text);
  const line = (cells: readonly string[], isHeader = false) =>
    Array.from({ length: columns }, (_, column) => {
      const cell = cells[column] ?? '';
      const pad = ' '.repeat(widths[column]! - width(cell));
      return !isHeader && column > 0 && numeric(cell) ? pad + cell : cell + pad;
    })
      .join('  ')
      .trimEnd();
  return [line(header, true), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map((row) => line(row))].join('\n');
}

/** Bytes in a human unit (binary, 1 decimal). */
export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < KB ** 2) return `${(bytes / KB).toFixed(1)} KB`;
  if (bytes < GB) return `${(bytes / KB ** 2).toFixed(1)} MB`;
  return `${(bytes / GB).toFixed(2)} GB`;
}

export const formatMs = (ms: number | null | undefined) => (ms === null || ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
