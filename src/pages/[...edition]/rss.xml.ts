// /<edition>/rss.xml: the edition's feed, in the engine's order.
import rss from '@astrojs/rss';
import type { APIRoute, GetStaticPaths } from 'astro';
import { editionParam } from '../../astro/mode.ts';
import { loadSite } from '../../astro/site.ts';
import { editionFeed } from '../../lib/site/writers/rssFeed.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return model.editions.map((e) => ({ params: { edition: editionParam(e.id) }, props: { id: e.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ id: string }> = async ({ props }) => rss(editionFeed(await loadSite(), props.id));
