// /json.opml: every edition feed of the build in json format, as OPML.
import type { APIRoute } from 'astro';
import { loadSite } from '../astro/site.ts';
import { opml } from '../lib/site/writers/opml.ts';

export const GET: APIRoute = async () => new Response(opml(await loadSite(), 'json'), { headers: { 'content-type': 'text/x-opml; charset=utf-8' } });
