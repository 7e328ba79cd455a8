/**
 * Marks the table-of-contents link of the section being read (`aria-current="true"`), as Starlight
 * does. Progressive enhancement: without it the contents are plain links. The current section is
 * the last one whose heading has scrolled above a line a third of the way down the viewport (the
 * last one when the page is scrolled to its end, the first before any heading is reached).
 */
export function markCurrentSection(): void {
  const navs = [...document.querySelectorAll<HTMLElement>('[data-toc]')];
  if (navs.length === 0) return;
  const links = navs.flatMap((nav) => [...nav.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')]);
  const ids = [...new Set(links.map((link) => decodeURIComponent(link.hash.slice(1))))];
  const headings = ids.map((id) => document.getElementById(id)).filter((heading): heading is HTMLElement => heading !== null);
  if (headings.length === 0) return;
  let current: string | undefined;
  const update = () => {
    const line = window.innerHeight / 3;
    const atEnd = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 2;
    let active = headings[0]!;
    for (const heading of headings) if (heading.getBoundingClientRect().top <= line) active = heading;
    if (atEnd && headings.at(-1)!.getBoundingClientRect().top < window.innerHeight) active = headings.at(-1)!;
    if (active.id === current) return;
    current = active.id;
    for (const link of links) {
      if (decodeURIComponent(link.hash.slice(1)) === current) link.setAttribute('aria-current', 'true');
      else link.removeAttribute('aria-current');
    }
  };
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      update();
    });
  };
  addEventListener('scroll', schedule, { passive: true });
  addEventListener('resize', schedule);
  addEventListener('hashchange', schedule);
  update();
}
