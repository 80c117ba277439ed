// The storyboard step: the script as scenes (narration, what the picture shows, length as the narration needs
// it). The words can be changed in place and run again with them; otherwise a new run writes a fresh storyboard.

import { h } from '../ui.js';
import { formatSeconds } from '../format.js';
import { runStep, busy } from './actions.js';
import { blockReason } from './step-state.js';

export function storyboardPart(ctx, view) {
  const storyboard = ctx.project.workflow.outputs.storyboard;
  const part = {
    choices: () => (view.runs ? { seed: view.runs + 1 } : {}),
  };
  if (!storyboard) return part;
  const plan = storyboard.plan;
  const lengths = Object.fromEntries(storyboard.voices.map((voice) => [voice.sceneId, voice.duration]));
  const fields = [];
  const rows = plan.scenes.map((scene, index) => {
    const number = index + 1;
    const narration = h('textarea', { id: `narration-${scene.id}`, rows: 3, maxlength: 2000 });
    narration.value = scene.narration;
    const visual = h('textarea', { id: `visual-${scene.id}`, rows: 3, maxlength: 1000 });
    visual.value = scene.visual;
    fields.push({ scene, narration, visual });
    for (const input of [narration, visual]) {
      input.addEventListener('input', () => { editRun.disabled = !edited() || blocked; });
    }
    return h('li', { class: 'storyboard-scene', dataset: { scene: scene.id } },
      h('div', { class: 'scene-head' },
        h('h3', {}, `Scene ${number}`),
        h('span', { class: 'scene-length' }, formatSeconds(lengths[scene.id] ?? scene.duration))),
      h('div', { class: 'scene-texts' },
        h('div', { class: 'field' }, h('label', { for: narration.id }, `Narration of scene ${number}`), narration),
        h('div', { class: 'field' }, h('label', { for: visual.id }, `Picture of scene ${number}`), visual)));
  });
  const edited = () => fields.some(({ scene, narration, visual }) =>
    narration.value !== scene.narration || visual.value !== scene.visual);
  const blocked = Boolean(blockReason(ctx.project, view)) || view.state === 'running';
  const editRun = h('button', {
    type: 'button', class: 'button', disabled: true,
    onclick: () => busy(editRun, () => runStep(ctx, 'storyboard', view.title, {
      plan: {
        ...plan,
        scenes: fields.map(({ scene, narration, visual }) =>
          ({ ...scene, narration: narration.value, visual: visual.value })),
      },
    })),
  }, 'Run again with my words');
  part.extraActions = editRun;
  part.body = h('div', { class: 'storyboard-body' },
    h('h3', { class: 'plan-title' }, plan.title),
    plan.summary ? h('p', { class: 'muted' }, plan.summary) : null,
    h('ol', { class: 'storyboard-scenes', role: 'list' }, rows),
    h('p', { class: 'small muted storyboard-total' },
      `${rows.length} scenes · ${formatSeconds(Object.values(lengths).reduce((sum, value) => sum + value, 0))}`));
  return part;
}
