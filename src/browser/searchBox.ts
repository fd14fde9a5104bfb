// The only script of an edition's listing pages: prefetch the search page and its first index file
// when the box gets focus, so search opens warm; "/" focuses the box.

/** Whether a key press belongs to a field the reader is typing in. */
export function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/** Focuses `box` when "/" is pressed outside a text field. */
export function focusOnSlash(box: HTMLInputElement): void {
  document.addEventListener('keydown', (event) => {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    event.preventDefault();
    box.focus();
  });
}

export function watchSearchBox(): void {
  const box = document.querySelector<HTMLInputElement>('input[data-search-box]');
  const form = box?.form;
  if (!box || !form) return;
  focusOnSlash(box);
  box.addEventListener(
    'focus',
    () => {
      for (const href of [form.action, form.dataset.index]) {
        if (!href) continue;
        const link = document.createElement('link');
        link.rel = 'prefetch';
        link.href = href;
        document.head.append(link);
      }
    },
    { once: true },
  );
}
