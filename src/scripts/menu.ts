/**
 * The header's menu button on narrow screens (Base.astro): it shows and hides the section
 * navigation. The button is `hidden` in the markup, so without JavaScript the navigation is simply
 * always shown; on wide screens CSS hides the button and always shows the navigation.
 */
const toggle = document.getElementById('menu-toggle') as HTMLButtonElement | null;
const nav = document.getElementById('site-nav');
if (toggle && nav) {
  const set = (open: boolean) => toggle.setAttribute('aria-expanded', String(open));
  toggle.hidden = false;
  toggle.addEventListener('click', () => set(toggle.getAttribute('aria-expanded') !== 'true'));
  // Escape inside the open menu closes it and puts focus back on the button.
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
      set(false);
      toggle.focus();
    }
  });
  toggle.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') set(false);
  });
}
