// Names of contingents and raters are what readers see: two names that read the same are the same.

/**
 * The form in which two names compare: Unicode-compatible forms folded (NFKC), whitespace
 * collapsed, case ignored.
 *
 * @example nameKey('  ABC  Bulletin ') === nameKey('abc bulletin') // => true
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}
