// One scene of the breakdown as an editable card: narration, visual description, duration and mood in place,
// tools to move, add and remove, reordering by drag (on the handle) or Alt+↑/↓ on the focused card, and a line
// saying how it hands over to the next scene.

import { h } from '../ui.js';
import { round } from '../format.js';
import { labelOf } from '../options.js';
import { MIN_SCENE, MAX_SCENE, MAX_SCENES, MAX_NARRATION } from './plan-rules.js';

/**
 * The card of `scene` at `index`. `view` gives the page's state and actions: plan, list (the <ol>), errors
 * (FieldErrors), options (the server's settings options), markEdited(), durationChanged(), move(from, to, via),
 * addAfter(index), remove(index).
 */
export function sceneCard(view, scene, index) {
  const { plan, errors } = view;
  const total = plan.scenes.length;
  const number = index + 1;
  const base = `scenes[${index}]`;
  const idBase = `scene-${scene.id}`;

  const narration = h('textarea', {
    id: `${idBase}-narration`, rows: 3, maxlength: MAX_NARRATION,
    placeholder: 'What the narrator says in this scene',
    'aria-invalid': errors.get(`${base}.narration`) ? 'true' : null,
    'aria-describedby': `${idBase}-narration-error`,
  });
  narration.value = scene.narration;
  const narrationCount = h('span', { class: 'char-count' }, `${scene.narration.length} / ${MAX_NARRATION}`);
  narration.addEventListener('input', () => {
    scene.narration = narration.value;
    narrationCount.textContent = `${narration.value.length} / ${MAX_NARRATION}`;
    errors.clear(`${base}.narration`, narration);
    view.markEdited();
  });

  const visual = h('textarea', {
    id: `${idBase}-visual`, rows: 2, placeholder: 'What the picture shows',
    'aria-invalid': errors.get(`${base}.visual`) ? 'true' : null,
    'aria-describedby': `${idBase}-visual-error`,
  });
  visual.value = scene.visual;
  visual.addEventListener('input', () => {
    scene.visual = visual.value;
    errors.clear(`${base}.visual`, visual);
    view.markEdited();
  });

  const duration = h('input', {
    id: `${idBase}-duration`, type: 'number', min: MIN_SCENE, max: MAX_SCENE, step: 0.5, inputmode: 'decimal',
    value: String(round(scene.duration, 1)),
    'aria-invalid': errors.get(`${base}.duration`) ? 'true' : null,
    'aria-describedby': `${idBase}-duration-error`,
  });
  duration.addEventListener('change', () => {
    const seconds = Number(duration.value);
    if (!Number.isFinite(seconds) || seconds < MIN_SCENE || seconds > MAX_SCENE) {
      errors.set(`${base}.duration`, `Between ${MIN_SCENE} and ${MAX_SCENE} seconds.`, duration);
      return;
    }
    errors.clear(`${base}.duration`, duration);
    scene.duration = seconds;
    view.durationChanged();
  });

  const mood = h('select', { id: `${idBase}-mood` },
    view.options.mood.map((choice) => h('option', { value: choice.value }, choice.label)));
  mood.value = scene.mood;
  mood.addEventListener('change', () => {
    scene.mood = mood.value;
    view.markEdited();
  });

  const tools = h('div', { class: 'scene-tools' },
    iconButton('↑', `Move scene ${number} up`, index === 0, () => view.move(index, index - 1, 'up')),
    iconButton('↓', `Move scene ${number} down`, index === total - 1, () => view.move(index, index + 1, 'down')),
    iconButton('+', `Add a scene after scene ${number}`, total >= MAX_SCENES, () => view.addAfter(index), 'add'),
    iconButton('✕', total === 1 ? 'The only scene cannot be removed' : `Remove scene ${number}`, total === 1, () => view.remove(index), 'remove'));

  const handle = h('span', { class: 'drag-handle', title: 'Drag to reorder', 'aria-hidden': 'true' }, '⠿');
  const card = h('li', {
    class: 'scene-card', tabindex: 0, dataset: { index: String(index), id: scene.id },
    'aria-label': `Scene ${number} of ${total}`,
    'aria-keyshortcuts': 'Alt+ArrowUp Alt+ArrowDown',
  },
    h('div', { class: 'scene-head' },
      handle,
      h('span', { class: 'scene-number', 'aria-hidden': 'true' }, String(number)),
      h('div', { class: 'scene-title' },
        h('h3', {}, `Scene ${number}`),
        scene.keyPhrase ? h('span', { class: 'key-phrase' }, scene.keyPhrase) : null),
      tools),
    errors.get(`${base}`) ? h('p', { class: 'field-error' }, errors.get(base)) : null,
    h('div', { class: 'scene-body' },
      h('div', { class: 'field' },
        h('div', { class: 'label-row' }, h('label', { for: narration.id }, 'Narration'), narrationCount),
        narration, errors.note(`${base}.narration`, `${idBase}-narration-error`)),
      h('div', { class: 'field' },
        h('label', { for: visual.id }, 'Visual description'),
        visual, errors.note(`${base}.visual`, `${idBase}-visual-error`))),
    h('div', { class: 'scene-meta' },
      h('div', { class: 'field compact' },
        h('label', { for: duration.id }, 'Duration (s)'),
        duration, errors.note(`${base}.duration`, `${idBase}-duration-error`)),
      h('div', { class: 'field compact' },
        h('label', { for: mood.id }, 'Mood'),
        mood),
      h('p', { class: 'transition-note', dataset: { role: 'transition' } }, transitionText(plan, index, view.options))),
    errors.note(`${base}.transition.duration`, `${idBase}-transition-error`),
    errors.note(`${base}.id`, `${idBase}-id-error`));

  // Keyboard reordering on the focused card itself (inside a textarea Alt+arrows keep their usual meaning).
  card.addEventListener('keydown', (event) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    if (event.target !== card && !event.target.closest('.scene-tools')) return;
    event.preventDefault();
    const to = event.key === 'ArrowUp' ? index - 1 : index + 1;
    if (to >= 0 && to < view.plan.scenes.length) view.move(index, to, 'card');
  });

  draggable(view, card, handle, index);
  return card;
}

