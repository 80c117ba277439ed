// The audio step: a sound effect per scene from a few words (prefilled from the last run), music on or off, and
// players for what was made. The voices were spoken by the storyboard step.

import { h } from '../ui.js';
import { formatSeconds, shorten } from '../format.js';
import { toggle } from '../landing/controls.js';

export function audioPart(ctx, view) {
  const outputs = ctx.project.workflow.outputs;
  const audio = outputs.audio;
  const scenes = outputs.storyboard?.plan.scenes || [];
  const effects = Object.fromEntries((audio?.effects || []).map((effect) => [effect.sceneId, effect]));
  const music = toggle('studio-music', 'Music under the video',
    audio ? audio.music.length > 0 : ctx.project.workflow.settings.music);
  const inputs = scenes.map((scene, index) => {
    const input = h('input', { id: `effect-${scene.id}`, name: `effect-${scene.id}`, maxlength: 200,
      placeholder: audio ? 'No effect' : 'Left empty: Pixora suggests one from the scene' });
    input.value = effects[scene.id]?.description || '';
    return { scene, index, input };
  });
  const part = {
    // After a run every field counts (empty means none); before the first, empty fields are left to Pixora.
    choices: () => ({
      effects: Object.fromEntries(inputs
        .filter(({ input }) => audio || input.value.trim())
        .map(({ scene, input }) => [scene.id, input.value.trim()])),
      music: music.input.checked,
    }),
  };
  part.body = h('div', { class: 'audio-body' },
    h('ol', { class: 'effect-list', role: 'list' }, inputs.map(({ scene, index, input }) => {
      const made = effects[scene.id];
      return h('li', { class: 'effect-row', dataset: { scene: scene.id } },
        h('div', { class: 'field' },
          h('label', { for: input.id }, `Sound effect for scene ${index + 1}`), input,
          h('span', { class: 'hint' }, shorten(scene.narration, 110))),
        made
          ? h('div', { class: 'effect-made' },
            h('audio', { src: made.url, controls: true, preload: 'none',
              'aria-label': `Sound effect of scene ${index + 1}` }),
            h('span', { class: 'small muted' }, `${formatSeconds(made.duration)} · volume ${made.volume}`))
          : null);
    })),
    h('div', { class: 'music-row' }, music.element,
      (audio?.music || []).map((track) => h('div', { class: 'effect-made' },
        h('audio', { src: track.url, controls: true, preload: 'none', 'aria-label': `Music, part ${track.group + 1}` }),
        h('span', { class: 'small muted' },
          `Music ${track.group + 1} · ${track.mood} · ${formatSeconds(track.duration)}`)))));
  return part;
}
