// /rate/scales.json: the network's scales, as the rating desk offers them.
import type { APIRoute } from 'astro';
import { loadSite } from '../../astro/site.ts';
import { deskScales } from '../../lib/site/views/deskView.ts';
import { toJsonText } from '../../lib/site/writers/explainJson.ts';

export const GET: APIRoute = async () => {
  const model = await loadSite();
  return new Response(toJsonText(deskScales(model)), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
