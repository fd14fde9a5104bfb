// New entries for contingents.yaml and raters.yaml, as the editor tools propose them. Pure.
import { normalizeUrl } from '../urls/normalizeUrl.ts';
import { Id, type Contingent, type Rater } from '../config/schema.ts';
import { idFor, uniqueId } from './slugify.ts';
import { nameKey } from '../config/names.ts';

/** The licence written when the publisher's is not known: visible on every article until someone asks. */
export const UNKNOWN_LICENSE = 'unknown — ask the publisher';

/** The contingent that already carries a feed URL (compared after normalization), if any. */
export function contingentWithFeed(contingents: readonly Contingent[], url: string): Contingent | undefined {
  const wanted = normalizeUrl(url);
  return contingents.find((c) => c.feeds.some((f) => normalizeUrl(f) === wanted));
}

/** The ids already in use in one list (contingents and raters each have their own). */
export function takenIds(list: readonly { id: string }[]): Set<string> {
  return new Set(list.map((x) => x.id));
}

export interface ProposedContingent {
  entry: Contingent;
  /** Whether the licence is the placeholder, so the tool warns. */
  unknownLicense: boolean;
}

/**
 * A contingents.yaml entry for a feed: id from the feed title (slugified, unique), name from the
 * title, home from the feed's own link, else the page it was found on, else the feed's site root.
 *
 * @example
 * proposeContingent({ feedUrl: 'https://abc.example/feed.xml', title: 'ABC Bulletin' }, new Set(['abc-bulletin']))
 * // => { entry: { id: 'abc-bulletin-2', name: 'ABC Bulletin', home: 'https://abc.example/', feeds: ['https://abc.example/feed.xml'], license: 'unknown — ask the publisher' }, unknownLicense: true }
 */
export function proposeContingent(
  source: { feedUrl: string; title?: string; home?: string; pageUrl?: string },
  taken: ReadonlySet<string>,
  overrides: { id?: string; name?: string; license?: string; home?: string } = {},
  takenNames: ReadonlySet<string> = new Set(),
): ProposedContingent {
  const title = source.title?.trim();
  const name = overrides.name?.trim() || unborrowed(title, source.feedUrl, takenNames) || hostOf(source.feedUrl);
  const home = overrides.home ?? httpOrUndefined(source.home) ?? httpOrUndefined(source.pageUrl) ?? new URL('/', source.feedUrl).href;
  const license = overrides.license?.trim() || UNKNOWN_LICENSE;
  return {
    entry: { id: overrides.id ?? uniqueId(idFor(title, source.feedUrl), taken), name, home, feeds: [source.feedUrl], license },
    unknownLicense: !overrides.license?.trim(),
  };
}

/**
 * A raters.yaml entry for a rating file: id and name from the file's `rater.name`, else its host.
 * A file cannot borrow a name already shown for a contingent or a rater (`takenNames`, by
 * `nameKey`): the name then says where the file is, "ABC Bulletin (evil.example)".
 *
 * @example proposeRater({ url: 'https://alice.example/ratings.csv', format: 'csv' }, new Set()) // => { id: 'alice', name: 'alice.example', url: 'https://alice.example/ratings.csv', format: 'csv' }
 * @example proposeRater({ url: 'https://evil.example/r.json', name: 'ABC Bulletin', format: 'json' }, new Set(), {}, new Set(['abc bulletin'])).name // => 'ABC Bulletin (evil.example)'
 */
export function proposeRater(
  source: { url: string; name?: string; format: 'json' | 'csv' },
  taken: ReadonlySet<string>,
  overrides: { id?: string; name?: string } = {},
  takenNames: ReadonlySet<string> = new Set(),
): Rater {
  const named = source.name?.trim();
  const name = overrides.name?.trim() || unborrowed(named, source.url, takenNames) || hostOf(source.url);
  return { id: overrides.id ?? uniqueId(idFor(overrides.name ?? named, source.url), taken), name, url: source.url, format: source.format };
}

// A source names itself; a name already shown for someone else gets the source's host, so readers can tell them apart.
function unborrowed(name: string | undefined, url: string, takenNames: ReadonlySet<string>): string | undefined {
  if (!name) return undefined;
  if (!takenNames.has(nameKey(name))) return name;
  const hosted = `${name} (${hostOf(url)})`;
  return takenNames.has(nameKey(hosted)) ? undefined : hosted;
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

/** Why an id given with --id cannot be used, or undefined when it can. */
export function idProblem(id: string, taken: ReadonlySet<string>, kind: 'contingent' | 'rater'): string | undefined {
  if (!Id.safeParse(id).success) return `"${id}" is not a valid id: use lower-case letters, digits and dashes, such as "abc-news"`;
  if (taken.has(id)) return `a ${kind} with the id "${id}" already exists. Choose another with --id`;
  return undefined;
}

function httpOrUndefined(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
