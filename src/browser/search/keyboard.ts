// The search page's keyboard path: "/" to the box, arrows from the box through the results and
// back; Enter follows the focused link as any link does.

/**
 * Binds the keys. (searchBox.ts has the same "/" handler; sharing it would cost edition pages a
 * second request.)
 */
export function bindSearchKeys(box: HTMLInputElement, list: HTMLOListElement): void {
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || target?.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target?.tagName ?? '')) return;
    event.preventDefault();
    box.focus();
  });
  const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a.hit')];
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown') return;
    const first = links()[0];
    if (!first) return;
    event.preventDefault();
    first.focus();
  });
  list.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) box.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  });
}
