// /sitemap.xml: the sitemap index, naming /sitemap-<n>.xml files of at most 50,000 pages each.
import type { APIRoute } from 'astro';
import { loadSite } from '../astro/site.ts';
import { sitemapFiles } from '../lib/site/routes.ts';
import { sitemapIndexXml } from '../lib/site/writers/sitemap.ts';

export const GET: APIRoute = async () => {
  const model = await loadSite();
  const files = sitemapFiles(model).map((f) => model.paths.absolute(model.paths.sitemapPart(f.part)));
  return new Response(sitemapIndexXml(files), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
