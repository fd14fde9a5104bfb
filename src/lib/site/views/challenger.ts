// Who raised a challenge, as the pages name it: a contingent, or a rater in its own name.
import type { ChallengeRecord } from '../../ratings/challenges.ts';
import type { SiteModel } from '../siteModel.ts';
import type { LinkView } from './editionView.ts';

/**
 * The contingent that raised a challenge, linked to its page; or, when a rater that is no
 * contingent's rater raised it, that rater, named as a rater (never as a contingent) and linked to
 * its page. Names come from contingents.yaml and raters.yaml, never from the rating file.
 *
 * @example challengerLink(model, { challenger: 'xyz', … }) // { text: 'XYZ Collective', href: '/contingents/xyz/' }
 * @example challengerLink(model, { rater: 'alice', … }) // { text: 'Alice (rater)', href: '/raters/alice/' }
 */
export function challengerLink(model: Pick<SiteModel, 'contingent' | 'rater' | 'paths'>, record: Pick<ChallengeRecord, 'challenger' | 'rater'>): LinkView {
  if (record.challenger !== undefined)
    return { text: model.contingent(record.challenger)?.name ?? record.challenger, href: model.paths.contingent(record.challenger) };
  const rater = record.rater ?? '';
  return { text: `${model.rater(rater)?.name ?? rater} (rater)`, href: model.paths.rater(rater) };
}
