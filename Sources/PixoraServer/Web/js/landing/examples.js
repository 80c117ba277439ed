// The landing page's example prompts: one click puts an example in the prompt box.

import { h } from '../ui.js';

const EXAMPLES = [
  { label: 'How bees make honey', prompt: 'How bees make honey: from flower nectar to the honeycomb, explained simply for curious kids.' },
  { label: 'Morning routine', prompt: 'A calm, inspiring morning routine for a productive day: water, stretching, a short walk and planning three tasks.' },
  { label: 'Volcanoes', prompt: 'Why volcanoes erupt: magma, pressure and plate tectonics, with a dramatic look at famous eruptions.' },
  { label: 'Coffee shop ad', prompt: 'A playful 20-second ad for a neighbourhood coffee shop that roasts its own beans, vertical for social media.' },
  { label: 'Saving money', prompt: 'Five practical tips to save money every month without feeling deprived.' },
  { label: 'The water cycle', prompt: 'The water cycle: evaporation, clouds, rain and rivers returning to the sea.' },
];

/** The chips of the example prompts; `onPick(prompt)` when one is chosen. */
export function examplePrompts(onPick) {
  return h('div', { class: 'example-list', role: 'group', 'aria-labelledby': 'examples-label' },
    EXAMPLES.map((example) => h('button', {
      type: 'button', class: 'chip', title: example.prompt, onclick: () => onPick(example.prompt),
    }, example.label)));
}
