// The fold around the search page's filters: on a phone the results come first and the filters wait
// behind one control, which says how many are ticked; on a wide screen they stand open beside the
// results. (A wide screen hides the control in CSS; this opens the panel there.)

/** Where the filters have room to stand beside the results, as in site.css. */
const WIDE = '(min-width: 44rem)';

/**
 * Opens the panel on a wide screen, and closes it when the screen narrows; returns what the page
 * calls after each redraw: whether there are filters to show, and how many are ticked.
 *
 * @example const fold = createFilterFold(panel); fold(true, 2); // the control reads "Filter results · 2 chosen"
 */
export function createFilterFold(panel: HTMLDetailsElement, wide: MediaQueryList = matchMedia(WIDE)): (shown: boolean, ticked: number) => void {
  const count = panel.querySelector<HTMLElement>('.filter-count');
  if (wide.matches) panel.open = true;
  wide.addEventListener('change', (event) => (panel.open = event.matches));
  let drawn = '';
  return (shown, ticked) => {
    panel.hidden = !shown;
    const text = ticked > 0 ? ` · ${ticked} chosen` : '';
    if (count && text !== drawn) count.textContent = drawn = text;
  };
}
