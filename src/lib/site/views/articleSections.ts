// The sections of an article page's view model, one function each: text, byline, ratings,
// editions, revisions, replies, challenges, adaptations and copies, thread, statement, credit.
import type { Article } from '../../config/schema.ts';
import { formatPercent } from '../../editions/describeRule.ts';
import { STATEMENT_SCALE } from '../../ratings/endorsements.ts';
import { creditLine } from '../../transparency/creditLine.ts';
import type { AdaptationSource } from '../../transparency/adaptations.ts';
import type { CopyPair } from '../../transparency/findCopies.ts';
import { diffHtml, numberRevisions } from '../../transparency/revisionDiff.ts';
import { buildThread, type ThreadNode } from '../../transparency/threads.ts';
import type { SiteModel } from '../siteModel.ts';
import type { ArticleLinkView, ArticleView, RevisionView, ThreadItemView, UncreditedView } from './articleView.ts';
import { whyNames } from './editionView.ts';
import { whyItIsHere } from './whyView.ts';
import { countedRaters } from './trustView.ts';
import { formatDate, plural, signatureOf } from './format.ts';
import { mediaView } from './mediaView.ts';
import { challengerLink } from './challenger.ts';
import { ratingView } from './ratingView.ts';

/** What every section of one article's page reads. */
export interface ArticleContext {
  model: SiteModel;
  article: Article;
  lang: string;
  contingent: ReturnType<SiteModel['contingent']>;
  /** The contingent's signature, or a plain one when it is unknown. */
  signature: string;
  /** The article it declares it adapts (`via`), if any. */
  source: AdaptationSource | undefined;
  /** A link to another article: its page when it is in this build, else its source. */
  linkTo: (a: Article) => ArticleLinkView;
}

/** The context for `article`'s page in `model`. */
export function articleContext(model: SiteModel, article: Article): ArticleContext {
  const lang = model.db.site.lang;
  const contingent = model.contingent(article.contingent);
  const linkTo = (a: Article): ArticleLinkView => {
    const internal = model.inScope(a.id);
    return {
      text: a.title || a.url,
      href: internal ? model.paths.article(a.id) : a.url,
      contingent: model.contingent(a.contingent)?.name ?? a.contingent,
      contingentHref: model.paths.contingent(a.contingent),
      date: formatDate(a.published, lang),
      external: !internal,
    };
  };
  return { model, article, lang, contingent, signature: signatureOfId(model, article.contingent), source: model.adaptations.sourceOf(article), linkTo };
}

function signatureOfId(model: SiteModel, contingentId: string): string {
  const c = model.contingent(contingentId);
  return c ? signatureOf(c, model.db.site) : `The ${contingentId} contingent of ${model.db.site.network}`;
}

/** An article tagged `challenge` (any case), as listChallenges reads it. */
function isChallenge(article: Article): boolean {
  return !!article.inReplyTo?.length && article.tags.some((t) => t.trim().toLowerCase() === 'challenge');
}

export function textSection({ article }: ArticleContext): Pick<ArticleView, 'id' | 'title' | 'url' | 'original' | 'summary' | 'html' | 'tags'> {
  return {
    id: article.id,
    title: article.title || article.url,
    url: article.url,
    original: originalLink(article.url),
    summary: article.summary,
    html: article.html,
    tags: article.tags,
  };
}

/** What the publisher gave no usable link for (none, or one dropped as unsafe at ingest) says so, instead of linking the page to itself. */
export const NO_ORIGINAL_LINK = 'none: the publisher gave no usable link';

/**
 * The article's link at its publisher, when it is one a reader can follow.
 *
 * @example originalLink('https://abc.example/a') // { href: 'https://abc.example/a', text: 'https://abc.example/a' }
 * @example originalLink('') // { text: 'none: the publisher gave no usable link' }
 */
export function originalLink(url: string): ArticleView['original'] {
  return /^(https?|mailto):/i.test(url) ? { href: url, text: url } : { text: NO_ORIGINAL_LINK };
}

