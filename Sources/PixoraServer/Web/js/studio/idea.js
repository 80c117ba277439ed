// The idea step: three concepts from the topic as cards to pick from, the picked one's words to change, and its
// approval (the pick, plus the edited concept when its words changed).

import { h } from '../ui.js';
import { capitalize } from '../format.js';
import { labelOf } from '../options.js';

const FIELDS = ['title', 'logline', 'audience', 'tone', 'durationSeconds'];

export function ideaPart(ctx, view) {
  const idea = ctx.project.workflow.outputs.idea;
  const part = {
    // Same topic and seed give the same concepts: a new run asks for a fresh take.
    choices: () => (view.runs ? { seed: view.runs + 1 } : {}),
  };
  if (!idea) return part;
  const editable = view.state === 'review';
  let picked = idea.chosen;

  const form = conceptForm(ctx, idea.concept, !editable);
  const cards = idea.concepts.map((concept, index) => {
    const input = h('input', { type: 'radio', name: 'concept', value: String(index), checked: index === picked,
      disabled: !editable, 'aria-label': `Concept ${index + 1}: ${concept.title}` });
    input.addEventListener('change', () => {
      picked = index;
      form.fill(concept);
    });
    return h('label', { class: 'concept-card', dataset: { index: String(index) } },
      h('span', { class: 'concept-pick' }, input, h('span', { class: 'concept-number' }, `Concept ${index + 1}`),
        index === idea.chosen && !editable ? h('span', { class: 'badge' }, 'Chosen') : null),
      h('strong', { class: 'concept-title' }, concept.title),
      h('span', { class: 'concept-logline' }, concept.logline),
      h('span', { class: 'concept-facts small muted' },
        `For ${concept.audience} · ${labelOf(ctx.options.tone, concept.tone, capitalize(concept.tone))} · `
        + `${concept.durationSeconds} s`));
  });

  part.body = h('div', { class: 'idea-body' },
    h('fieldset', { class: 'concepts' }, h('legend', {}, 'Concepts'), h('div', { class: 'concept-grid' }, cards)),
    form.element);
  part.approval = () => {
    const edited = form.read();
    const base = idea.concepts[picked];
    const same = FIELDS.every((field) => edited[field] === base[field]);
    return same ? { choice: picked } : { choice: picked, concept: edited };
  };
  return part;
}

/** The picked concept's fields; read() gives the concept as the form holds it. */
function conceptForm(ctx, concept, disabled) {
  const title = h('input', { id: 'concept-title', name: 'title', maxlength: 80, disabled });
  const logline = h('textarea', { id: 'concept-logline', name: 'logline', maxlength: 300, rows: 2, disabled });
  const audience = h('input', { id: 'concept-audience', name: 'audience', maxlength: 120, disabled });
  const tone = h('select', { id: 'concept-tone', name: 'tone', disabled },
    ctx.options.tone.map((choice) => h('option', { value: choice.value }, choice.label)));
  const length = h('input', { id: 'concept-length', name: 'durationSeconds', type: 'number', min: 5, max: 120, step: 1,
    inputmode: 'numeric', disabled });
  const fill = (value) => {
    title.value = value.title;
    logline.value = value.logline;
    audience.value = value.audience;
    tone.value = value.tone;
    length.value = String(value.durationSeconds);
  };
  fill(concept);
  const field = (id, label, control) => h('div', { class: 'field' }, h('label', { for: id }, label), control);
  const element = h('div', { class: 'concept-form' },
    h('h3', {}, disabled ? 'The approved concept' : 'The picked concept, in your words'),
    field('concept-title', 'Title', title),
    field('concept-logline', 'Logline', logline),
    h('div', { class: 'settings-grid' },
      field('concept-audience', 'Audience', audience),
      field('concept-tone', 'Tone', tone),
      field('concept-length', 'Length (seconds)', length)));
  return {
    element,
    fill,
    read: () => ({
      title: title.value.trim(), logline: logline.value.trim(), audience: audience.value.trim(), tone: tone.value,
      durationSeconds: Number(length.value),
    }),
  };
}
