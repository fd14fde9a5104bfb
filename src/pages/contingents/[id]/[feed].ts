// /contingents/<id>/rss.xml, atom.xml and feed.json: a contingent's own feed, signed as the contingent.
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadSite } from '../../../astro/site.ts';
import { FEED_FORMATS, type FeedFormat } from '../../../lib/site/paths.ts';
import { publishedFeed } from '../../../lib/site/writers/publishFeeds.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return model.db.contingents.flatMap((c) =>
    (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({ params: { id: c.id, feed: FEED_FORMATS[format].file }, props: { format } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ format: FeedFormat }> = async ({ params, props }) => new Response(publishedFeed(await loadSite(), { contingent: params.id! }, props.format));
