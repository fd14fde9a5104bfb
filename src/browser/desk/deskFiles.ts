// The desk's files: continue a published file (by address or from disk), check the draft's file as
// `npm run check` would, and download it as JSON or CSV.
import { checkRatingFile, ratingFileFormat } from '../../lib/check/checkRatingFile.ts';
import { formatProblem } from '../../lib/check/configError.ts';
import { continueFile, draftToFile, LoadFileError, loadRatingFile } from '../../lib/ratings/draft.ts';
import { ratingFileCsv, ratingFileJson } from '../../lib/ratings/ratingFileText.ts';
import { commit, type DeskState } from './deskState.ts';
import { download, el, one } from './dom.ts';

/** The file the draft makes now, in a format, with the name it is saved under. */
export function exportFile(state: DeskState, format: 'json' | 'csv', now = new Date()): { name: string; text: string } {
  const content = draftToFile(state.draft, now);
  return format === 'csv' ? { name: 'ratings.csv', text: ratingFileCsv(content) } : { name: 'ratings.json', text: ratingFileJson(content) };
}

/** Checks a file's text with the network's scales and shows what `npm run check -- <file>` would print. */
export function showCheck(root: HTMLElement, state: DeskState, file: { name: string; text: string }): boolean {
  const result = checkRatingFile(file.text, {
    file: file.name,
    format: ratingFileFormat(file.name),
    scales: state.scales,
    ...(state.draft.url && { url: state.draft.url }),
  });
  const out = one(root, '[data-desk-check-result]');
  if (result.summary) out.replaceChildren(el('p', { class: 'ok' }, `[check] ${result.summary}`));
  else out.replaceChildren(el('ul', { class: 'list problems' }, ...result.problems.map((p) => el('li', {}, formatProblem(p)))), el('p', { class: 'meta' }, 'Rows with a problem are skipped by the aggregator; the rest of the file counts. Edit, retract or remove them above.'));
  return result.problems.length === 0;
}

/** Wires checking, downloading and continuing a file. */
export function watchFiles(root: HTMLElement, state: DeskState, changed: () => void): void {
  const form = one<HTMLFormElement>(root, '[data-desk-export]');
  const format = () => (form.elements.namedItem('format') as HTMLSelectElement).value as 'json' | 'csv';
  one(root, '[data-desk-check]').addEventListener('click', () => showCheck(root, state, exportFile(state, format())));
  one(root, '[data-desk-download]').addEventListener('click', () => {
    const file = exportFile(state, format());
    showCheck(root, state, file);
    state.lastExport = file;
    download(file.name, file.text, file.name.endsWith('.csv') ? 'text/csv' : 'application/json');
  });

  const status = one(root, '[data-desk-load-status]');
  const take = (text: string, name: string) => {
    try {
      const loaded = loadRatingFile(text, ratingFileFormat(name));
      commit(state, continueFile(state.draft, loaded, (article) => state.titles.get(article)));
      status.textContent = `Loaded ${name}: ${loaded.ratings.length} published ${loaded.ratings.length === 1 ? 'rating' : 'ratings'} kept${loaded.issued ? `, issued ${loaded.issued}` : ''}${loaded.trust.length ? `, ${loaded.trust.length} trusted raters` : ''}.`;
      changed();
    } catch (error) {
      if (!(error instanceof LoadFileError) && !(error instanceof Error && error.name === 'CsvSyntaxError')) throw error;
      status.textContent = `${name}: ${error.message}. Nothing was changed.`;
    }
  };
  const byUrl = one<HTMLFormElement>(root, '[data-desk-load-url]');
  byUrl.addEventListener('submit', async (event) => {
    event.preventDefault();
    const url = (byUrl.elements.namedItem('url') as HTMLInputElement).value.trim();
    if (!url) return;
    status.textContent = `Loading ${url}…`;
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      take(await response.text(), url);
      if (!state.draft.url) commit(state, { ...state.draft, url });
      changed();
    } catch (error) {
      // A site that does not allow reading its files from other pages (CORS) fails here too.
      status.textContent = `Could not load ${url}: ${(error as Error).message}. Download it and load the copy from this device instead.`;
    }
  });
  const fromDisk = one<HTMLInputElement>(root, '[data-desk-load-file] input[type=file]');
  fromDisk.addEventListener('change', async () => {
    const file = fromDisk.files?.[0];
    if (file) take(await file.text(), file.name);
    fromDisk.value = '';
  });
}
