// /rate/articles.json: the build's newest articles, so the rating desk can name what a file rates.
import type { APIRoute } from 'astro';
import { loadSite } from '../../astro/site.ts';
import { deskArticles } from '../../lib/site/views/deskView.ts';
import { toJsonText } from '../../lib/site/writers/explainJson.ts';

export const GET: APIRoute = async () => {
  const model = await loadSite();
  // Compact, one article a line: the file is read by a script, and stays small.
  const { articles, ...head } = deskArticles(model);
  const text = `${JSON.stringify(head).slice(0, -1)},"articles":[\n${articles.map((a) => JSON.stringify(a)).join(',\n')}\n]}\n`;
  return new Response(text, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
