// The landing page's form controls: a radio group drawn as a segmented control, a select and a switch.

import { h } from '../ui.js';

/** A radio group drawn as a segmented control; options [{value, label, hint?, icon?}]. */
export function segmented(name, legend, options, selected) {
  const inputs = [];
  const element = h('fieldset', { class: 'field segmented-field' },
    h('legend', {}, legend),
    h('div', { class: 'segmented' }, options.map((option) => {
      const id = `${name}-${option.value.replace(/[^a-z0-9]/gi, '')}`;
      const input = h('input', { type: 'radio', name, id, value: option.value, checked: option.value === selected });
      inputs.push(input);
      return h('label', { for: id, class: 'segment', title: option.hint || null },
        input, option.icon || null,
        h('span', { class: 'segment-label' }, option.label),
        option.hint ? h('span', { class: 'segment-hint' }, option.hint) : null);
    })));
  return {
    element,
    value: () => inputs.find((input) => input.checked)?.value || options[0].value,
    set: (value) => { for (const input of inputs) input.checked = input.value === value; },
  };
}

/** A select of choices [{value, label}]. */
export function select(name, options, selected) {
  const element = h('select', { id: name, name }, options.map((option) => h('option', { value: option.value }, option.label)));
  element.value = selected;
  return element;
}

/** A checkbox drawn as a switch. */
export function toggle(name, label, checked) {
  const input = h('input', { type: 'checkbox', id: name, name, role: 'switch', checked });
  return { input, element: h('label', { class: 'switch', for: name }, input, h('span', { class: 'switch-track', 'aria-hidden': 'true' }), h('span', {}, label)) };
}
