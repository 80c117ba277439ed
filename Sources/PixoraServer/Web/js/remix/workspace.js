// The plan workspace of an analyzed remix project: "Make a plan" until there is one, then the newest plan
// version, the chat that changes it, the versions (compare, restore) and generation with the project's videos.
// A change from the chat or a restore replaces the plan, the versions and the price in place.

import { h, mount, loading, failure, errorText, toast } from '../ui.js';
import { planView } from './plan-view.js';
import { chatPanel } from './chat.js';
import { versionsCard } from './versions.js';
import { generatePanel } from './generate.js';

/** Fills `slot` with the workspace of `project` (status analyzed). */
export async function showWorkspace(ctx, project, slot) {
  if (!project.latestPlan) {
    mount(slot, makePlanCard(ctx, project, slot));
    return;
  }
  mount(slot, loading('Loading the plan…'));
  try {
    const [version, versions, chat] = await Promise.all([
      ctx.get(`/plans/${project.latestPlan}`), ctx.get('/plans'), ctx.get('/chat'),
    ]);
    if (ctx.disposed) return;
    drawWorkspace(ctx, slot, { version, versions: versions.items || [], messages: chat.items || [] });
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(slot, failure(new Error(`The plan could not be loaded. ${errorText(error)}`), () => showWorkspace(ctx, project, slot)));
  }
}

function makePlanCard(ctx, project, slot) {
  const topic = h('textarea', { id: 'plan-topic', name: 'topic', rows: 2, maxlength: 500, placeholder: 'Leave empty to use the sample’s own subject' });
  topic.value = project.topic || '';
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'button primary large', id: 'make-plan' }, 'Make a plan');
  const form = h('form', { class: 'card make-plan-card', novalidate: true },
    h('h2', {}, 'Make a plan'),
    h('p', { class: 'muted' }, 'Pixora plans a 9:16 video of at most 60 seconds that follows the sample’s pacing, look and sound strategy. Planning is free; you see the price before generating.'),
    h('div', { class: 'field' }, h('label', { for: 'plan-topic' }, 'Topic ', h('span', { class: 'hint' }, '(optional)')), topic),
    error, button);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    button.disabled = true;
    button.replaceChildren(h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Planning…');
    const text = topic.value.trim();
    try {
      await ctx.get('/plans', { method: 'POST', body: text && text !== project.topic ? { topic: text } : {} });
      const fresh = await ctx.get();
      ctx.project = fresh;
      await showWorkspace(ctx, fresh, slot);
      slot.querySelector('.plan-view')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      error.textContent = errorText(problem);
      error.hidden = false;
      button.disabled = false;
      button.textContent = 'Make a plan';
    }
  });
  return form;
}

function drawWorkspace(ctx, slot, state) {
  const planSlot = h('div', { class: 'plan-slot' });
  const versionsSlot = h('div', { class: 'versions-slot' });
  const generate = generatePanel(ctx, state.version);

  /** A new newest version (from the chat or a restore): show it everywhere. */
  function adopt(version) {
    state.version = version;
    const summary = { ...version };
    delete summary.plan;
    state.versions = [...state.versions.filter((item) => item.number !== version.number), summary];
    drawPlan();
    generate.setVersion(version);
  }

  function drawPlan() {
    mount(planSlot, planView(state.version));
    mount(versionsSlot, versionsCard({
      versions: state.versions,
      current: state.version.number,
      compare: (number, other) => ctx.get(`/plans/${number}/compare?with=${other}`),
      restore: async (number) => {
        const version = await ctx.get(`/plans/${number}/restore`, { method: 'POST' });
        adopt(version);
        toast(`Version ${number} restored as version ${version.number}.`, 'success');
      },
    }));
  }

  const chat = chatPanel({
    messages: state.messages,
    send: async (message) => {
      const reply = await ctx.get('/chat', { method: 'POST', body: { message } });
      if (reply.changed && reply.planVersion) {
        // The answer carries the new version with its plan; fetch it only if an older server left it out.
        adopt(reply.planVersion.plan ? reply.planVersion : await ctx.get(`/plans/${reply.planVersion.number}`));
      }
      return reply;
    },
  });

  drawPlan();
  mount(slot, h('section', { class: 'workspace', 'aria-labelledby': 'workspace-title' },
    h('h2', { id: 'workspace-title' }, 'Your plan'),
    // Plan, chat, versions: on a phone the chat follows the plan it changes; on a desktop it stays beside both.
    h('div', { class: 'workspace-grid' }, planSlot, h('aside', { class: 'workspace-aside' }, chat.element), versionsSlot),
    generate.element));
}
