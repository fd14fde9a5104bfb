import { createArticleResolver, normalizeRef, type ArticleResolver } from '../urls/articleRefs.ts';
import type { Database } from '../config/database.ts';
import type { Article, Challenge } from '../config/schema.ts';
import { byProblem, contingentOfRater } from './speakers.ts';

/** One public challenge against one article, and whether the challenged contingent has answered it. */
export interface ChallengeRecord {
  /**
   * Contingent that raised the challenge: the challenge article's, or the one whose rater listed it
   * (contingents.yaml). Absent when a rater that is no contingent's rater raised it: see `rater`.
   */
  challenger?: string;
  /** Id of the challenged article. */
  article: string;
  challengedContingent: string;
  /** When the challenge was made: the challenge article's `published`, or the rating file entry's `at`. */
  at: string;
  /** Where the challenge is written up; an answer replies to this URL. */
  url?: string;
  note?: string;
  /** Id of the challenge article, when the challenge is an article tagged `challenge`. */
  challengeId?: string;
  /** Rater whose file listed the challenge, when it came from a rating file; it alone speaks when `challenger` is absent. */
  rater?: string;
  /** `published` of the earliest answer from the challenged contingent. */
  answeredAt?: string;
  answerId?: string;
}

/**
 * Lists every public challenge in the database, oldest first, with its earliest answer.
 *
 * A challenge is either an article tagged `challenge` whose `inReplyTo` names an article of
 * another contingent, or an entry in a rating file's `challenges`. It is answered when an article
 * of the challenged contingent replies (`inReplyTo`) to the challenge article, by id or URL, or to
 * the challenge's `url`. A rating-file challenge without a `url` cannot be answered by a reply.
 * Who raised it comes from the config alone: a rating file speaks for its rater's contingent, or for
 * the rater itself; an entry `by` any other contingent is ignored (the aggregator rejects it).
 *
 * @example
 * listChallenges(db).filter((c) => c.challengedContingent === 'abc' && !c.answeredAt) // abc's unanswered challenges
 */
export function listChallenges(db: Database, opts: { resolve?: ArticleResolver } = {}): ChallengeRecord[] {
  const resolve = opts.resolve ?? createArticleResolver(db.articles, db.contingents);
  const repliesTo = indexReplies(db.articles);
  const records: ChallengeRecord[] = [];

  const add = (challenger: string | undefined, target: Article, base: Omit<ChallengeRecord, 'challenger' | 'article' | 'challengedContingent'>, answerRefs: string[]) => {
    // A contingent cannot challenge itself; its own copy of a shared URL is not a target.
    if (target.contingent === challenger) return;
    const record: ChallengeRecord = { ...(challenger !== undefined && { challenger }), article: target.id, challengedContingent: target.contingent, ...base };
    const answer = earliestAnswer(answerRefs, target.contingent, repliesTo);
    if (answer) {
      record.answeredAt = answer.published;
      record.answerId = answer.id;
    }
    records.push(record);
  };

  for (const article of db.articles) {
    if (!article.inReplyTo?.length || !article.tags.some((t) => t.trim().toLowerCase() === 'challenge')) continue;
    const answerRefs = [article.id, article.url, ...(article.guid ? [article.guid] : [])];
    const seen = new Set<string>();
    for (const ref of article.inReplyTo) {
      for (const target of resolve(ref)) {
        if (seen.has(target.id)) continue;
        seen.add(target.id);
        add(article.contingent, target, { at: article.published, url: article.url, challengeId: article.id }, answerRefs);
      }
    }
  }

  const knownRaters = new Set(db.raters.map((r) => r.id));
  for (const file of db.ratings) {
    if (!knownRaters.has(file.rater)) continue;
    const contingent = contingentOfRater(db.contingents, file.rater);
    // One challenge per article from one file: its newest entry (the later one on a tie), so a file
    // that lists an article ten thousand times still puts one line on its page.
    const newest = new Map<string, { challenge: Challenge; target: Article }>();
    for (const challenge of file.challenges ?? []) {
      // A copy stored before the rule, or before contingents.yaml changed, may still name another contingent.
      if (byProblem(challenge.by, contingent)) continue;
      for (const target of resolve(challenge.article)) {
        const earlier = newest.get(target.id);
        if (!earlier || Date.parse(challenge.at) >= Date.parse(earlier.challenge.at)) newest.set(target.id, { challenge, target });
      }
    }
    for (const { challenge, target } of newest.values()) {
      const base = { at: challenge.at, ...(challenge.url && { url: challenge.url }), ...(challenge.note && { note: challenge.note }), rater: file.rater };
      add(contingent, target, base, challenge.url ? [challenge.url] : []);
    }
  }

  return records.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || cmp(a.article, b.article) || cmp(a.challenger ?? '', b.challenger ?? '') || cmp(a.rater ?? '', b.rater ?? '') || cmp(a.url ?? '', b.url ?? ''),
  );
}

/** Replies keyed by the normalized reference they point at (ids pass through normalization unchanged). */
function indexReplies(articles: readonly Article[]): Map<string, Article[]> {
  const replies = new Map<string, Article[]>();
  for (const article of articles) {
    for (const ref of article.inReplyTo ?? []) {
      const key = normalizeRef(ref);
      const list = replies.get(key);
      if (list) list.push(article);
      else replies.set(key, [article]);
    }
  }
  return replies;
}

function earliestAnswer(refs: string[], contingent: string, repliesTo: Map<string, Article[]>): Article | undefined {
  let best: Article | undefined;
  let bestMs = Infinity;
  for (const ref of refs) {
    for (const reply of repliesTo.get(normalizeRef(ref)) ?? []) {
      if (reply.contingent !== contingent) continue;
      const ms = Date.parse(reply.published);
      if (ms < bestMs || (ms === bestMs && best && reply.id < best.id)) {
        best = reply;
        bestMs = ms;
      }
    }
  }
  return best;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
