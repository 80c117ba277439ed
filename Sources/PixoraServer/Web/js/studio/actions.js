// Running and approving a step: price it with the choices, ask when it costs anything, run it, and show the project
// the server answers with. Every refusal (a locked or busy step, too few credits, a choice the step refuses) is
// shown in the panel in the server's words.

import { refreshUser } from '../app.js';
import { confirmDialog, toast } from '../ui.js';
import { formatCredits } from '../format.js';
import { confirmEstimate } from './estimate.js';

/** Runs `step` with `choices` after the estimate is confirmed; resolves true when it was started. */
export async function runStep(ctx, step, title, choices = {}) {
  ctx.clearMessage();
  try {
    const estimate = await ctx.get(`/steps/${step}/estimate`, { method: 'POST', body: choices });
    if (ctx.disposed || !(await confirmEstimate(estimate, title, ctx.sceneNumbers()))) return false;
    const project = await ctx.get(`/steps/${step}`, { method: 'POST', body: choices });
    if (estimate.credits) refreshUser();
    ctx.show(project);
    return true;
  } catch (error) {
    if (error.name !== 'AbortError') ctx.fail(error);
    return false;
  }
}

/** Approves `step` (with a choice or an edited concept) and moves on to the next step. */
export async function approveStep(ctx, step, body) {
  ctx.clearMessage();
  try {
    const project = await ctx.get(`/steps/${step}/approve`, { method: 'POST', body });
    const steps = project.workflow.steps;
    const next = steps[steps.findIndex((view) => view.step === step) + 1];
    ctx.show(project, next ? next.step : step);
    return true;
  } catch (error) {
    if (error.name !== 'AbortError') ctx.fail(error);
    return false;
  }
}

const MOVED = {
  pause: 'Paused. Resume whenever you like: what was made is kept.',
  resume: 'Resumed: it continues where it stopped.',
  cancel: 'The run is cancelled and its credits are returned.',
};

/** Pauses, resumes or cancels the run of `view` (a cancel asks first); shows the project the server answers. */
export async function moveRun(ctx, view, action) {
  if (action === 'cancel') {
    const ok = await confirmDialog({
      title: `Cancel the ${view.title} run?`,
      message: `It stops now and the ${formatCredits(view.lastRunCredits)} it cost go back to your balance.`,
      confirm: 'Cancel the run',
      cancel: 'Keep it',
      danger: true,
    });
    if (!ok || ctx.disposed) return false;
  }
  ctx.clearMessage();
  try {
    const project = await ctx.get(`/steps/${view.step}/${action}`, { method: 'POST' });
    if (action === 'cancel') refreshUser();
    toast(MOVED[action], 'success');
    ctx.show(project);
    return true;
  } catch (error) {
    if (error.name === 'AbortError') return false;
    // 409: the run ended, or another tab moved it first: show the project as it is now, with the reason.
    if (error.status === 409) ctx.show(await ctx.get());
    ctx.fail(error);
    return false;
  }
}

/** Disables `button` while `work()` runs (a second click does nothing), then enables it again. */
export async function busy(button, work) {
  if (button.disabled) return;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }
}
