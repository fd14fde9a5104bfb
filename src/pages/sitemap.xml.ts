// /sitemap.xml: every HTML page of the build, from the same route lists the pages use.
import type { APIRoute } from 'astro';
import { loadSite } from '../astro/site.ts';
import { sitePages, sitemapXml } from '../lib/site/routes.ts';

export const GET: APIRoute = async () => {
  const model = await loadSite();
  return new Response(sitemapXml(sitePages(model).map((p) => model.paths.absolute(p))), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