/** The card is draggable only while the handle is held, so text in its fields stays selectable. */
function draggable(view, card, handle, index) {
  handle.addEventListener('pointerdown', () => { card.draggable = true; });
  card.addEventListener('pointerup', () => { card.draggable = false; });
  card.addEventListener('dragstart', (event) => {
    if (!card.draggable) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', String(index));
    card.classList.add('dragging');
    view.list.classList.add('is-dragging');
  });
  card.addEventListener('dragend', () => {
    card.draggable = false;
    card.classList.remove('dragging');
    view.list.classList.remove('is-dragging');
    clearDropMarks(view.list);
  });
  card.addEventListener('dragover', (event) => {
    if (!view.list.classList.contains('is-dragging')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    const after = event.clientY > card.getBoundingClientRect().top + card.offsetHeight / 2;
    clearDropMarks(view.list);
    card.classList.add(after ? 'drop-after' : 'drop-before');
  });
  card.addEventListener('drop', (event) => {
    event.preventDefault();
    const from = Number(event.dataTransfer.getData('text/plain'));
    const after = card.classList.contains('drop-after');
    clearDropMarks(view.list);
    if (!Number.isInteger(from)) return;
    let to = index + (after ? 1 : 0);
    if (from < to) to -= 1;
    if (to !== from) view.move(from, to, 'drag');
  });
}

function clearDropMarks(list) {
  for (const marked of list.querySelectorAll('.drop-before, .drop-after')) marked.classList.remove('drop-before', 'drop-after');
}

/** How scene `index` hands over to the next one, in words. */
function transitionText(plan, index, options) {
  if (index === plan.scenes.length - 1) return 'Last scene';
  const transition = plan.scenes[index].transition;
  const name = labelOf(options.transition, transition.kind);
  return transition.kind === 'cut' ? 'Then: cut to the next scene' : `Then: ${name.toLowerCase()} (${round(transition.duration, 2)} s)`;
}

/** Rewrites every card's transition line (after a duration changed and the transitions were refitted). */
export function updateTransitions(list, plan, options) {
  list.querySelectorAll('[data-role="transition"]').forEach((note, index) => { note.textContent = transitionText(plan, index, options); });
}

function iconButton(symbol, label, disabled, onclick, tool) {
  return h('button', {
    type: 'button', class: `icon-button tool${tool ? ' tool-' + tool : ''}`, 'aria-label': label, title: label, disabled, onclick,
    dataset: { tool: tool || (symbol === '↑' ? 'up' : symbol === '↓' ? 'down' : '') },
  }, symbol);
}
