// The breakdown's plan card: the editable title, the planner's summary, the settings as chips (in the server's
// words) and the prompt the plan was made from.

import { h } from '../ui.js';
import { capitalize } from '../format.js';
import { labelOf } from '../options.js';

/** The card of `plan`, made from `prompt`; `onTitle(text)` after each change of the title. */
export function planCard({ plan, prompt, errors, options, onTitle }) {
  const titleInput = h('input', {
    id: 'plan-title', name: 'title', class: 'title-input', maxlength: 200, value: plan.title,
    'aria-describedby': 'plan-title-error',
    oninput: () => onTitle(titleInput.value),
  });
  return h('section', { class: 'card plan-card' },
    h('div', { class: 'field' },
      h('label', { for: 'plan-title' }, 'Title'),
      titleInput,
      errors.note('title', 'plan-title-error')),
    h('p', { class: 'plan-summary' }, plan.summary),
    settingsChips(plan.settings, options),
    h('details', { class: 'plan-prompt' },
      h('summary', {}, 'Your prompt'),
      h('p', {}, prompt)));
}

function settingsChips(s, options) {
  return h('ul', { class: 'chips', 'aria-label': 'Settings' },
    [labelOf(options.aspectRatio, s.aspectRatio), `${s.durationSeconds} s`,
      labelOf(options.style, s.style, capitalize(s.style)), labelOf(options.tone, s.tone, capitalize(s.tone)),
      labelOf(options.voice, s.voice), `${Number(s.speechRate).toFixed(1)}× speed`, s.music ? 'Music' : 'No music',
      s.captions ? 'Captions' : 'No captions', labelOf(options.quality, s.quality)]
      .map((text) => h('li', { class: 'chip static' }, text)));
}
