// /<edition>/explain.json: why each article is in the edition.
import type { APIRoute, GetStaticPaths } from 'astro';
import { editionParam } from '../../astro/mode.ts';
import { loadSite } from '../../astro/site.ts';
import { explainJson, toJsonText } from '../../lib/site/writers/explainJson.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return model.editions.map((e) => ({ params: { edition: editionParam(e.id) }, props: { id: e.id } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ id: string }> = async ({ props }) => {
  const model = await loadSite();
  return new Response(toJsonText(explainJson(model.result(props.id), model.paths, model.now)), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
