// View models of the rating desk: the small Rate control on every article page, the /rate/ page,
// and the static files the desk reads (the network's scales, the build's articles).
import type { Article, Scale } from '../../config/schema.ts';
import { nameKey } from '../../config/names.ts';
import { STATEMENT_SCALE } from '../../ratings/endorsements.ts';
import { formatNumber } from '../../editions/describeRule.ts';
import type { Paths } from '../paths.ts';
import type { SiteModel } from '../siteModel.ts';

/** The desk's files list at most this many articles, newest first: enough to name what people rate, small enough to load. */
export const DESK_ARTICLES = 5000;

/**
 * The Content-Security-Policy of the desk page: its own scripts and styles only, no inline code,
 * no plugin, no form posting anywhere; it may fetch a published rating file from any https site.
 */
export const DESK_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' https:; base-uri 'none'; form-action 'none'; object-src 'none'";

export interface ScaleChoice {
  id: string;
  name: string;
  description: string;
  min: number;
  max: number;
  neutral: number;
  /** The values a person picks from, each with its label: "4 (important)". */
  values: { value: number; label: string }[];
}

export interface RateControlView {
  deskHref: string;
  howHref: string;
  /** The localStorage key of this site's draft, shared with the desk. */
  draftKey: string;
  /** What the rating names: the article's URL, or its Wide Net id when it has no web address. */
  article: string;
  title: string;
  scales: ScaleChoice[];
}

export interface DeskView {
  draftKey: string;
  scalesHref: string;
  articlesHref: string;
  network: string;
  /** The hub of this site, where raters.yaml lives in the repository that builds it. */
  siteUrl: string;
  csp: string;
}

/**
 * The localStorage key of a site's draft: one draft per site, even when sites share an origin.
 *
 * @example draftKey(createPaths({ base: '/wide-net/', site: 'https://you.github.io' })) // 'widenet-desk:/wide-net/'
 */
export function draftKey(paths: Pick<Paths, 'base'>): string {
  return `widenet-desk:${paths.base}`;
}

/**
 * The values of a scale a person picks from: whole steps from min to max (at most 21 of them, else
 * quarters of the range), each with its label.
 *
 * @example scaleValues({ min: 1, max: 3, neutral: 2, labels: { '3': 'essential' } }).map((v) => v.label) // ['1', '2', '3 (essential)']
 */
export function scaleValues(scale: Pick<Scale, 'min' | 'max' | 'neutral' | 'labels'>): ScaleChoice['values'] {
  const whole = Number.isInteger(scale.min) && Number.isInteger(scale.max) && scale.max - scale.min <= 20;
  const step = whole ? 1 : (scale.max - scale.min) / 4;
  const values: number[] = [];
  for (let i = 0; scale.min + i * step <= scale.max + 1e-9; i++) values.push(Math.round((scale.min + i * step) * 1e6) / 1e6);
  return values.map((value) => {
    const label = scale.labels?.[String(value)];
    return { value, label: label ? `${formatNumber(value)} (${label})` : formatNumber(value) };
  });
}

// The statement scale (endorse) counts only through contingents' own raters: offered last.
function scaleChoices(scales: readonly Scale[]): ScaleChoice[] {
  return [...scales.filter((s) => s.id !== STATEMENT_SCALE), ...scales.filter((s) => s.id === STATEMENT_SCALE)].map((s) => ({ id: s.id, name: s.name, description: s.description, min: s.min, max: s.max, neutral: s.neutral, values: scaleValues(s) }));
}

/**
 * The Rate control of an article page.
 *
 * @example rateControlView(model, article).article // 'https://abc.example/2026/11/strike'
 */
export function rateControlView(model: SiteModel, article: Article): RateControlView {
  return {
    deskHref: model.paths.rate(),
    howHref: `${model.paths.rate()}#how`,
    draftKey: draftKey(model.paths),
    article: /^https?:\/\//i.test(article.url) ? article.url : article.id,
    title: article.title || article.url,
    scales: scaleChoices(model.db.scales),
  };
}

/**
 * The /rate/ page.
 *
 * @example deskView(model).scalesHref // '/rate/scales.json'
 */
export function deskView(model: SiteModel): DeskView {
  return {
    draftKey: draftKey(model.paths),
    scalesHref: model.paths.rate('scales.json'),
    articlesHref: model.paths.rate('articles.json'),
    network: model.db.site.network,
    siteUrl: model.paths.absolute(model.paths.hub()),
    csp: DESK_CSP,
  };
}

/** /rate/scales.json: the network's scales, as the desk offers them. */
export interface DeskScalesFile {
  format: 'widenet-desk-scales/1';
  network: string;
  scales: ScaleChoice[];
  /** Ids of raters.yaml, and names already shown (contingents and raters, by nameKey): a proposed entry takes neither. */
  taken: { ids: string[]; names: string[] };
}

/**
 * /rate/scales.json.
 *
 * @example deskScales(model).scales[0]?.values.at(-1) // { value: 5, label: '5 (essential reading)' }
 */
export function deskScales(model: SiteModel): DeskScalesFile {
  return {
    format: 'widenet-desk-scales/1',
    network: model.db.site.network,
    scales: scaleChoices(model.db.scales),
    taken: { ids: model.db.raters.map((r) => r.id).sort(), names: [...new Set([...model.db.contingents, ...model.db.raters].map((x) => nameKey(x.name)))].sort() },
  };
}

/** /rate/articles.json: the build's newest articles as `[id, url, title]`, so the desk can name what a file rates. */
export interface DeskArticlesFile {
  format: 'widenet-desk-articles/1';
  /** How many articles the build has; the list holds at most DESK_ARTICLES of them. */
  total: number;
  articles: [string, string, string][];
}

/**
 * /rate/articles.json, newest first.
 *
 * @example deskArticles(model).articles[0] // ['abc-1c9962c79b73', 'https://abc.example/…', 'Strike vote']
 */
export function deskArticles(model: SiteModel): DeskArticlesFile {
  const newest = [...model.articles].sort((a, b) => b.published.localeCompare(a.published) || (a.id < b.id ? -1 : 1)).slice(0, DESK_ARTICLES);
  return { format: 'widenet-desk-articles/1', total: model.articles.length, articles: newest.map((a) => [a.id, a.url, a.title || a.url]) };
}
