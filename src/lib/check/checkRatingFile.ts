// A rating file checked as `npm run check -- <file>` checks it: the same parser, the same rules
// and the same messages, for the command and for the rating desk in the browser.
import type { Scale } from '../config/schema.ts';
import { parseRatings, RatingFileError } from '../ratings/parseRatings.ts';
import type { ConfigProblem } from './configError.ts';

export interface RatingFileCheck {
  problems: ConfigProblem[];
  /** "ratings.json: 12 ratings, 0 challenges, 2 trusted raters, all valid" (trusted raters when any), when there is no problem. */
  summary?: string;
  /** How many ratings (retractions included), challenges and trusted raters the file holds once its bad rows are left out. */
  counts?: { ratings: number; challenges: number; trust: number };
}

/**
 * Checks one rating file's text against the network's scales. `file` is how messages name it (a
 * path, or a file name in the browser); `contingent` is the contingent whose rater it is, if any.
 *
 * @example checkRatingFile('{"format":"widenet-ratings/1","ratings":[]}', { file: 'ratings.json', format: 'json', scales }).summary
 * // 'ratings.json: 0 ratings, 0 challenges, all valid'
 */
export function checkRatingFile(
  text: string,
  opts: { file: string; format: 'json' | 'csv'; scales: readonly Scale[]; rater?: string; contingent?: string; url?: string },
): RatingFileCheck {
  try {
    const { stored, problems } = parseRatings(text, {
      rater: opts.rater ?? 'local',
      contingent: opts.contingent,
      url: opts.url ?? opts.file,
      format: opts.format,
      scales: opts.scales,
      sha256: '',
    });
    const counts = { ratings: stored.ratings.length, challenges: stored.challenges.length, trust: stored.trust?.length ?? 0 };
    if (problems.length > 0) return { problems: problems.map((p) => ({ file: opts.file, field: p.row, message: p.message })), counts };
    const name = opts.file.split(/[\\/]/).pop();
    return { problems: [], counts, summary: `${name}: ${counts.ratings} ratings, ${counts.challenges} challenges${counts.trust ? `, ${counts.trust} trusted raters` : ''}, all valid` };
  } catch (error) {
    if (!(error instanceof RatingFileError)) throw error;
    return { problems: [{ file: opts.file, message: error.message }] };
  }
}

/**
 * A rating file's format from its name: `.csv` is CSV, anything else JSON, as `npm run check` reads it.
 *
 * @example ratingFileFormat('my-ratings.CSV') // 'csv'
 */
export function ratingFileFormat(name: string): 'json' | 'csv' {
  return /\.csv$/i.test(name) ? 'csv' : 'json';
}
