// explain.json: for each article of an edition, the rules that matched and the ratings that counted.
import type { EditionResult } from '../../editions/evaluateEdition.ts';
import type { Paths } from '../paths.ts';

export interface ExplainJson {
  format: 'widenet-explain/1';
  edition: string;
  /** The `now` the edition was evaluated at. */
  evaluatedAt: string;
  count: number;
  articles: {
    id: string;
    /** The article's original URL. */
    url: string;
    /** Its page on this site. */
    page: string;
    title: string;
    contingent: string;
    published: string;
    /** The rank score, or null when the edition orders newest first. */
    score: number | null;
    matched: string[];
    /** `trust`: in an edition weighted by trust, the strongest path of trust from a seed to the rater, seed first. */
    ratings: { rater: string; scale: string; value: number; weight: number; at: string; note?: string; trust?: string[] }[];
  }[];
}

/**
 * The explanation of one edition, in the engine's order, straight from its result.
 *
 * @example explainJson(results.get('digest')!, pathFor, now).articles[0]?.matched // ['anti-reformist ≥ 1 (score 1.2, 2 raters)']
 */
export function explainJson(result: EditionResult, paths: Paths, now: Date): ExplainJson {
  return {
    format: 'widenet-explain/1',
    edition: result.edition,
    evaluatedAt: now.toISOString(),
    count: result.entries.length,
    articles: result.entries.map(({ article, score, matched, ratings }) => ({
      id: article.id,
      url: article.url,
      page: paths.absolute(paths.article(article.id)),
      title: article.title,
      contingent: article.contingent,
      published: article.published,
      score: score ?? null,
      matched,
      ratings: ratings.map((r) => ({ rater: r.rater, scale: r.scale, value: r.value, weight: r.weight, at: r.at, ...(r.note !== undefined && { note: r.note }), ...(r.trustPath && { trust: r.trustPath }) })),
    })),
  };
}

/** 2-space JSON with a trailing newline, like every JSON file of the project. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
