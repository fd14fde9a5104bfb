// The Rate control on article pages: fills the value list for the chosen scale and adds the rating
// to this site's draft, for the rating desk to export and publish.
import { addRating, lineOf } from '../../lib/ratings/draft.ts';
import { loadDraft, saveDraft } from './draftStore.ts';

export function watchRateControl(root: ParentNode = document): void {
  const box = root.querySelector<HTMLElement>('[data-rate]');
  const form = box?.querySelector<HTMLFormElement>('[data-rate-form]');
  const scale = form?.querySelector<HTMLSelectElement>('[data-rate-scale]');
  const value = form?.querySelector<HTMLSelectElement>('[data-rate-value]');
  const status = form?.querySelector<HTMLElement>('[data-rate-status]');
  if (!box || !form || !scale || !value || !status) return;
  const key = box.dataset.draftKey!;
  const article = box.dataset.article!;
  const title = box.dataset.title ?? article;

  const fillValues = () => {
    const option = scale.selectedOptions[0];
    const values = JSON.parse(option?.dataset.values ?? '[]') as { value: number; label: string }[];
    const neutral = Number(option?.dataset.neutral);
    value.replaceChildren(...values.map((v) => new Option(v.label, String(v.value), false, v.value === neutral)));
  };
  const showDraft = () => {
    const mine = loadDraft(key).ratings.map(lineOf).filter((l) => l.article === article);
    const last = new Map(mine.map((l) => [l.scale, l]));
    const said = [...last.values()].map((l) => `${scale.querySelector<HTMLOptionElement>(`option[value="${CSS.escape(l.scale)}"]`)?.text ?? l.scale} ${l.retract ? 'retracted' : l.value}`);
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
