// An overlay's entrance and exit in the inspector: a kind and a duration each, sent as one
// setOverlayAnimation; both together must fit the overlay's time, so a new one is shortened to fit.

import { h } from '../ui.js';
import { round } from '../format.js';

const KINDS = [['', 'None'], ['fade', 'Fade'], ['slide-up', 'Slide up'], ['slide-left', 'Slide left'], ['pop', 'Pop'], ['typewriter', 'Typewriter']];

export function animationFields(inspector, overlay) {
  const animation = overlay.animation || {};
  const span = overlay.end - overlay.start;
  const commit = (side, step, label) => {
    const next = { ...animation };
    if (step) next[side] = step;
    else delete next[side];
    const other = next[side === 'in' ? 'out' : 'in'];
    if (step && other && step.duration + other.duration > span) step.duration = round(Math.max(0.05, span - other.duration), 2);
    inspector.apply([{ op: 'setOverlayAnimation', id: overlay.id, animation: next }], label);
  };
  const side = (key, title) => {
    const step = animation[key];
    const name = key === 'in' ? 'animIn' : 'animOut';
    return h('div', { class: 'field-pair' },
      inspector.selectField({
        name: `${name}Type`, label: title, value: step?.type || '', options: KINDS,
        onCommit: (type) => commit(key, type ? { type, duration: step?.duration ?? round(Math.min(0.5, span / 2), 2) } : null,
          type ? `Text ${key === 'in' ? 'enters' : 'leaves'} with ${type}` : 'No text animation'),
      }),
      step
        ? inspector.numberField({
          name: `${name}Duration`, label: 'Duration', value: step.duration, min: 0.05, max: round(Math.min(10, span), 2), step: 0.1,
          onCommit: (duration) => commit(key, { type: step.type, duration }, `Text animation lasts ${duration.toFixed(1)} s`),
        })
        : h('span'));
  };
  return [h('h4', { class: 'inspector-subhead' }, 'Animation'), side('in', 'Entrance'), side('out', 'Exit')];
}
