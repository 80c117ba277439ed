// A remix plan version as the user reads it: title, summary, length, scene count and price, then each scene
// with its length, mood, camera motion, transition, narration, picture and which generator makes it and why.

import { h } from '../ui.js';
import { capitalize, formatCredits, plural, round } from '../format.js';
import { plannedLength } from '../timing.js';

const MOTION = {
  zoomIn: 'Zoom in', zoomOut: 'Zoom out', panLeft: 'Pan left', panRight: 'Pan right', panUp: 'Pan up', panDown: 'Pan down',
};
const SOURCE = { analysis: 'made from the analysis', chat: 'changed in the chat', restore: 'restored' };

/** The card of plan version `version` (with its plan). */
export function planView(version) {
  const plan = version.plan;
  const scenes = plan?.scenes || [];
  const length = version.plannedSeconds || plannedLength(scenes);
  const settings = plan?.settings || {};
  return h('section', { class: 'card plan-view', 'aria-labelledby': 'plan-title', dataset: { version: String(version.number) } },
    h('div', { class: 'card-head' },
      h('h3', { id: 'plan-title' }, plan?.title || 'Plan'),
      h('span', { class: 'badge plan-version-badge' }, `Version ${version.number}`)),
    h('p', { class: 'muted small plan-source' }, `${capitalize(SOURCE[version.source] || version.source)}${version.note ? ` — ${version.note}` : ''}`),
    plan?.summary ? h('p', { class: 'plan-summary' }, plan.summary) : null,
    h('ul', { class: 'chips plan-totals', 'aria-label': 'The plan in figures' },
      h('li', { class: 'chip static plan-length' }, `${round(length, 1)} s`),
      h('li', { class: 'chip static plan-scene-count' }, plural(version.sceneCount ?? scenes.length, 'scene')),
      h('li', { class: 'chip static plan-price' }, `${formatCredits(version.price)} per video`),
      settings.aspectRatio ? h('li', { class: 'chip static' }, settings.aspectRatio) : null,
      settings.style ? h('li', { class: 'chip static' }, capitalize(settings.style)) : null,
      settings.tone ? h('li', { class: 'chip static' }, capitalize(settings.tone)) : null,
      settings.music === false ? h('li', { class: 'chip static' }, 'No music') : null,
      plan?.media?.character ? h('li', { class: 'chip static' }, 'Your character') : null,
      plan?.media?.music ? h('li', { class: 'chip static' }, 'Your music') : null,
      plan?.media?.voiceOver ? h('li', { class: 'chip static' }, 'Your voice-over') : null),
    h('ol', { class: 'plan-scenes' }, scenes.map((scene, index) => sceneItem(scene, index, index === scenes.length - 1))));
}

function sceneItem(scene, index, last) {
  const transition = scene.transition;
  return h('li', { class: 'plan-scene', dataset: { id: scene.id } },
    h('div', { class: 'plan-scene-head' },
      h('span', { class: 'scene-number', 'aria-hidden': 'true' }, String(index + 1)),
      h('h4', {}, h('span', { class: 'visually-hidden' }, `Scene ${index + 1}: `), h('span', { class: 'scene-duration' }, `${round(scene.duration, 1)} s`)),
      h('span', { class: 'chip static scene-mood' }, capitalize(scene.mood)),
      scene.motion ? h('span', { class: 'chip static scene-motion' }, MOTION[scene.motion] || scene.motion) : null,
      !last && transition ? h('span', { class: 'muted small scene-transition' },
        transition.kind === 'cut' ? 'then a cut' : `then ${transition.kind} ${round(transition.duration || 0, 1)} s`) : null),
    scene.narration ? h('p', { class: 'scene-narration' }, h('span', { class: 'muted' }, 'Narration: '), scene.narration)
      : h('p', { class: 'scene-narration muted' }, 'No narration.'),
    h('p', { class: 'scene-visual small' }, h('span', { class: 'muted' }, 'Picture: '), scene.visual),
    scene.generator ? h('p', { class: 'scene-generator small' },
      h('code', {}, scene.generator.id), ' — ', scene.generator.reason) : null);
}
