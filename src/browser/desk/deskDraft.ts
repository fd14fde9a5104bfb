// The draft on the desk: one row per line (article, scale, value, note, time) with edit, retract
// and remove; the edit form; and the list of raters the person trusts.
import { editRating, lineOf, removeRating, retractRating, setTrust, type DraftLine } from '../../lib/ratings/draft.ts';
import { commit, type DeskState } from './deskState.ts';
import { el, one } from './dom.ts';

/** Draws the draft and wires its buttons; `changed` redraws every part of the page that depends on it. */
export function renderDraft(root: HTMLElement, state: DeskState, changed: () => void): void {
  const rows = one<HTMLTableSectionElement>(root, '[data-desk-rows]');
  const lines = state.draft.ratings.map(lineOf);
  const published = lines.filter((l) => l.published).length;
  one(root, '[data-desk-count]').textContent = lines.length
    ? `${lines.length} ${lines.length === 1 ? 'line' : 'lines'}${published ? `, of which ${published} from your published file` : ''}. The latest line for an article and scale is the one that counts.`
    : 'Your draft is empty: rate articles from their pages (“Rate this article”), or continue your published file below.';
  rows.replaceChildren(
    ...lines.map((line, i) => {
      const title = line.title ?? state.titles.get(line.article) ?? line.article;
      const href = /^https?:\/\//i.test(line.article) ? line.article : undefined;
      const time = line.at.replace('T', ' ').replace(/:\d\dZ$/, ' UTC');
      return el(
        'tr',
        { 'data-line': String(i) },
        el(
          'td',
          { class: 'article' },
          href ? el('a', { href, rel: 'external noopener noreferrer' }, title) : title,
          el('div', { class: 'meta' }, el('time', { datetime: line.at }, time), line.published && ' · published'),
        ),
        el('td', {}, el('strong', {}, scaleName(state, line.scale)), ': ', line.retract ? 'retracted' : valueLabel(state, line)),
        el('td', { class: 'note' }, line.note ?? ''),
        el(
          'td',
          { class: 'actions' },
          !line.retract && button('Edit', `Edit the ${scaleName(state, line.scale)} rating of ${title}`, () => openEdit(root, state, i, changed)),
          !line.retract && button('Retract', `Retract the ${scaleName(state, line.scale)} rating of ${title}`, () => commit(state, retractRating(state.draft, i, new Date())) && changed()),
          !line.published && button('Remove', `Remove this line about ${title} from the draft`, () => commit(state, removeRating(state.draft, i)) && changed()),
        ),
      );
    }),
  );
  renderTrust(root, state, changed);
}

function button(text: string, label: string, onClick: () => unknown): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'quiet', 'aria-label': label }, text);
  b.addEventListener('click', () => void onClick());
  return b;
}

function scaleName(state: DeskState, id: string): string {
  return state.scales.find((s) => s.id === id)?.name ?? id;
}

function valueLabel(state: DeskState, line: DraftLine): string {
  const scale = state.scales.find((s) => s.id === line.scale);
  return scale?.values.find((v) => v.value === line.value)?.label ?? String(line.value ?? '');
}

function openEdit(root: HTMLElement, state: DeskState, index: number, changed: () => void): void {
  const form = one<HTMLFormElement>(root, '[data-desk-edit]');
  const line = lineOf(state.draft.ratings[index]!);
  const scale = state.scales.find((s) => s.id === line.scale);
  const select = form.elements.namedItem('value') as HTMLSelectElement;
  select.replaceChildren(...(scale?.values ?? [{ value: line.value ?? 0, label: String(line.value ?? 0) }]).map((v) => new Option(v.label, String(v.value), false, v.value === line.value)));
  (form.elements.namedItem('note') as HTMLInputElement).value = line.note ?? '';
  one(form, '[data-desk-edit-what]').textContent = `${scaleName(state, line.scale)} of ${line.title ?? state.titles.get(line.article) ?? line.article}${line.published ? ' (published: the change is added as a new rating)' : ''}`;
  form.dataset.index = String(index);
  form.hidden = false;
  select.focus();
}

/** Wires the edit form once: save or cancel. */
export function watchEdit(root: HTMLElement, state: DeskState, changed: () => void): void {
  const form = one<HTMLFormElement>(root, '[data-desk-edit]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = Number((form.elements.namedItem('value') as HTMLSelectElement).value);
    const note = (form.elements.namedItem('note') as HTMLInputElement).value;
    commit(state, editRating(state.draft, Number(form.dataset.index), { value, note }, new Date()));
    form.hidden = true;
    changed();
  });
  one(form, '[data-desk-edit-cancel]').addEventListener('click', () => (form.hidden = true));
}

function renderTrust(root: HTMLElement, state: DeskState, changed: () => void): void {
  one(root, '[data-desk-trust]').replaceChildren(
    ...(state.draft.trust.length === 0
      ? [el('li', { class: 'meta' }, 'No one yet.')]
      : state.draft.trust.map((t) =>
          el(
            'li',
            {},
            el('span', { class: 'key' }, t.rater),
            ` · ${t.w === 0 ? 'withdrawn' : `weight ${t.w}`}`,
            t.note && el('div', { class: 'note' }, t.note),
            ' ',
            t.w > 0 && button('Withdraw', `Withdraw your trust in ${t.rater}`, () => commit(state, setTrust(state.draft, { ...t, w: 0 })) && changed()),
          ),
        )),
  );
}

/** Wires the trust form once. */
export function watchTrust(root: HTMLElement, state: DeskState, changed: () => void): void {
  const form = one<HTMLFormElement>(root, '[data-desk-trust-form]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    commit(state, setTrust(state.draft, { rater: field('rater'), w: Number(field('w')), note: field('note') }));
    form.reset();
    changed();
  });
}
