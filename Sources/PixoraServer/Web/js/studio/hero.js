// The hero step: candidate key visuals (each a look: palette, style, mood, motif) to choose from, and more
// variations on request; the chosen look fixes every later picture.

import { h } from '../ui.js';
import { capitalize } from '../format.js';
import { labelOf } from '../options.js';

export function heroPart(ctx, view) {
  const hero = ctx.project.workflow.outputs.hero;
  const count = h('select', { id: 'hero-variations' },
    [1, 2, 3, 4].map((n) => h('option', { value: String(n) }, String(n))));
  count.value = String(hero?.candidates.length || 3);
  const part = {
    // A fresh take each run: the same seed would paint the same candidates again.
    choices: () => ({ variations: Number(count.value), ...(view.runs ? { seed: view.runs + 1 } : {}) }),
    extraActions: h('span', { class: 'inline-field' }, h('label', { for: 'hero-variations' }, 'Variations'), count),
  };
  if (!hero) return part;
  const editable = view.state === 'review';
  let picked = hero.chosen;
  const options = ctx.options;
  part.body = h('fieldset', { class: 'hero-candidates' },
    h('legend', {}, 'Candidates'),
    h('div', { class: 'hero-grid' }, hero.candidates.map((candidate, index) => {
      const look = candidate.look;
      const words = `${labelOf(options.style, look.style, capitalize(look.style))}, `
        + `${labelOf(options.mood, look.mood, capitalize(look.mood))}`;
      const input = h('input', { type: 'radio', name: 'hero', value: String(index), checked: index === picked,
        disabled: !editable, 'aria-label': `Look ${index + 1}: ${words}` });
      input.addEventListener('change', () => { picked = index; });
      return h('label', { class: 'hero-candidate', dataset: { index: String(index) } },
        h('img', {
          src: candidate.imageUrl, alt: `Hero candidate ${index + 1}: ${words}, ${look.motif}`, loading: 'lazy' }),
        h('span', { class: 'hero-caption' }, input,
          h('span', {}, h('strong', {}, `Look ${index + 1}`), ` · ${words}`),
          index === hero.chosen && !editable ? h('span', { class: 'badge' }, 'Chosen') : null),
        h('span', { class: 'swatches', 'aria-hidden': 'true' },
          look.palette.map((colour) => h('span', { class: 'swatch', style: { background: colour } }))));
    })));
  part.approval = () => ({ choice: picked });
  return part;
}
