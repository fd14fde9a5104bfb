// /<edition>/rss.xml, atom.xml and feed.json: the edition's feed in three formats, same items.
import type { APIRoute, GetStaticPaths } from 'astro';
import { editionParam } from '../../astro/mode.ts';
import { loadSite } from '../../astro/site.ts';
import { FEED_FORMATS, type FeedFormat } from '../../lib/site/paths.ts';
import { publishedFeed } from '../../lib/site/writers/publishFeeds.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return model.editions.flatMap((e) =>
    (Object.keys(FEED_FORMATS) as FeedFormat[]).map((format) => ({ params: { edition: editionParam(e.id), feed: FEED_FORMATS[format].file }, props: { id: e.id, format } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ id: string; format: FeedFormat }> = async ({ props }) => new Response(publishedFeed(await loadSite(), { edition: props.id }, props.format));
