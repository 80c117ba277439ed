// The breakdown's scene list and its structural edits: drawing the cards, moving, adding and removing scenes
// (with Undo for the last removal), each followed by refitted transitions, a saved draft and a new price.

import { h, mount } from '../ui.js';
import { shorten } from '../format.js';
import { MAX_SCENES, normalize, newSceneId } from './plan-rules.js';
import { sceneCard, updateTransitions } from './scene-card.js';

/**
 * The list's actions for the page `view`: page, plan, list, errors, options, markEdited(), persist(),
 * updateAside(), announce(text). Returns {draw(), undoBar(), forgetRemoval()}.
 */
export function sceneEdits(view) {
  let removed = null; // {scene, index} of the last removal, for Undo

  // What a scene card reads and calls.
  const cardView = {
    get plan() { return view.plan; },
    get list() { return view.list; },
    get options() { return view.options; },
    errors: view.errors,
    markEdited: view.markEdited,
    durationChanged,
    move,
    addAfter,
    remove,
  };

  function durationChanged() {
    normalize(view.plan);
    view.markEdited();
    updateTransitions(view.list, view.plan, view.options);
    view.updateAside();
  }

  function undoBar() {
    if (!removed) return null;
    const { index, scene } = removed;
    const name = scene.keyPhrase ? ` (“${shorten(scene.keyPhrase, 40)}”)` : '';
    return h('div', { class: 'undo-bar', role: 'status' },
      h('span', {}, `Scene ${index + 1}${name} removed.`),
      h('button', { type: 'button', class: 'button small', onclick: undoRemove }, 'Undo'));
  }

  function draw() {
    const { page, plan, list } = view;
    mount(list, plan.scenes.map((scene, index) => sceneCard(cardView, scene, index)));
    const bar = page.querySelector('.undo-bar');
    const fresh = undoBar();
    if (bar && fresh) bar.replaceWith(fresh);
    else if (bar) bar.remove();
    else if (fresh) list.before(fresh);
    const count = page.querySelector('.scene-list-head .count');
    if (count) count.textContent = String(plan.scenes.length);
  }

  /** After any structural edit: transitions refitted, saved, drawn, re-priced. */
  function refit() {
    normalize(view.plan);
    view.markEdited();
    view.persist();
    draw();
    view.updateAside();
  }

  /** After scenes were added or moved. */
  function restructured() {
    // Errors are keyed by position: after a change of order they would point at the wrong scene.
    view.errors.reset();
    removed = null;
    refit();
  }

  /** Moves a scene; `via` says what to focus afterwards ('up'/'down' buttons, the card, or a drop). */
  function move(from, to, via) {
    const plan = view.plan;
    const [scene] = plan.scenes.splice(from, 1);
    plan.scenes.splice(to, 0, scene);
    restructured();
    const card = view.list.children[to];
    const button = via === 'up' || via === 'down' ? card.querySelector(`[data-tool="${via}"]`) : null;
    (button && !button.disabled ? button : card).focus();
    view.announce(`Scene moved to position ${to + 1} of ${plan.scenes.length}.`);
  }

  function addAfter(index) {
    const plan = view.plan;
    if (plan.scenes.length >= MAX_SCENES) return;
    const neighbour = plan.scenes[index];
    const scene = {
      id: newSceneId(plan),
      narration: '',
      visual: '',
      keyPhrase: '',
      mood: neighbour.mood,
      duration: 5,
      musicGroup: Math.max(0, neighbour.musicGroup ?? 0),
      transition: { kind: 'fade', duration: 0.5 },
    };
    plan.scenes.splice(index + 1, 0, scene);
    restructured();
    view.list.children[index + 1].querySelector('textarea').focus();
    view.announce(`Scene ${index + 2} added. Write its narration and visual description.`);
  }

  function remove(index) {
    const plan = view.plan;
    if (plan.scenes.length <= 1) return;
    const [scene] = plan.scenes.splice(index, 1);
    removed = { scene, index };
    view.errors.reset();
    refit();
    const card = view.list.children[Math.min(index, plan.scenes.length - 1)];
    card.focus();
    view.announce(`Scene ${index + 1} removed. Press Undo to bring it back.`);
  }

  function undoRemove() {
    if (!removed) return;
    const plan = view.plan;
    const { scene, index } = removed;
    removed = null;
    if (plan.scenes.some((other) => other.id === scene.id)) scene.id = newSceneId(plan);
    plan.scenes.splice(Math.min(index, plan.scenes.length), 0, scene);
    refit();
    view.list.children[Math.min(index, plan.scenes.length - 1)].focus();
    view.announce(`Scene ${index + 1} is back.`);
  }

  return { draw, undoBar, forgetRemoval: () => { removed = null; } };
}
