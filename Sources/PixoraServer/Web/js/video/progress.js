// The video page while the video is queued or generating: the overall bar and stage, the time left, notices,
// a card per scene with its parts and picture, Pause / Resume (what was made is kept), and Cancel (with the refund).
// Fed by the event stream, which stays open while the video is paused.

import { refreshUser } from '../app.js';
import { h, mount, toast, errorText, confirmDialog } from '../ui.js';
import { capitalize, formatTimeLeft, shorten } from '../format.js';
import { statusBadge } from '../status.js';
import { assetOf } from '../scenes.js';
import { progressPercent } from '../stream.js';
import { videoHeader } from './header.js';
import { PARTS, sceneProgressCard } from './scene-progress.js';
import { agentStepsPanel } from './agent-steps.js';

const STAGES = {
  planning: 'Planning the scenes',
  voice: 'Recording the narration',
  visuals: 'Painting pictures and animating clips',
  music: 'Composing the music',
  rendering: 'Rendering the video',
  done: 'Finishing',
};

/** Shows the progress of `current` and follows its stream; sets ctx.view. */
export function showProgress(ctx, current) {
  const { page } = ctx;
  const bar = h('span', {});
  const progressbar = h('div', { class: 'progress big', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-labelledby': 'stage-name' }, bar);
  const stageName = h('h2', { id: 'stage-name', class: 'stage-name' }, 'Waiting in line…');
  const percent = h('span', { class: 'percent', 'aria-hidden': 'true' }, '0%');
  const message = h('span', { class: 'stage-message' });
  const eta = h('span', { class: 'eta' });
  // Fallbacks and other things worth knowing, kept for the whole job.
  const notices = h('ul', { class: 'progress-notices', 'aria-live': 'polite', hidden: true });
  const grid = h('div', { class: 'scene-progress-grid' });
  const agent = agentStepsPanel();
  const cancelButton = h('button', { type: 'button', class: 'button danger-outline', onclick: () => cancel(ctx, current) }, 'Cancel');
  const pauseButton = h('button', { type: 'button', class: 'button ghost', dataset: { role: 'pause' }, onclick: () => pauseOrResume() }, 'Pause');
  const pausedNote = h('p', { class: 'hint paused-note', hidden: true },
    'Paused: nothing more is generated until you resume, and everything made so far is kept. Pausing costs nothing.');
  const stageList = h('ol', { class: 'stage-steps', 'aria-label': 'Stages' },
    ['planning', 'voice', 'visuals', 'music', 'rendering'].map((stage) => h('li', { dataset: { stage } }, STAGES[stage].split(' ')[0])));

  const state = {
    plan: current.plan || null,
    settings: current.settings || {},
    sceneCards: [],
    images: new Map(), // index → url
    imagesAsked: 0,
    scenesLoading: false,
    scenesAgain: false,
    retries: 0,
    retryAt: 0,
    planLoading: false,
    lastProgress: null,
  };

  function update(body) {
    const job = body.job || {};
    const progress = job.progress;
    const status = body.status || current.status;
    showStatus(status);
    if (status === 'queued' || job.state === 'queued') {
      stageName.textContent = job.attempts > 0 ? 'Retrying shortly…' : 'Waiting in line…';
    }
    if (status === 'paused') stageName.textContent = 'Paused';
    if (!progress) return;
    state.lastProgress = progress;
    const value = progressPercent(progress);
    bar.style.width = `${value}%`;
    progressbar.setAttribute('aria-valuenow', String(value));
    progressbar.setAttribute('aria-valuetext', `${value}% — ${STAGES[progress.stage] || progress.stage}`);
    percent.textContent = `${value}%`;
    if (job.state !== 'queued' && status !== 'paused') stageName.textContent = STAGES[progress.stage] || capitalize(progress.stage);
    message.textContent = progress.message ? capitalize(progress.message) : '';
    eta.textContent = formatTimeLeft(progress.etaSeconds);
    markStages(stageList, progress.stage);
    // The stream links each finished scene's picture; older servers or a plain GET do not, and then the
    // pictures are fetched from /scenes instead.
    if (Array.isArray(body.sceneImages)) state.streamImages = true;
    drawScenes(progress.scenes || []);
    agent.update(progress.agent);
    for (const image of body.sceneImages || []) state.sceneCards[image.index]?.setImage(image.url);
    if (job.attempts > 1) message.textContent = `Attempt ${job.attempts}. ${message.textContent}`;
    const notes = progress.notices || [];
    if (notes.length !== notices.children.length) {
      notices.replaceChildren(...notes.map((note) => h('li', {}, capitalize(note))));
      notices.hidden = notes.length === 0;
    }
  }

  /** Keeps the header's badge, the Pause / Resume button and the paused note in step with the stream. */
  function showStatus(status) {
    const paused = status === 'paused';
    pauseButton.textContent = paused ? 'Resume' : 'Pause';
    pauseButton.dataset.role = paused ? 'resume' : 'pause';
    pausedNote.hidden = !paused;
    progressbar.classList.toggle('paused', paused);
    const badge = page.querySelector('.video-meta .badge');
    if (badge && badge.dataset.status !== status) {
      const fresh = statusBadge(status);
      fresh.dataset.status = status;
      badge.replaceWith(fresh);
    }
  }

  function drawScenes(scenes) {
    if (scenes.length && !state.plan && !state.planLoading) loadPlan();
    while (state.sceneCards.length < scenes.length) {
      const card = newSceneCard(state.sceneCards.length);
      state.sceneCards.push(card);
      grid.append(card.element);
    }
    scenes.forEach((scene) => {
      const card = state.sceneCards[scene.index];
      if (!card) return;
      for (const part of PARTS) card.setPart(part.key, partStatus(scene, part.key, scenes));
      card.setImageState(scene.image);
      const done = ['image', 'clip', 'voice'].every((key) => ['done', 'reused'].includes(scene[key]));
      card.element.classList.toggle('finished', done);
      card.element.classList.toggle('failed', PARTS.some((part) => scene[part.key] === 'failed'));
    });
    const finishedImages = scenes.filter((scene) => ['done', 'reused'].includes(scene.image)).length;
    // Fetch the pictures only when more of them exist than last asked for, not on every event.
    if (!state.streamImages && finishedImages > state.imagesAsked) loadImages(finishedImages);
    placeholder.hidden = scenes.length > 0;
  }

  /** Music is made once per music group: scenes sharing a group show the status of the group's music. */
  function partStatus(scene, key, scenes) {
    if (key === 'music' && state.settings.music === false) return 'off';
    const value = scene[key] || 'pending';
    if (key !== 'music' || value !== 'pending' || !state.plan) return value;
    const group = state.plan.scenes[scene.index]?.musicGroup;
    const sibling = scenes.find((other) => other.index !== scene.index && state.plan.scenes[other.index]?.musicGroup === group && other.music !== 'pending');
    return sibling ? sibling.music : value;
  }

  function newSceneCard(index) {
    const card = sceneProgressCard(index);
    const scene = state.plan?.scenes[index];
    if (scene) card.setCaption(shorten(scene.narration || scene.visual, 90));
    return card;
  }

  async function loadPlan() {
    state.planLoading = true;
    try {
      const fresh = await ctx.get();
      if (fresh.plan) {
        state.plan = fresh.plan;
        captions();
      }
    } catch {
      // Captions are a nicety; the statuses are what matter.
    }
  }

  function captions() {
    if (!state.plan) return;
    state.sceneCards.forEach((card, index) => {
      const scene = state.plan.scenes[index];
      if (scene) card.setCaption(shorten(scene.narration || scene.visual, 90));
    });
  }

  /**
   * Fetches the scene pictures when more are finished than last asked for. The server may list a scene's
   * assets only once the job has stored them, so a short answer is asked again a few times, spaced out.
   */
  async function loadImages(count) {
    if (state.scenesLoading) {
      state.scenesAgain = true;
      return;
    }
    if (Date.now() < state.retryAt) return;
    state.scenesLoading = true;
    state.imagesAsked = count;
    try {
      const answer = await ctx.get('/scenes');
      for (const scene of answer.scenes || []) {
        const image = assetOf(scene, 'image');
        if (image) state.images.set(scene.position, image.url);
      }
      state.images.forEach((url, index) => state.sceneCards[index]?.setImage(url));
      if (state.images.size < count && state.retries < 3) {
        state.retries += 1;
        state.imagesAsked = state.images.size;
        state.retryAt = Date.now() + 5000 * 2 ** (state.retries - 1);
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      state.imagesAsked = 0; // Try again at a later event.
      state.retryAt = Date.now() + 5000;
    } finally {
      state.scenesLoading = false;
      if (state.scenesAgain) {
        state.scenesAgain = false;
        const scenes = state.lastProgress?.scenes || [];
        const finished = scenes.filter((scene) => ['done', 'reused'].includes(scene.image)).length;
        if (finished > state.imagesAsked) loadImages(finished);
      }
    }
  }

  /** Pauses a generating video, or resumes a paused one; the answer updates the page at once. */
  async function pauseOrResume() {
    const action = pauseButton.dataset.role;
    pauseButton.disabled = true;
    try {
      const answer = await ctx.get(`/${action}`, { method: 'POST' });
      ctx.video = answer;
      update({ status: answer.status, job: answer.job });
      toast(action === 'pause' ? 'Paused. Resume whenever you like.' : 'Resumed: it continues where it stopped.', 'success');
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 409) {
        // It finished, or another tab paused or resumed it: show what it is now.
        ctx.refreshAfterEnd();
        return;
      }
      toast(errorText(error), 'error');
    } finally {
      pauseButton.disabled = false;
    }
  }

  const placeholder = h('p', { class: 'muted scenes-placeholder' }, 'The scenes appear here once they are planned.');

  mount(page,
    videoHeader(ctx, current, [h('span', { class: 'connection', dataset: { state: 'connecting' } }, 'Connecting…')]),
    h('section', { class: 'card progress-card', 'aria-labelledby': 'stage-name' },
      h('div', { class: 'progress-top' },
        h('div', {}, h('p', { class: 'eyebrow' }, 'Generating your video'), stageName),
        percent),
      progressbar,
      h('p', { class: 'progress-meta' }, message, eta),
      notices,
      stageList,
      pausedNote,
      h('div', { class: 'progress-actions' },
        h('p', { class: 'hint' }, 'You can leave this page: generation continues, and your videos list shows when it is ready.'),
        h('div', { class: 'progress-buttons' }, pauseButton, cancelButton))),
    agent.element,
    h('section', { class: 'scene-progress-section', 'aria-labelledby': 'scenes-title' },
      h('h2', { id: 'scenes-title' }, 'Scenes'),
      placeholder,
      grid));

  update({ status: current.status, job: current.job });
  captions();
  ctx.view = {
    kind: 'progress',
    refresh(fresh) {
      if (fresh.plan && !state.plan) {
        state.plan = fresh.plan;
        captions();
      }
      update({ status: fresh.status, job: fresh.job });
    },
    follow(fresh) { ctx.live.open(fresh, update); },
  };
  ctx.live.open(current, update);
}

async function cancel(ctx, current) {
  const ok = await confirmDialog({
    title: 'Cancel this video?',
    message: `Generation stops now and the ${current.creditsUsed} credits it cost go back to your balance.`,
    confirm: 'Cancel video',
    cancel: 'Keep generating',
    danger: true,
  });
  if (!ok) return;
  try {
    const answer = await ctx.get('/cancel', { method: 'POST' });
    ctx.live.close();
    ctx.video = answer;
    refreshUser();
    toast('The video is cancelled and its credits are returned.', 'success');
    ctx.showFor(answer);
  } catch (error) {
    if (error.name === 'AbortError') return;
    if (error.status === 409) {
      toast('It had already finished.', 'info');
      ctx.refreshAfterEnd();
      return;
    }
    toast(errorText(error), 'error');
  }
}

function markStages(list, stage) {
  const order = ['planning', 'voice', 'visuals', 'music', 'rendering', 'done'];
  const at = order.indexOf(stage);
  for (const item of list.children) {
    const index = order.indexOf(item.dataset.stage);
    item.dataset.state = index < at ? 'done' : index === at ? 'current' : 'pending';
    if (index === at) item.setAttribute('aria-current', 'step');
    else item.removeAttribute('aria-current');
  }
}
