// /<edition>/search/index.<hash>.json: the files of an edition's search index, named by content hash
// (so the name is also the file's cache key: the same name, the same text).
import type { APIRoute, GetStaticPaths } from 'astro';
import { editionParam } from '../../../astro/mode.ts';
import { loadEditionSearch } from '../../../astro/search.ts';
import { loadSite } from '../../../astro/site.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  const routes = await Promise.all(
    model.editions.map(async (e) =>
      (await loadEditionSearch(e.id)).files.map((f) => ({ params: { edition: editionParam(e.id), shard: f.name.replace(/\.json$/, '') }, props: { text: f.text }, cacheKey: f.name })),
    ),
  );
  return routes.flat();
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string }> = ({ props }) => new Response(props.text, { headers: { 'content-type': 'application/json; charset=utf-8' } });
