// /contingents/<id>/rss.xml: a contingent's own feed, signed as the contingent.
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { loadSite } from '../../../astro/site.ts';
import { contingentFeed } from '../../../lib/site/writers/rssFeed.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return model.db.contingents.map((c) => ({ params: { id: c.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => rss(contingentFeed(await loadSite(), params.id!));
