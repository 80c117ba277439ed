// The frames step: a start and an end picture per scene, side by side, each with its own "redraw" (a run of the
// step for that one frame, priced and confirmed like any run).

import { h } from '../ui.js';
import { shorten } from '../format.js';
import { runStep, busy } from './actions.js';
import { blockReason } from './step-state.js';

export function framesPart(ctx, view) {
  const frames = ctx.project.workflow.outputs.frames;
  const part = {};
  if (!frames) return part;
  const scenes = ctx.project.workflow.outputs.storyboard?.plan.scenes || [];
  const numbers = ctx.sceneNumbers();
  const blocked = Boolean(blockReason(ctx.project, view)) || view.state === 'running';

  const picture = (scene, number, moment, url, variation) => {
    const word = moment === 'start' ? 'Start' : 'End';
    const redraw = h('button', {
      type: 'button', class: 'button small', disabled: blocked,
      'aria-label': `Redraw the ${moment} frame of scene ${number}`,
      onclick: () => busy(redraw, () => runStep(ctx, 'frames', `Redraw the ${moment} frame of scene ${number}`,
        { scene: scene.sceneId, frame: moment })),
    }, `Redraw ${moment}`);
    return h('figure', { class: `frame frame-${moment}` },
      h('img', { src: url, alt: `${word} frame of scene ${number}`, loading: 'lazy' }),
      h('figcaption', {},
        h('span', {}, word, variation ? h('span', { class: 'muted small' }, ` · take ${variation + 1}`) : null),
        redraw));
  };

  part.body = h('ol', { class: 'frame-grid', role: 'list' }, frames.scenes.map((scene) => {
    const number = numbers[scene.sceneId] || scene.sceneId;
    const planScene = scenes.find((item) => item.id === scene.sceneId);
    return h('li', { class: 'frame-row', dataset: { scene: scene.sceneId } },
      h('div', { class: 'frame-row-head' }, h('h3', {}, `Scene ${number}`),
        planScene ? h('p', { class: 'small muted' }, shorten(planScene.visual, 140)) : null),
      h('div', { class: 'frame-pair' },
        picture(scene, number, 'start', scene.startFrame, scene.startVariation),
        h('span', { class: 'frame-arrow', 'aria-hidden': 'true' }, '→'),
        picture(scene, number, 'end', scene.endFrame, scene.endVariation)));
  }));
  return part;
}
