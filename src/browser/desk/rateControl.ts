// The Rate control on article pages: builds the form from the scales the page carries, fills the
// value list for the chosen scale and adds the rating to this site's draft, for the rating desk to
// export and publish.
import { addRating, lineOf } from '../../lib/ratings/draft.ts';
import { unpackRateScales, type RateScale } from '../../lib/site/views/rateScales.ts';
import { loadDraft, saveDraft } from './draftStore.ts';

/** The form, as the page carried it before: built here, so each article page need not carry it. */
function buildForm(doc: Document, scales: RateScale[], deskHref: string): HTMLFormElement {
  const el = (tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement => {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  };
  const scale = el('select', { name: 'scale', 'data-rate-scale': '' }, ...scales.map((s) => el('option', { value: s.id, title: s.description }, s.name)));
  const fields = el(
    'div',
    { class: 'rate-fields' },
    el('label', {}, 'Scale ', scale),
    el('label', {}, 'Value ', el('select', { name: 'value', 'data-rate-value': '' })),
    el('label', { class: 'rate-note' }, el('span', {}, 'Note ', el('span', { class: 'meta' }, '(optional, public)')), el('input', { name: 'note', maxlength: '2000', autocomplete: 'off' })),
    el('button', { type: 'submit' }, 'Add to my draft'),
  );
  const status = el('p', { class: 'meta', role: 'status', 'data-rate-status': '' });
  const desk = el('p', { class: 'meta' }, 'Your draft stays in this browser until you publish it from ', el('a', { href: deskHref }, 'the rating desk'), '.');
  return el('form', { class: 'rate-form', 'data-rate-form': '', hidden: '' }, fields, status, desk) as HTMLFormElement;
}

export function watchRateControl(root: ParentNode = document): void {
  const box = root.querySelector<HTMLElement>('[data-rate]');
  const scales = unpackRateScales(box?.querySelector('[data-rate-scales]')?.textContent ?? '');
  if (!box || !scales.length) return;
  const form = buildForm(box.ownerDocument, scales, box.dataset.desk ?? '');
  box.querySelector('[data-rate-scales]')!.replaceWith(form);
  const scale = form.querySelector<HTMLSelectElement>('[data-rate-scale]')!;
  const value = form.querySelector<HTMLSelectElement>('[data-rate-value]')!;
  const status = form.querySelector<HTMLElement>('[data-rate-status]')!;
  const key = box.dataset.draftKey!;
  const article = box.dataset.article!;
  const title = box.dataset.title ?? article;

  const fillValues = () => {
    const chosen = scales.find((s) => s.id === scale.value) ?? scales[0]!;
    value.replaceChildren(...chosen.values.map((v) => new Option(v.label, String(v.value), false, v.value === chosen.neutral)));
  };
  const showDraft = () => {
    const mine = loadDraft(key).ratings.map(lineOf).filter((l) => l.article === article);
    const last = new Map(mine.map((l) => [l.scale, l]));
    const said = [...last.values()].map((l) => {
      const chosen = scales.find((s) => s.id === l.scale);
      const label = chosen?.values.find((v) => v.value === l.value)?.label;
      return `${chosen?.name ?? l.scale} ${l.retract ? 'retracted' : (label ?? l.value)}`;
    });
    status.textContent = said.length ? `In your draft: ${said.join(', ')}.` : '';
  };

  scale.addEventListener('change', fillValues);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const note = (form.elements.namedItem('note') as HTMLInputElement).value;
    const draft = addRating(loadDraft(key), { article, scale: scale.value, value: Number(value.value), note, title }, new Date());
    if (!saveDraft(key, draft)) {
      status.textContent = 'This browser refused to keep the draft (private browsing, or storage full).';
      return;
    }
    (form.elements.namedItem('note') as HTMLInputElement).value = '';
    showDraft();
    status.textContent += ` ${draft.ratings.length} ${draft.ratings.length === 1 ? 'line' : 'lines'} in your draft.`;
  });
  fillValues();
  showDraft();
  box.querySelector('[data-rate-nojs]')?.setAttribute('hidden', '');
  form.hidden = false;
}
