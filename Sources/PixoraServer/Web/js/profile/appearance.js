// The profile's appearance card: system, light or dark, in step with the header's theme button.

import { h } from '../ui.js';
import { themePreference, setTheme } from '../theme.js';

export function appearanceSection(teardown) {
  const options = [
    ['system', 'System', 'Follows your device', '◐'],
    ['light', 'Light', 'Bright surfaces', '☀'],
    ['dark', 'Dark', 'Easy on the eyes at night', '☾'],
  ];
  const radios = [];
  const fieldset = h('fieldset', { class: 'theme-options' },
    h('legend', { class: 'visually-hidden' }, 'Theme'),
    options.map(([value, label, note, icon]) => {
      const input = h('input', { type: 'radio', name: 'theme', value, id: `theme-${value}`, checked: themePreference() === value });
      input.addEventListener('change', () => {
        if (input.checked) setTheme(value);
      });
      radios.push(input);
      return h('label', { class: `theme-option theme-${value}`, for: `theme-${value}` },
        input,
        h('span', { class: 'theme-swatch', 'aria-hidden': 'true' }, h('span', {}, icon)),
        h('span', { class: 'theme-text' }, h('span', { class: 'theme-name' }, label), h('span', { class: 'hint' }, note)));
    }));
  // The header's theme button changes the same setting: keep the radios in step with it.
  const sync = () => {
    for (const radio of radios) radio.checked = radio.value === themePreference();
  };
  window.addEventListener('pixora-theme', sync);
  teardown.push(() => window.removeEventListener('pixora-theme', sync));
  return h('section', { class: 'card profile-appearance', 'aria-labelledby': 'appearance-title' },
    h('div', { class: 'appearance-text' },
      h('h2', { id: 'appearance-title' }, 'Appearance'),
      h('p', { class: 'hint' }, 'Choose how Pixora looks on this device. The button in the header switches it too.')),
    fieldset);
}
