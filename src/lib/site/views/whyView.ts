// Why an article is in an edition, and how an edition chooses, in a reader's words: names, not ids;
// nothing where there is nothing to say.
import { durationInWords } from '../../editions/duration.ts';
import { formatNumber, ruleInWords, type RuleNames } from '../../editions/describeRule.ts';
import type { Reason } from '../../editions/evaluateEdition.ts';
import type { Edition, Rule, Scale } from '../../config/schema.ts';
import { formatDate, plural } from './format.ts';

/** What the words need from the site: scales, names and the language of dates. */
export interface WhyNames {
  scale(id: string): Pick<Scale, 'name' | 'max'> | undefined;
  contingentName(id: string): string | undefined;
  raterName(id: string): string | undefined;
  editionTitle(id: string): string | undefined;
  lang: string;
}

/**
 * A score as a reader reads it: one decimal, no "-0".
 *
 * @example formatScore(4.333) // => '4.3'
 * @example formatScore(-0.04) // => '0'
 */
export function formatScore(score: number): string {
  const rounded = Math.round(score * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/**
 * Why an entry is in its edition: one line per fact that held, without repeats. An edition that
 * keeps every article has nothing to say, and says nothing.
 *
 * @example whyItIsHere(names, [{ kind: 'scale', scale: 'newsworthy', score: 4.26, raters: 2 }]) // ['Newsworthy 4.3 of 5, from 2 raters']
 * @example whyItIsHere(names, []) // []
 */
export function whyItIsHere(names: WhyNames, reasons: readonly Reason[]): string[] {
  return [...new Set(reasons.map((r) => reasonInWords(names, r)))];
}

/**
 * One fact that put an article in an edition, as a reader would say it.
 *
 * @example reasonInWords(names, { kind: 'quorum', scale: 'endorse', contingents: 3, of: 4 }) // 'Endorsed by 3 of 4 contingents'
 */
export function reasonInWords(names: WhyNames, reason: Reason): string {
  switch (reason.kind) {
    case 'scale': {
      const scale = names.scale(reason.scale);
      const score = scale ? `${scale.name} ${formatScore(reason.score)} of ${formatNumber(scale.max)}` : `${reason.scale} ${formatScore(reason.score)}`;
      return `${score}, from ${plural(reason.raters, 'rater')}`;
    }
    case 'tag':
      return `Tagged “${reason.tag}”`;
    case 'contingent':
      return `From ${names.contingentName(reason.contingent) ?? reason.contingent}`;
    case 'quorum':
      return reason.scale === 'endorse'
        ? `Endorsed by ${reason.contingents} of ${plural(reason.of, 'contingent')}`
        : `Rated above neutral on ${names.scale(reason.scale)?.name ?? reason.scale} by ${reason.contingents} of ${plural(reason.of, 'contingent')}`;
    case 'challenge': {
      const more = reason.count > 1 ? `, and ${plural(reason.count - 1, 'other challenge')}` : '';
      // A rater that is no contingent's rater speaks in its own name, never as a contingent.
      const by =
        reason.challenger !== undefined
          ? (names.contingentName(reason.challenger) ?? reason.challenger)
          : `${names.raterName(reason.rater ?? '') ?? reason.rater} (rater)`;
      return `Challenged by ${by} on ${formatDate(reason.at, names.lang)}, still unanswered${more}`;
    }
    case 'not':
      return reason.text.charAt(0).toUpperCase() + reason.text.slice(1);
  }
}

/**
 * How an edition chooses and orders its articles, in words, one line per part, for its front page.
 *
 * @example describeEdition({ id: 'x', title: 'X', description: '', from: 'all', window: '7d', limit: 50 }, names)
 * // ['Every article from every contingent, published in the last 7 days', 'Newest first', 'At most 50 articles']
 */
export function describeEdition(edition: Edition, names: WhyNames, quorum = 2 / 3): string[] {
  const ruleNames: RuleNames = { scale: (id) => names.scale(id)?.name, contingent: names.contingentName };
  const said = (id: string) => names.contingentName(id) ?? id;
  const from = edition.from === 'all' || edition.from === undefined ? 'Every article' : `Every article of “${names.editionTitle(edition.from) ?? edition.from}”`;
  const only = edition.contingents?.include ?? [];
  const except = edition.contingents?.exclude ?? [];
  const whose = only.length ? ` from ${only.map(said).join(', ')}` : ' from every contingent';
  const lines = [
    `${from}${whose}${except.length ? ` except ${except.map(said).join(', ')}` : ''}${edition.window ? `, published in the last ${durationInWords(edition.window)}` : ''}`,
  ];
  if (edition.include?.length) lines.push(`Kept when ${edition.include.map((r) => ruleInWords(r, ruleNames, quorum)).join('; or when ')}`);
  if (edition.exclude?.length) lines.push(`Left out when ${edition.exclude.map((r) => ruleInWords(r, ruleNames, quorum)).join('; or when ')}`);
  if (!usesRatings(edition)) {
    // Ratings change nothing here: no line about whose count.
  } else if (edition.raters && 'trust' in edition.raters && typeof edition.raters.trust === 'object') {
    const { seeds, depth, cap } = edition.raters.trust;
    const weights = Object.entries(seeds).map(([id, w]) => `${names.raterName(id) ?? id}${w === 1 ? '' : ` (weight ${formatNumber(w)})`}`);
    lines.push(`Ratings that count: ${weights.join(', ')}, and those of the raters they trust, up to ${plural(depth, 'step')} away, each weighing at most ${formatNumber(cap)}`);
  } else if (edition.raters) {
    const weights = Object.entries(edition.raters as Record<string, number>).map(([id, w]) => `${names.raterName(id) ?? id}${w === 1 ? '' : ` (weight ${formatNumber(w)})`}`);
    lines.push(weights.length ? `Ratings that count: ${weights.join(', ')}` : 'No ratings count');
  } else lines.push('Ratings that count: every rater’s, equally');
  if (edition.rank) {
    const terms = edition.rank.sum.map((t) => `${names.scale(t.scale)?.name ?? t.scale}${t.w === 1 ? '' : ` × ${formatNumber(t.w)}`}`).join(' + ');
    const decay = edition.rank.halfLife ? `, halved for every ${durationInWords(edition.rank.halfLife)} since publication, so newer articles rise` : '';
    lines.push(`Highest score first: ${terms}${decay}`);
  } else lines.push('Newest first');
  if (edition.limit !== undefined) lines.push(`At most ${plural(edition.limit, 'article')}`);
  return lines;
}

/** Whether the edition's own rater weights can change what it keeps or its order (a quorum counts contingents instead). */
function usesRatings(edition: Edition): boolean {
  const rated = (rule: Rule): boolean =>
    'scale' in rule || ('all' in rule && rule.all.some(rated)) || ('any' in rule && rule.any.some(rated)) || ('not' in rule && rated(rule.not));
  return !!edition.rank || [...(edition.include ?? []), ...(edition.exclude ?? [])].some(rated);
}
