// The search page as the bench runs it: the shipped page's script, plus hooks on `window` that let
// the bench type queries and time them. Bundled by benchPage.ts into a copy of a built search page;
// never part of a build.
import { startSearchPage } from '../../src/browser/searchPage.ts';

declare global {
  interface Window {
    /** Runs a query as typing would and times it. */
    __widenetSearch?: (query: string) => { count: number; searchMs: number; totalMs: number };
    /** Settles with the articles loaded when every index file is loaded. */
    __widenetSearchLoaded?: Promise<number>;
  }
}

const page = startSearchPage();
if (page) {
  window.__widenetSearchLoaded = page.loading.then(() => page.size());
  window.__widenetSearch = (query) => {
    const start = performance.now();
    const { matched, searchMs } = page.type(query);
    return { count: matched, searchMs, totalMs: performance.now() - start };
  };
}
