/**
 * The page `astro dev` serves instead of any page while the content has errors: every problem,
 * grouped by file, with line, field, what is wrong and what would be valid. It is plain HTML with
 * inline styles because it must render even when the site's own layout cannot.
 */
import { escapeHtml } from '../core/html.ts';
import { problemSummary, type Problem } from '../core/problems.ts';

/**
 * The lines around a problem's line (one before, one after), numbered, with the line itself
 * marked; empty when the problem has no line or the file's text is not known.
 */
export function excerpt(text: string | undefined, line: number | undefined): string {
  if (text === undefined || !line) return '';
  const lines = text.split(/\r?\n/);
  if (line > lines.length) return '';
  const first = Math.max(1, line - 1);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const rows = [];
  for (let number = first; number <= last; number++) {
    const row = `${String(number).padStart(width)} | ${lines[number - 1]}`;
    rows.push(number === line ? `<mark>${escapeHtml(row)}</mark>` : escapeHtml(row));
  }
  return `<pre>${rows.join('\n')}</pre>`;
}

/** `sources` maps a problem's file (as it names it) to the file's text, for the excerpts. */
export function problemPage(problems: readonly Problem[], sources: ReadonlyMap<string, string> = new Map()): string {
  const byFile = new Map<string, Problem[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem]);
  const sections = [...byFile]
    .map(([file, found]) => {
      const items = found
        .map((problem) => {
          const where = [problem.line ? `line ${problem.line}` : '', problem.field ? `<code>${escapeHtml(problem.field)}</code>` : '']
            .filter(Boolean)
            .join(' · ');
          const context = excerpt(sources.get(problem.file), problem.line);
          return `<li class="${problem.level}"><span class="level">${problem.level}</span> ${where ? `${where}: ` : ''}${escapeHtml(problem.message)} <span class="rule">[${escapeHtml(problem.rule)}]</span>${context}</li>`;
        })
        .join('\n');
      return `<section><h2><code>${escapeHtml(file)}</code></h2><ul>${items}</ul></section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Content problems · Almanac</title>
<style>
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  h1 { font-size: 1.5rem; } h2 { font-size: 1rem; margin: 1.5rem 0 0.5rem; overflow-wrap: anywhere; }
  ul { padding-left: 1.25rem; } li { margin: 0.35rem 0; overflow-wrap: anywhere; }
  .level { font-weight: 700; text-transform: uppercase; font-size: 0.75rem; }
  .error .level { color: #b42318; } .warning .level { color: #8a5a00; }
  @media (prefers-color-scheme: dark) { .error .level { color: #ff8a80; } .warning .level { color: #ffd27a; } }
  .rule { opacity: 0.7; font-size: 0.85em; }
  pre { margin: 0.4rem 0 0.8rem; padding: 0.5rem 0.75rem; overflow-x: auto; border-radius: 4px; background: rgb(127 127 127 / 0.12); font-size: 0.85rem; }
  mark { background: rgb(255 200 0 / 0.35); color: inherit; }
</style>
</head>
<body>
<main>
<h1>The content has problems</h1>
<p>${escapeHtml(problemSummary(problems))}. Fix them and this page reloads into the site; <code>npm run check</code> prints the same list.</p>
${sections}
</main>
<script>
  // Reload once the files change: the dev server answers with this page until every error is fixed.
  setInterval(async () => {
    const response = await fetch(location.href, { headers: { accept: 'text/html' } }).catch(() => undefined);
    if (response && response.status !== 500) location.reload();
  }, 1000);
</script>
</body>
</html>
`;
}
