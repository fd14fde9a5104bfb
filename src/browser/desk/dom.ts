// Small DOM helpers for the desk: elements built with text only (never HTML), and downloads.

type Child = Node | string | false | undefined;

/** An element with attributes and children; text is always text, never parsed as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== false && child !== undefined) node.append(child);
  return node;
}

/** The one element a selector names inside `root`; a missing one is a bug in the page, said plainly. */
export function one<T extends Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`[desk] the page has no ${selector}`);
  return found;
}

/** Saves bytes or text as a file, through the browser's own download. */
export function download(name: string, body: string | Uint8Array<ArrayBuffer>, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
