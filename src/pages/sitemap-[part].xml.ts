// /sitemap-<n>.xml: one file of the sitemap, every HTML page of the build from the route lists, 50,000 a file.
import type { APIRoute, GetStaticPaths } from 'astro';
import { contentKey } from '../astro/cacheKeys.ts';
import { loadSite } from '../astro/site.ts';
import { sitemapFiles } from '../lib/site/routes.ts';
import { sitemapXml } from '../lib/site/writers/sitemap.ts';

export const getStaticPaths = (async () => {
  const model = await loadSite();
  return sitemapFiles(model).map((f) => ({ params: { part: String(f.part) }, props: { urls: f.urls }, cacheKey: contentKey(f.urls) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ urls: string[] }> = ({ props }) => new Response(sitemapXml(props.urls), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