/** Who published it, under which license, when, and through whom. */
export function bylineSection({ model, article, lang, contingent, signature }: ArticleContext): Pick<ArticleView, 'signature' | 'contingent' | 'authors' | 'license' | 'published' | 'publishedDate' | 'updated' | 'updatedDate' | 'via' | 'media'> {
  return {
    signature,
    contingent: { text: contingent?.name ?? article.contingent, href: model.paths.contingent(article.contingent), ...(contingent && { home: contingent.home }) },
    authors: article.authors,
    license: article.license,
    published: article.published,
    publishedDate: formatDate(article.published, lang, true),
    ...(article.updated !== undefined && { updated: article.updated, updatedDate: formatDate(article.updated, lang, true) }),
    ...(article.via !== undefined && { via: article.via }),
    media: article.media.map(mediaView),
  };
}

export function ratingsSection({ model, article }: ArticleContext): Pick<ArticleView, 'ratings'> {
  return { ratings: model.ratings.ofArticle(article.id).map((r) => ratingView(model, r)) };
}

/** The editions that include it, each linking to the page that shows it, with why and who counted. */
export function editionsSection({ model, article }: ArticleContext): Pick<ArticleView, 'editions'> {
  return {
    editions: model.includedBy(article.id).map(({ edition, position, page, anchor, entry }) => ({
      title: edition.title,
      href: `${model.paths.edition(edition.id, page)}#${anchor}`,
      position,
      ...(edition.signature !== undefined && { signature: edition.signature }),
      why: whyItIsHere(whyNames(model), entry.reasons),
      counted: countedRaters(model, entry),
    })),
  };
}

/** Earlier versions, newest first, each with a word-level diff to the current text. */
export function revisionsSection({ article, lang }: ArticleContext): Pick<ArticleView, 'revisions' | 'version'> {
  const revisions = numberRevisions(article)
    .reverse()
    .map((r): RevisionView => {
      const diff = diffHtml(r.html, article.html);
      return {
        number: r.number,
        anchor: `rev-${r.number}`,
        at: r.at,
        date: formatDate(r.at, lang, true),
        from: r.from,
        fromDate: formatDate(r.from, lang, true),
        title: r.title,
        titleChanged: r.title !== article.title,
        summary: r.summary,
        html: r.html,
        diff,
        changes: diff.removed || diff.added ? `${plural(diff.removed, 'word')} removed, ${plural(diff.added, 'word')} added` : 'same text; other changes only',
      };
    });
  return { revisions, version: article.revisions.length + 1 };
}

