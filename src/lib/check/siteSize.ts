// Whether a built site fits where it is deployed: GitHub Pages serves a site of at most 1 GB, and a
// deploy over it fails late, after the upload, or is refused later by GitHub. The publish workflow
// checks dist/ before the upload and stops with a message that says what to do instead.

/** GitHub Pages' limit on a published site: 1 GB, read as 10⁹ bytes (the stricter reading of GitHub's "1 GB"). */
export const PAGES_LIMIT_BYTES = 1_000_000_000;

/** Where the README explains what a hub does past the limit. */
export const PAST_PAGES_HELP = 'README.md#past-github-pages-1-gb';

export interface SiteSize {
  /** The sum of the sizes of every file of the site. */
  bytes: number;
  files: number;
  /** The largest top-level folders, by bytes, for the message: `articles/ 812 MB`. */
  largest: { path: string; bytes: number }[];
}

/**
 * A byte count for people: `1.2 GB`, `740 MB`, `12.5 KB`, in powers of 1000.
 *
 * @example formatBytes(1_200_000_000) // '1.2 GB'
 */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  if (unit === 0) return `${bytes} bytes`;
  return `${value >= 100 ? Math.round(value) : Number(value.toFixed(1))} ${units[unit]}`;
}

/**
 * The problem with deploying a site of this size to GitHub Pages, or null when it fits. Above 90 %
 * of the limit it still passes, with a warning to act before the next hundred articles do it.
 *
 * @example
 * siteSizeProblem({ bytes: 1_200_000_000, files: 90_000, largest: [{ path: 'articles/', bytes: 1_000_000_000 }] }, PAGES_LIMIT_BYTES)
 * // { level: 'error', message: 'dist/ is 1.2 GB (90,000 files); GitHub Pages serves at most 1 GB. …' }
 */
export function siteSizeProblem(size: SiteSize, limitBytes: number, dir = 'dist/'): { level: 'error' | 'warning'; message: string } | null {
  if (size.bytes <= limitBytes * 0.9) return null;
  const what = `${dir} is ${formatBytes(size.bytes)} (${size.files.toLocaleString('en-US')} files)`;
  const largest = size.largest.length ? ` Largest: ${size.largest.map((l) => `${l.path} ${formatBytes(l.bytes)}`).join(', ')}.` : '';
  const todo =
    'Deploy to object storage behind a CDN instead: set the repository variable WIDENET_DEPLOY to s3 ' +
    `(Settings → Secrets and variables → Actions), or build one edition per site (WIDENET_EDITION); see ${PAST_PAGES_HELP}.`;
  if (size.bytes > limitBytes) {
    return { level: 'error', message: `${what}; GitHub Pages serves at most ${formatBytes(limitBytes)}.${largest} ${todo}` };
  }
  const percent = Math.floor((size.bytes / limitBytes) * 100);
  return { level: 'warning', message: `${what}, ${percent} % of the ${formatBytes(limitBytes)} GitHub Pages serves.${largest} Before it grows past: ${todo}` };
}
