// The director agent's steps on the progress page (agent mode): each tool call with its arguments and what came
// of it, and the model's thoughts, in order, from the job's progress (so a reload shows them all). Every text was
// written by the model: it is set as text, never as markup.

import { h, useStyles } from '../ui.js';

const TOOL_LABELS = {
  write_script: 'Wrote the script',
  plan_scenes: 'Planned the scenes',
  revise_scene: 'Revised a scene',
  set_transition: 'Chose a transition',
  generate_media: 'Made the media',
  apply_edits: 'Edited the timeline',
  finish: 'Finished',
};

/** The steps panel, hidden until the first step; `update(steps)` draws what is new. */
export function agentStepsPanel() {
  useStyles('/css/agent.css');
  const list = h('ol', { class: 'agent-steps', 'aria-live': 'polite' });
  const element = h('section', { class: 'card agent-card', 'aria-labelledby': 'agent-title', hidden: true },
    h('h2', { id: 'agent-title' }, 'The director at work'),
    h('p', { class: 'hint' }, 'A language model makes this video with tools: what it calls, and what came of it.'),
    list);
  return {
    element,
    update(steps) {
      if (!Array.isArray(steps) || steps.length === list.children.length) return;
      // Steps are only ever added: draw the new ones (a shorter list means another job, so start over).
      if (steps.length < list.children.length) list.replaceChildren();
      for (const step of steps.slice(list.children.length)) list.append(stepItem(step));
      element.hidden = false;
    },
  };
}

function stepItem(step) {
  const round = h('span', { class: 'agent-round', title: `Step ${step.round}` }, String(step.round));
  if (step.kind === 'thought') {
    return h('li', { class: 'agent-step thought', dataset: { kind: 'thought' } },
      round, h('p', { class: 'agent-summary' }, step.summary));
  }
  return h('li', { class: 'agent-step', dataset: { kind: 'tool', tool: step.tool || '' } },
    round,
    h('div', { class: 'agent-body' },
      h('p', { class: 'agent-tool' },
        h('strong', {}, TOOL_LABELS[step.tool] || 'Called a tool'), ' ',
        h('code', { class: 'agent-name' }, step.tool || '')),
      shownArguments(step) ? h('p', { class: 'agent-arguments' }, h('code', {}, step.arguments)) : null,
      h('p', { class: 'agent-summary' }, step.summary)));
}

/** Arguments worth a line: not a call without any. */
function shownArguments(step) {
  return Boolean(step.arguments) && step.arguments !== '{}';
}