/** Replies to it, what it replies to (an outside URL as a plain link), and copies of its URL elsewhere. */
export function repliesSection({ model, article, linkTo }: ArticleContext): Pick<ArticleView, 'replies' | 'inReplyTo' | 'alsoIn'> {
  const outside = (url: string): ArticleLinkView => ({ text: url, href: url, contingent: '', date: '', external: true });
  return {
    replies: model.replies.repliesTo(article.id).map(linkTo),
    inReplyTo: model.replies.inReplyTo(article).flatMap((t) => (t.articles.length ? t.articles.map(linkTo) : /^https?:\/\//i.test(t.ref) ? [outside(t.ref)] : [])),
    alsoIn: (article.alsoIn ?? []).flatMap((id) => {
      const copy = model.index.article(id);
      return copy ? [linkTo(copy)] : [];
    }),
  };
}

/** Challenges to it, answered or not, linking to the challenge where it can. */
export function challengesSection({ model, article, lang }: ArticleContext): Pick<ArticleView, 'challenges'> {
  return {
    challenges: model.index.challengesOf(article.id).map((c) => {
      const challenger = challengerLink(model, c).text;
      const href = c.challengeId && model.inScope(c.challengeId) ? model.paths.article(c.challengeId) : c.url;
      return {
        by: challenger,
        date: formatDate(c.at, lang),
        answered: c.answeredAt !== undefined,
        ...(href !== undefined && { href }),
        ...(c.note !== undefined && { note: c.note }),
      };
    }),
  };
}

/** Declared adaptations both ways, and uncredited near-copies both ways. */
export function adaptationsSection({ model, article, source, linkTo }: ArticleContext): Pick<ArticleView, 'adaptedFrom' | 'adaptations' | 'uncredited'> {
  const uncredited = (pairs: readonly CopyPair[], other: (p: CopyPair) => string): UncreditedView[] =>
    pairs.flatMap((p) => {
      const a = model.index.article(other(p));
      return a ? [{ ...linkTo(a), similarity: formatPercent(p.similarity) }] : [];
    });
  return {
    ...(source && { adaptedFrom: { via: source.via, originals: source.originals.map(linkTo) } }),
    adaptations: model.adaptations.adaptationsOf(article.id).map(linkTo),
    uncredited: {
      sources: uncredited(model.copies.uncreditedSources(article.id), (p) => p.original),
      copies: uncredited(model.copies.uncreditedCopies(article.id), (p) => p.copy),
    },
  };
}

/** The reply thread around it, when it has one. */
export function threadSection({ model, article, linkTo }: ArticleContext): Pick<ArticleView, 'thread'> {
  const thread = buildThread(article, { repliesTo: model.replies.repliesTo, parentsOf: (a) => model.replies.inReplyTo(a).flatMap((t) => t.articles) });
  if (thread.ancestors.length === 0 && thread.replies.length === 0) return {};
  const threadItem = (node: ThreadNode, current = false): ThreadItemView => ({
    ...linkTo(node.article),
    current,
    challenge: isChallenge(node.article),
    replies: node.replies.map((n) => threadItem(n)),
  });
  return {
    thread: {
      // The chain of ancestors nests down to this article, which carries its replies.
      root: thread.ancestors.reduceRight<ThreadItemView>((below, a) => ({ ...threadItem({ article: a, replies: [] }), replies: [below] }), threadItem({ article, replies: thread.replies }, true)),
      size: thread.size,
      truncated: thread.truncated,
    },
  };
}

/** Endorsements on the network's statement scale, and the network's signature once the quorum is reached. */
export function statementSection({ model, article }: ArticleContext): Pick<ArticleView, 'statement' | 'networkSignature'> {
  const statement = model.statement(article.id);
  const hasEndorsements = model.index.ratingsOf(article.id).has(STATEMENT_SCALE);
  const contingentName = (id: string) => model.contingent(id)?.name ?? id;
  return {
    ...((hasEndorsements || statement.reached) && {
      statement: {
        reached: statement.reached,
        endorsed: statement.endorsed.map(contingentName),
        notEndorsed: statement.notEndorsed.map(contingentName),
        summary: `${statement.endorsed.length} of ${plural(statement.total, 'contingent')} endorse; a statement of the whole network needs ${statement.needed} (${formatPercent(statement.fraction)}).`,
      },
    }),
    ...(statement.reached && {
      networkSignature: `A statement of the whole network of ${model.db.site.network}, endorsed by ${statement.endorsed.length} of ${plural(statement.total, 'contingent')}`,
    }),
  };
}

/** The attribution to copy for reuse, naming the original of an adaptation. */
export function creditSection({ model, article, contingent, signature, source }: ArticleContext): Pick<ArticleView, 'credit'> {
  const firstOriginal = source?.originals[0];
  return {
    credit: creditLine({
      title: article.title || article.url,
      url: article.url,
      signature,
      ...(contingent && { home: contingent.home }),
      license: article.license,
      ...(source && {
        adaptedFrom: firstOriginal
          ? { title: firstOriginal.title || firstOriginal.url, url: firstOriginal.url, signature: signatureOfId(model, firstOriginal.contingent) }
          : { title: source.via, url: source.via },
      }),
    }),
  };
}
