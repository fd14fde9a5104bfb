// /contingents.opml: every contingent's feeds, as an OPML subscription list.
import type { APIRoute } from 'astro';
import { loadSite } from '../astro/site.ts';
import { contingentsOpml } from '../lib/site/writers/contingentsOpml.ts';

export const GET: APIRoute = async () => {
  const { db, now } = await loadSite();
  return new Response(contingentsOpml({ title: db.site.title, contingents: db.contingents, now }), { headers: { 'content-type': 'text/x-opml; charset=utf-8' } });
};
