// The rating desk (/rate/): the draft kept by the article pages' Rate control, trust, continuing a
// published file, checks, exports, keys and signatures, and the raters.yaml entry to propose.
import { raterEntryText } from '../../lib/editor/raterEntryText.ts';
import { proposeRater } from '../../lib/editor/proposeEntry.ts';
import { emptyDraft } from '../../lib/ratings/draft.ts';
import { renderDraft, watchEdit, watchTrust } from './deskDraft.ts';
import { watchFiles } from './deskFiles.ts';
import { watchKeys } from './deskKeys.ts';
import { commit, loadState, type DeskState } from './deskState.ts';
import { one } from './dom.ts';
import { watchDraft } from './draftStore.ts';

export async function startDesk(root: HTMLElement | null = document.querySelector<HTMLElement>('[data-desk]')): Promise<void> {
  if (!root) return;
  const state = await loadState(root);
  const changed = () => {
    renderDraft(root, state, changed);
    renderEntry(root, state);
  };

  const raterForm = one<HTMLFormElement>(root, '[data-desk-rater]');
  const field = (name: string) => raterForm.elements.namedItem(name) as HTMLInputElement;
  const fillRater = () => {
    field('name').value = state.draft.rater.name;
    field('home').value = state.draft.rater.home ?? '';
    field('url').value = state.draft.url ?? '';
  };
  raterForm.addEventListener('input', () => {
    const home = field('home').value.trim();
    const url = field('url').value.trim();
    const { url: _url, ...rest } = state.draft;
    commit(state, { ...rest, rater: { name: field('name').value, ...(home && { home }) }, ...(url && { url }) });
    renderEntry(root, state);
  });
  raterForm.addEventListener('submit', (event) => event.preventDefault());

  watchEdit(root, state, changed);
  watchTrust(root, state, changed);
  watchFiles(root, state, () => (fillRater(), changed()));
  watchKeys(root, state, () => renderEntry(root, state));
  watchDraft(state.key, (draft) => {
    state.draft = draft;
    fillRater();
    changed();
  });
  one(root, '[data-desk-clear]').addEventListener('click', () => {
    if (!confirm('Forget this draft? Ratings not yet published are lost.')) return;
    commit(state, emptyDraft());
    fillRater();
    changed();
  });

  fillRater();
  changed();
  one<HTMLElement>(root, '[data-desk-app]').hidden = false;
}

/** The raters.yaml entry to paste, from the person's name, file address and key. */
function renderEntry(root: HTMLElement, state: DeskState): void {
  const out = one(root, '[data-desk-entry]');
  const url = state.draft.url;
  if (!url || !/^https?:\/\//i.test(url)) {
    out.textContent = '# Give the address where your file will be published (under “You”), and your entry appears here.';
    return;
  }
  const format = /\.csv($|\?)/i.test(url) ? 'csv' : 'json';
  const entry = proposeRater({ url, format, ...(state.draft.rater.name.trim() && { name: state.draft.rater.name.trim() }) }, new Set(state.taken.ids), {}, new Set(state.taken.names));
  out.textContent = raterEntryText({ ...entry, ...(state.signing && { key: state.signing.publicKey }) });
}
