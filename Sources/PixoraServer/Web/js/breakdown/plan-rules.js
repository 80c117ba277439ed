// The rules a plan keeps while it is edited in the breakdown: scene lengths and counts, transitions that fit
// their neighbours, the price as the server computes it, and what the server would refuse.

import { plannedLength } from '../timing.js';

export const MIN_SCENE = 1.5;
export const MAX_SCENE = 30;
const MAX_TRANSITION = 3;
export const MAX_SCENES = 40;
export const MAX_NARRATION = 1200;

/** Keeps a plan valid after edits: scene lengths in range and each transition fitting its neighbours. */
export function normalize(plan) {
  const scenes = plan.scenes;
  for (const scene of scenes) {
    scene.duration = Math.min(MAX_SCENE, Math.max(MIN_SCENE, Number(scene.duration) || 5));
    if (!Number.isInteger(scene.musicGroup) || scene.musicGroup < 0) scene.musicGroup = 0;
    if (!scene.transition) scene.transition = { kind: 'cut', duration: 0 };
    if (scene.keyPhrase === undefined) scene.keyPhrase = '';
  }
  scenes.forEach((scene, index) => {
    const transition = scene.transition;
    if (transition.kind === 'cut') {
      transition.duration = 0;
      return;
    }
    const next = scenes[index + 1];
    if (!next) return;
    const limit = Math.min(MAX_TRANSITION, Math.min(scene.duration, next.duration) / 2);
    // Rounded down so the server's check (overlap ≤ limit) passes.
    if (transition.duration > limit) transition.duration = Math.floor(limit * 100) / 100;
    if (transition.duration < 0) transition.duration = 0;
  });
}

/**
 * The server's rule (PixoraCore Pricing.price(for: Plan)): `rate` credits per second of the target, or of the planned
 * length once edits make the plan more than 10% longer. The server charges its own figure; this only shows it.
 */
export function priceOf(plan, rate = 1) {
  const target = Number(plan.settings.durationSeconds) || 0;
  const planned = plannedLength(plan.scenes);
  return Math.ceil((planned > target * 1.1 ? planned : target) * rate);
}

/** A scene id the plan does not use yet. */
export function newSceneId(plan) {
  const taken = new Set(plan.scenes.map((scene) => scene.id));
  let id;
  do id = `scene-${Math.random().toString(36).slice(2, 8)}`; while (taken.has(id));
  return id;
}

/** A seed for the planner: another seed makes another plan. */
export function randomSeed() {
  return Math.floor(Math.random() * 2 ** 31) + 1;
}

/** Checks what the server would refuse; returns {"scenes[1].visual": "…"} style problems. */
export function localProblems(plan) {
  const problems = {};
  if (!plan.title.trim()) problems.title = 'Give the video a title.';
  plan.scenes.forEach((scene, index) => {
    const base = `scenes[${index}]`;
    if (!scene.visual.trim()) problems[`${base}.visual`] = 'Describe what this scene shows.';
    if (scene.narration.length > MAX_NARRATION) problems[`${base}.narration`] = `At most ${MAX_NARRATION} characters.`;
    if (!(scene.duration >= MIN_SCENE && scene.duration <= MAX_SCENE)) problems[`${base}.duration`] = `Between ${MIN_SCENE} and ${MAX_SCENE} seconds.`;
  });
  return problems;
}

/**
 * Places the server's problems (keys with or without the "plan." prefix) on the plan: {errors} keyed like the
 * fields of the cards, and `unplaced` sentences for what has no place on a card.
 */
export function placeProblems(plan, problems) {
  const errors = {};
  const unplaced = [];
  for (const [rawKey, text] of Object.entries(problems)) {
    const key = rawKey.replace(/^plan\./, '');
    const match = key.match(/^scenes\[(\d+)\](?:\.(.+))?$/);
    if (key === 'title') errors.title = text;
    else if (match && Number(match[1]) < plan.scenes.length) {
      const field = match[2] || '';
      const known = ['narration', 'visual', 'duration', 'transition.duration', 'id'];
      // Fields without an input of their own get a label so the words make sense on the card.
      const labels = { 'transition.duration': 'Transition into the next scene', id: 'Scene id' };
      const shown = labels[field] ? `${labels[field]}: ${text}` : (field && !known.includes(field) ? `${field} ${text}` : text);
      errors[known.includes(field) ? `scenes[${match[1]}].${field}` : `scenes[${match[1]}]`] = shown;
    } else unplaced.push(`${key} ${text}.`);
  }
  return { errors, unplaced };
}

/** A planner error in words; a 422's field problems become one sentence. */
export function planErrorText(error) {
  const entries = Object.entries(error.fields || {});
  if (error.status === 422 && entries.length) {
    return { name: 'ApiError', message: `The plan could not be made: ${entries.map(([field, message]) => `${field.replace(/^settings\./, '')} ${message}`).join('; ')}.` };
  }
  return error;
}
