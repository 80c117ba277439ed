// The preview's scene strip: a button per scene (picture, start time, key phrase) that seeks the player, the
// scene being played marked. Starts come from the edited timeline when there is one, else from the plan.

import { h, mount } from '../ui.js';
import { formatDuration, shorten } from '../format.js';
import { assetOf } from '../scenes.js';
import { clipStarts, overlap, plannedLength } from '../timing.js';

export async function loadSceneNav(ctx, current, videoElement, strip, section) {
  let scenes = [];
  try {
    scenes = (await ctx.get('/scenes')).scenes || [];
  } catch (error) {
    if (error.name === 'AbortError') return;
  }
  let items = null;
  try {
    const editor = await ctx.get(`/editor${current.currentVersion ? `?version=${current.currentVersion}` : ''}`);
    items = itemsFromEditor(editor.editorState, scenes);
  } catch (error) {
    if (error.name === 'AbortError') return;
    // No editor endpoint or no state: the plan's scene lengths, scaled to the real video length.
  }
  if (!items) items = itemsFromPlan(current, scenes);
  if (ctx.disposed) return;
  if (!items.length) {
    section.hidden = true;
    return;
  }
  const buttons = [];
  mount(strip, items.map((item, index) => {
    const button = h('button', {
      type: 'button', class: 'strip-item',
      'aria-label': `Scene ${index + 1}${item.title ? `: ${item.title}` : ''}, starts at ${formatDuration(item.start)}`,
      onclick: () => {
        videoElement.currentTime = item.start + 0.01;
        if (videoElement.paused) videoElement.play().catch(() => {});
      },
    },
      h('span', { class: 'strip-thumb' },
        item.image ? h('img', { src: item.image, alt: '', loading: 'lazy' }) : null,
        h('span', { class: 'strip-time' }, formatDuration(item.start))),
      h('span', { class: 'strip-title' }, h('b', {}, `${index + 1}`), ' ', item.title || `Scene ${index + 1}`));
    buttons.push(button);
    return h('li', {}, button);
  }));
  // Marks the scene being played.
  videoElement.addEventListener('timeupdate', () => {
    const time = videoElement.currentTime;
    let active = 0;
    items.forEach((item, index) => { if (time + 0.05 >= item.start) active = index; });
    buttons.forEach((button, index) => {
      if (index === active) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    });
  });
}

/** Scene starts from the editor state: clip i starts at Σ durations before − Σ overlaps before. */
function itemsFromEditor(state, scenes) {
  if (!state?.clips?.length) return null;
  const starts = clipStarts({ clips: state.clips, transitions: state.transitions || [] });
  return state.clips.map((clip, index) => {
    const scene = scenes.find((entry) => entry.scene?.id === clip.sceneId || entry.id === clip.sceneId)
      || scenes.find((entry) => (entry.assets || []).some((asset) => asset.key === clip.asset));
    return { start: starts[index], ...sceneLook(scene) };
  });
}

/** Scene starts from the plan, scaled to the rendered length (narration may have lengthened scenes). */
function itemsFromPlan(video, scenes) {
  const planScenes = video.plan?.scenes || scenes.map((entry) => entry.scene).filter(Boolean);
  if (!planScenes.length) return [];
  const planned = plannedLength(planScenes);
  const scale = video.durationSeconds && planned > 0 ? video.durationSeconds / planned : 1;
  let time = 0;
  return planScenes.map((planScene, index) => {
    const scene = scenes.find((entry) => entry.scene?.id === planScene.id) || scenes[index];
    const item = { start: time * scale, ...sceneLook(scene, planScene) };
    time += planScene.duration - (index < planScenes.length - 1 ? overlap(planScene.transition) : 0);
    return item;
  });
}

function sceneLook(scene, planScene) {
  const content = scene?.scene || planScene || {};
  const image = assetOf(scene, 'image')?.url || null;
  return { title: shorten(content.keyPhrase || content.narration || content.visual || '', 48), image };
}
