// A studio step's state as people read it: a word and a mark as well as a colour (the colour alone says nothing to
// a screen reader or to someone who cannot tell the colours apart), and why a locked step waits.

import { h } from '../ui.js';

export const STEP_STATES = Object.fromEntries([
  ['locked', 'Locked', '–'], ['ready', 'Ready', '○'], ['running', 'Running', '◔'], ['paused', 'Paused', '‖'],
  ['review', 'To review', '◐'],
  ['done', 'Done', '✓'], ['stale', 'Out of date', '↻'], ['failed', 'Failed', '!'],
].map(([state, label, mark]) => [state, { label, mark }]));

/** The state's badge: mark (decorative) and word. */
export function stepBadge(state) {
  const known = STEP_STATES[state] || { label: state, mark: '?' };
  return h('span', { class: `badge step-badge step-${state}` },
    h('span', { class: 'step-mark', 'aria-hidden': 'true' }, known.mark), known.label);
}

/** The step view of `step` in the project's workflow. */
export function stepView(project, step) {
  return project.workflow.steps.find((view) => view.step === step);
}

/** "Waits for the Idea step to be approved." for a locked step, else null. */
export function waitReason(project, view) {
  if (view.state !== 'locked') return null;
  const missing = view.missing ? stepView(project, view.missing) : null;
  return `Waits for the ${missing?.title || view.missing || 'previous'} step to be approved.`;
}

/** The step whose run is under way or paused, if any: it keeps every other step from running. */
export function activeStep(project) {
  return project.workflow.steps.find((view) => view.state === 'running' || view.state === 'paused') || null;
}

/** Why `view` cannot run now (locked, or another step is running or paused), else null. */
export function blockReason(project, view) {
  const active = activeStep(project);
  if (active && active.step !== view.step) {
    return active.state === 'paused'
      ? `The ${active.title} step is paused; resume it or cancel it first.`
      : `The ${active.title} step is running; wait for it to finish.`;
  }
  return waitReason(project, view);
}
