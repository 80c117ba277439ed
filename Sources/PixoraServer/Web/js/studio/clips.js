// The clips step: a video model per scene chosen from the catalogue (what each can do: start and end frame, clip
// lengths, price per second, offline or cloud), the route each scene took with its fallbacks and caveats, and the
// clips themselves.

import { h } from '../ui.js';
import { formatCredits, round, shorten } from '../format.js';

/** "any length up to 30 s" or "5 or 10 s". */
function lengths(model) {
  if (!model.clipLengths.length) return 'any length up to 30 s';
  const values = model.clipLengths.map((value) => `${value}`);
  return `${values.slice(0, -1).join(', ')}${values.length > 1 ? ' or ' : ''}${values[values.length - 1]} s`;
}

/** What a model can do, in one line. */
export function capabilities(model) {
  return [
    `End frame: ${model.endFrame ? 'yes' : 'no'}`,
    `Start frame: ${model.startFrame ? 'yes' : 'no'}`,
    `Lengths: ${lengths(model)}`,
    `${formatCredits(model.creditsPerSecond)} per second`,
    model.offline ? 'offline' : `cloud (${model.provider})`,
    model.available ? null : 'not configured on this server',
  ].filter(Boolean).join(' · ');
}

export function clipsPart(ctx, view) {
  const outputs = ctx.project.workflow.outputs;
  const models = ctx.models || [];
  const chosen = (ctx.choices.clips ||= {});
  const part = {
    choices: () => (Object.keys(chosen).length ? { models: { ...chosen } } : {}),
  };
  const scenes = outputs.storyboard?.plan.scenes || [];
  const made = Object.fromEntries((outputs.clips?.scenes || []).map((clip) => [clip.sceneId, clip]));
  const byId = Object.fromEntries(models.map((model) => [model.id, model]));

  const rows = scenes.map((scene, index) => {
    const number = index + 1;
    const clip = made[scene.id];
    const id = `model-${scene.id}`;
    const select = h('select', { id, name: id, disabled: view.state === 'locked' },
      h('option', { value: '' }, 'Automatic (Pixora picks)'),
      models.map((model) => h('option', { value: model.id },
        `${model.name} · ${model.available ? `${formatCredits(model.creditsPerSecond)}/s` : 'not configured here'}`)));
    select.value = chosen[scene.id] || '';
    const about = h('p', { class: 'model-capabilities small', id: `${id}-about` });
    const describe = () => {
      const model = byId[select.value] || byId[clip?.route.model];
      const routed = select.value ? '' : `Last routed to ${model?.name}. `;
      about.textContent = model ? `${routed}${capabilities(model)}` : '';
    };
    select.setAttribute('aria-describedby', about.id);
    select.addEventListener('change', () => {
      if (select.value) chosen[scene.id] = select.value;
      else delete chosen[scene.id];
      describe();
    });
    describe();
    return h('li', { class: 'clip-row', dataset: { scene: scene.id } },
      h('div', { class: 'clip-choice' },
        h('h3', {}, `Scene ${number}`),
        h('p', { class: 'small muted' }, shorten(scene.visual, 120)),
        h('div', { class: 'field' }, h('label', { for: id }, `Model for scene ${number}`), select, about)),
      clip ? madeClip(clip, number, byId) : h('p', { class: 'clip-empty muted small' }, 'No clip yet.'));
  });

  part.body = h('div', { class: 'clips-body' },
    h('ol', { class: 'clip-list', role: 'list' }, rows),
    catalogue(models));
  return part;
}

/** The clip that was made: its player, the model (and route), credits and what could not be honoured. */
function madeClip(clip, number, byId) {
  const route = clip.route;
  const name = (id) => byId[id]?.name || id;
  return h('div', { class: 'clip-made' },
    h('video', { class: 'clip-player', src: clip.clipUrl, controls: true, preload: 'metadata', playsinline: true,
      muted: true, 'aria-label': `Clip of scene ${number}` }),
    h('p', { class: 'small clip-route' },
      `Made on ${name(clip.model)}`,
      clip.model !== route.model ? ` (routed to ${name(route.model)}, which failed)` : '',
      ` · ${round(route.clipLength, 1)} s · ${formatCredits(route.credits)}`,
      route.fallbacks.length ? ` · fallbacks: ${route.fallbacks.map(name).join(', ')}` : ''),
    route.caveats.length
      ? h('ul', { class: 'caveats small', 'aria-label': `Caveats of scene ${number}` },
        route.caveats.map((caveat) => h('li', {}, caveat)))
      : null);
}

/** Every model with its capabilities, for reading before choosing. */
function catalogue(models) {
  return h('details', { class: 'model-catalogue' },
    h('summary', {}, `The model catalogue (${models.length})`),
    h('div', { class: 'table-scroll' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Model', 'Start frame', 'End frame', 'Lengths', 'Aspect ratios', 'Price', 'Here']
        .map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, models.map((model) => h('tr', { class: model.available ? null : 'unavailable' },
        h('th', { scope: 'row' }, model.name, h('span', { class: 'muted small' }, ` ${model.provider}`)),
        h('td', {}, model.startFrame ? 'yes' : 'no'),
        h('td', {}, model.endFrame ? 'yes' : 'no'),
        h('td', {}, lengths(model)),
        h('td', {}, model.aspectRatios.join(', ')),
        h('td', {}, `${formatCredits(model.creditsPerSecond)}/s`),
        h('td', {}, model.available ? (model.offline ? 'offline' : 'configured') : 'not configured')))))));
}
