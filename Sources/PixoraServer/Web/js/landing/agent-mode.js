// The landing form's "How to make it" choice: review the scenes first (the breakdown page), or let the director
// agent make the whole video on its own. Offered only when the server has a language model for it
// (GET /settings/options: agent.available).

import { api } from '../api.js';
import { confirmDialog, useStyles } from '../ui.js';
import { segmented } from './controls.js';

/** The choice, or null when the server has no agent; {element, value()} ('pipeline' or 'agent'). */
export function agentModeChoice(options, selected) {
  if (!options.agent?.available) return null;
  useStyles('/css/agent.css');
  const choice = segmented('mode', 'How to make it', [
    { value: 'pipeline', label: 'Review scenes first', hint: 'Plan, edit, then generate' },
    { value: 'agent', label: 'Agent', hint: 'Fully automatic' },
  ], selected === 'agent' ? 'agent' : 'pipeline');
  return { element: choice.element, value: choice.value };
}

/**
 * Asks to confirm the price, then creates the video in agent mode; resolves to the new video, or null when the
 * person changed their mind. `key` makes a repeated click create it once.
 */
export async function createWithAgent({ prompt, settings, key }) {
  let rate = 1;
  try {
    const pricing = await api('/pricing', { auth: false });
    if (typeof pricing?.creditsPerSecond === 'number') rate = pricing.creditsPerSecond;
  } catch {
    // The standard rate; the server charges what it charges and the answer shows it.
  }
  const price = Math.ceil(settings.durationSeconds * rate);
  const ok = await confirmDialog({
    title: 'Make it with the agent?',
    message: 'The director agent writes the script, plans the scenes, makes the media and edits the timeline on '
      + `its own. It costs ${price} credits, returned if it does not finish.`,
    confirm: 'Start the agent',
  });
  if (!ok) return null;
  return api('/videos', {
    method: 'POST',
    body: { prompt, settings, mode: 'agent' },
    headers: { 'Idempotency-Key': key },
  });
}
