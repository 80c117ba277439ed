// A video (/videos/:id): live generation progress while queued or running (SSE), the preview once completed
// (player, scene navigation, download, rename, versions), or the failure with its reason and refund.
// Reloading during generation reconnects: the stream's first message carries the whole picture.

import { api } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import {
  h, mount, toast, errorText, loading, failure, emptyState, confirmDialog, statusBadge, formatDuration,
  formatDate, formatDateTime, setFieldError, clearFormErrors, useStyles,
} from '../ui.js';
import { saveDraft, planKey, draftSettings } from './draft.js';

const STAGES = {
  planning: 'Planning the scenes',
  voice: 'Recording the narration',
  visuals: 'Painting pictures and animating clips',
  music: 'Composing the music',
  rendering: 'Rendering the video',
  done: 'Finishing',
};
const PARTS = [
  { key: 'image', label: 'Picture' },
  { key: 'clip', label: 'Clip' },
  { key: 'voice', label: 'Voice' },
  { key: 'music', label: 'Music' },
];
const PART_STATES = {
  pending: { icon: '○', text: 'Waiting' },
  working: { icon: '◔', text: 'Working' },
  done: { icon: '✓', text: 'Done' },
  reused: { icon: '✓', text: 'Reused' },
  failed: { icon: '✕', text: 'Failed' },
  off: { icon: '–', text: 'Off' },
};
const ACTIVE = new Set(['queued', 'running']);

export async function render(main, { params }) {
  useStyles('/css/pages.css');
  const id = params.id;
  const page = h('div', { class: 'page video-page' });
  main.append(page);

  const abort = new AbortController();
  let video = null;
  let stream = null; // {source, timers}
  let retryDelay = 2000;
  let player = null;
  let disposed = false;
  let view = null; // per-view state of the progress view

  const path = `/videos/${encodeURIComponent(id)}`;
  const get = (suffix = '', options = {}) => api(path + suffix, { signal: abort.signal, ...options });

  async function load() {
    mount(page, loading('Loading the video…'));
    try {
      video = await get();
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 404) {
        mount(page, emptyState('Video not found', 'It may have been deleted, or the link is wrong.',
          h('a', { class: 'button primary', href: '/dashboard', 'data-link': true }, 'Go to my videos')));
      } else {
        mount(page, failure(error, load));
      }
      return;
    }
    showFor(video);
  }

  function showFor(current) {
    closeStream();
    stopPlayer();
    view = null;
    document.title = `${current.title} · Pixora`;
    if (ACTIVE.has(current.status)) showProgress(current);
    else if (current.status === 'completed') showPreview(current);
    else showOutcome(current);
  }

  // --- Live stream --------------------------------------------------------------------------------------

  /** Follows the video's event stream; `onProgress(body)` gets each progress event. */
  function openStream(current, onProgress) {
    closeStream();
    if (!current.eventsUrl || disposed) return;
    const source = new EventSource(current.eventsUrl);
    const timers = [];
    stream = { source, timers };
    source.addEventListener('open', () => setConnection('live'));
    source.addEventListener('progress', (event) => {
      retryDelay = 2000;
      setConnection('live');
      const body = parse(event.data);
      if (body) onProgress(body);
    });
    source.addEventListener('end', () => {
      closeStream();
      refreshAfterEnd();
    });
    source.addEventListener('deleted', () => {
      closeStream();
      toast('This video was deleted.', 'info');
      navigate('/dashboard', { replace: true });
    });
    source.addEventListener('error', () => {
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (e.g. the signed link expired and the
      // server answered 401), so a fresh link is fetched with a growing pause.
      if (source.readyState === EventSource.CLOSED) {
        setConnection('reconnecting');
        reconnectSoon();
      } else {
        setConnection('reconnecting');
      }
    });
    // The signed link lasts an hour: switch to a fresh one a minute before it runs out.
    const expiry = linkExpiry(current.eventsUrl);
    if (expiry) {
      const wait = expiry * 1000 - Date.now() - 60_000;
      timers.push(setTimeout(() => reconnectSoon(0), Math.max(wait, 5_000)));
    }
  }

  /** Fetches the video again (fresh signed links) after `delay` ms and follows it, or shows what it became. */
  function reconnectSoon(delay = retryDelay) {
    closeStream();
    retryDelay = Math.min(retryDelay * 2, 30_000);
    const timer = setTimeout(async () => {
      if (disposed) return;
      try {
        const fresh = await get();
        video = fresh;
        const sameView = (view?.kind === 'progress' && ACTIVE.has(fresh.status))
          || (view?.kind === 'preview' && fresh.status === 'completed' && hasActiveJob(fresh));
        if (sameView) {
          view.refresh(fresh);
          view.follow(fresh);
        } else {
          showFor(fresh);
        }
      } catch (error) {
        if (error.name === 'AbortError') return;
        reconnectSoon();
      }
    }, delay);
    stream = { source: null, timers: [timer] };
  }

  function closeStream() {
    if (!stream) return;
    stream.source?.close();
    for (const timer of stream.timers) clearTimeout(timer);
    stream = null;
  }

  async function refreshAfterEnd() {
    try {
      const fresh = await get();
      const was = video;
      video = fresh;
      if (fresh.status === 'completed' && was && ACTIVE.has(was.status)) toast('Your video is ready.', 'success');
      if (fresh.status === 'failed' && was && ACTIVE.has(was.status)) toast('The video could not be generated.', 'error');
      refreshUser();
      showFor(fresh);
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(page, failure(error, load));
    }
  }

  function setConnection(state) {
    const pill = page.querySelector('.connection');
    if (!pill) return;
    pill.dataset.state = state;
    pill.textContent = state === 'live' ? 'Live' : 'Reconnecting…';
  }

  // --- Progress view ------------------------------------------------------------------------------------

  function showProgress(current) {
    const bar = h('span', {});
    const progressbar = h('div', { class: 'progress big', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-labelledby': 'stage-name' }, bar);
    const stageName = h('h2', { id: 'stage-name', class: 'stage-name' }, 'Waiting in line…');
    const percent = h('span', { class: 'percent', 'aria-hidden': 'true' }, '0%');
    const message = h('span', { class: 'stage-message' });
    const eta = h('span', { class: 'eta' });
    // Fallbacks and other things worth knowing, kept for the whole job.
    const notices = h('ul', { class: 'progress-notices', 'aria-live': 'polite', hidden: true });
    const grid = h('div', { class: 'scene-progress-grid' });
    const cancelButton = h('button', { type: 'button', class: 'button danger-outline', onclick: () => cancel(current) }, 'Cancel');
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
      if (!progress) return;
      state.lastProgress = progress;
      const value = progressPercent(progress);
      bar.style.width = `${value}%`;
      progressbar.setAttribute('aria-valuenow', String(value));
      progressbar.setAttribute('aria-valuetext', `${value}% — ${STAGES[progress.stage] || progress.stage}`);
      percent.textContent = `${value}%`;
      if (job.state !== 'queued') stageName.textContent = STAGES[progress.stage] || capitalizeWords(progress.stage);
      message.textContent = progress.message ? capitalizeFirst(progress.message) : '';
      eta.textContent = etaText(progress.etaSeconds);
      markStages(stageList, progress.stage);
      // The stream links each finished scene's picture; older servers or a plain GET do not, and then the
      // pictures are fetched from /scenes instead.
      if (Array.isArray(body.sceneImages)) state.streamImages = true;
      drawScenes(progress.scenes || []);
      for (const image of body.sceneImages || []) state.sceneCards[image.index]?.setImage(image.url);
      if (job.attempts > 1) message.textContent = `Attempt ${job.attempts}. ${message.textContent}`;
      const notes = progress.notices || [];
      if (notes.length !== notices.children.length) {
        notices.replaceChildren(...notes.map((note) => h('li', {}, capitalizeFirst(note))));
        notices.hidden = notes.length === 0;
      }
    }

    /** Keeps the header's badge in step with the stream (queued → running). */
    function showStatus(status) {
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

    function sceneProgressCard(index) {
      const parts = {};
      const thumb = h('div', { class: 'thumb', dataset: { state: 'pending' } },
        h('span', { class: 'thumb-number' }, String(index + 1)),
        h('span', { class: 'thumb-ready' }, 'Picture ready'));
      const caption = h('p', { class: 'scene-snippet' });
      const element = h('article', { class: 'scene-progress', 'aria-label': `Scene ${index + 1}` },
        thumb,
        h('div', { class: 'scene-progress-body' },
          h('h3', {}, `Scene ${index + 1}`),
          caption,
          h('ul', { class: 'part-list' }, PARTS.map((part) => {
            const icon = h('span', { class: 'part-icon', 'aria-hidden': 'true' }, '○');
            const text = h('span', { class: 'part-state' }, 'Waiting');
            const item = h('li', { class: 'part', dataset: { state: 'pending' } }, icon, h('span', { class: 'part-name' }, part.label), text);
            parts[part.key] = { item, icon, text };
            return item;
          }))));
      return {
        element,
        setPart(key, status) {
          const entry = parts[key];
          const look = PART_STATES[status] || PART_STATES.pending;
          if (entry.item.dataset.state === status) return;
          entry.item.dataset.state = status;
          entry.icon.textContent = look.icon;
          entry.text.textContent = look.text;
        },
        setImage(url) {
          // Signed links change with their expiry; the path names the picture.
          const path = url ? url.split('?')[0] : '';
          if (!url || thumb.querySelector('img')?.dataset.path === path) return;
          const img = h('img', { src: url, alt: `Picture of scene ${index + 1}`, loading: 'lazy', dataset: { path } });
          img.addEventListener('load', () => thumb.classList.add('has-image'));
          thumb.querySelector('img')?.remove();
          thumb.prepend(img);
        },
        setCaption(text) { caption.textContent = text; },
        /** Shimmer while the picture is being made; a quiet "ready" mark until its thumbnail arrives. */
        setImageState(status) {
          thumb.dataset.state = status || 'pending';
        },
      };
    }

    function newSceneCard(index) {
      const card = sceneProgressCard(index);
      const scene = state.plan?.scenes[index];
      if (scene) card.setCaption(snippet(scene.narration || scene.visual, 90));
      return card;
    }

    async function loadPlan() {
      state.planLoading = true;
      try {
        const fresh = await get();
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
        if (scene) card.setCaption(snippet(scene.narration || scene.visual, 90));
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
        const answer = await get('/scenes');
        for (const scene of answer.scenes || []) {
          const image = (scene.assets || []).find((asset) => asset.kind === 'image');
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

    const placeholder = h('p', { class: 'muted scenes-placeholder' }, 'The scenes appear here once they are planned.');

    mount(page,
      videoHeader(current, [h('span', { class: 'connection', dataset: { state: 'connecting' } }, 'Connecting…')]),
      h('section', { class: 'card progress-card', 'aria-labelledby': 'stage-name' },
        h('div', { class: 'progress-top' },
          h('div', {}, h('p', { class: 'eyebrow' }, 'Generating your video'), stageName),
          percent),
        progressbar,
        h('p', { class: 'progress-meta' }, message, eta),
        notices,
        stageList,
        h('div', { class: 'progress-actions' },
          h('p', { class: 'hint' }, 'You can leave this page: generation continues, and your videos list shows when it is ready.'),
          cancelButton)),
      h('section', { class: 'scene-progress-section', 'aria-labelledby': 'scenes-title' },
        h('h2', { id: 'scenes-title' }, 'Scenes'),
        placeholder,
        grid));

    update({ status: current.status, job: current.job });
    captions();
    view = {
      kind: 'progress',
      refresh(fresh) {
        if (fresh.plan && !state.plan) {
          state.plan = fresh.plan;
          captions();
        }
        update({ status: fresh.status, job: fresh.job });
      },
      follow(fresh) { openStream(fresh, update); },
    };
    openStream(current, update);
  }

  async function cancel(current) {
    const ok = await confirmDialog({
      title: 'Cancel this video?',
      message: `Generation stops now and the ${current.creditsUsed} credits it cost go back to your balance.`,
      confirm: 'Cancel video',
      cancel: 'Keep generating',
      danger: true,
    });
    if (!ok) return;
    try {
      const answer = await get('/cancel', { method: 'POST' });
      closeStream();
      video = answer;
      refreshUser();
      toast('The video is cancelled and its credits are returned.', 'success');
      showFor(answer);
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 409) {
        toast('It had already finished.', 'info');
        refreshAfterEnd();
        return;
      }
      toast(errorText(error), 'error');
    }
  }

  // --- Failed / cancelled -------------------------------------------------------------------------------

  function showOutcome(current) {
    const cancelled = current.status === 'cancelled';
    const reason = current.error || current.job?.error;
    const refund = h('p', { class: 'refund' }, current.creditsUsed > 0 ? 'Looking up the refund…' : 'Nothing was charged.');
    const tryAgain = h('button', { type: 'button', class: 'button primary', onclick: () => retry(current) }, 'Try again');
    mount(page,
      videoHeader(current),
      h('section', { class: `card outcome-card ${cancelled ? 'cancelled' : 'failed'}`, role: cancelled ? null : 'alert' },
        h('div', { class: 'outcome-icon', 'aria-hidden': 'true' }, cancelled ? '■' : '!'),
        h('h2', {}, cancelled ? 'Generation cancelled' : 'Generation failed'),
        h('p', { class: 'reason' }, cancelled
          ? (reason && !/cancel/i.test(reason) ? reason : 'The generation was stopped before it finished.')
          : (reason ? `Reason: ${capitalizeFirst(reason)}` : 'The server did not report a reason.')),
        refund,
        h('div', { class: 'button-row centered' },
          tryAgain,
          h('a', { class: 'button ghost', href: '/dashboard', 'data-link': true }, 'My videos')),
        h('details', { class: 'outcome-prompt' }, h('summary', {}, 'The prompt'), h('p', {}, current.prompt))));
    if (current.creditsUsed > 0) findRefund(current, refund);
    refreshUser();
  }

  /** The ledger row that gave the credits back (reason video_refund, reference = the video id). */
  async function findRefund(current, target) {
    try {
      const page1 = await api('/users/me/credits/transactions?limit=100', { signal: abort.signal });
      const row = (page1.items || []).find((item) => item.reference === current.id && /refund/.test(item.reason) && item.delta > 0);
      target.textContent = row
        ? `${row.delta} credits were returned to your balance on ${formatDateTime(row.createdAt)} (balance after: ${row.balanceAfter}).`
        : `The ${current.creditsUsed} credits it cost are returned to your balance.`;
    } catch (error) {
      if (error.name === 'AbortError') return;
      target.textContent = `The ${current.creditsUsed} credits it cost are returned to your balance.`;
    }
    target.classList.add('ready');
  }

  function retry(current) {
    const settings = { ...(current.plan?.settings || current.settings || {}) };
    const draft = { prompt: current.prompt, settings };
    if (current.plan) {
      draft.plan = current.plan;
      draft.planFor = planKey(current.prompt, draftSettings(draft));
      draft.edited = true; // Regenerating asks first, as the plan may hold the user's edits.
    }
    saveDraft(draft);
    navigate('/new');
  }

  // --- Preview ------------------------------------------------------------------------------------------

  function showPreview(current) {
    const settings = current.settings || current.plan?.settings || {};
    const videoElement = h('video', {
      controls: true, preload: 'metadata', playsinline: true, src: current.videoUrl, poster: current.thumbnailUrl || null,
      'aria-label': `Video: ${current.title}`,
    });
    player = videoElement;
    const frame = h('div', { class: `player-frame frame-${(settings.aspectRatio || '16:9').replace(':', 'x')}` }, videoElement);
    const sceneStrip = h('ol', { class: 'scene-strip', 'aria-label': 'Jump to a scene' });
    const sceneSection = h('section', { class: 'scene-nav', 'aria-labelledby': 'scene-nav-title' },
      h('h2', { id: 'scene-nav-title' }, 'Scenes'),
      sceneStrip);
    mount(sceneStrip, h('li', { class: 'strip-loading' }, loading('Loading scenes…')));
    const versionsBox = h('div', { class: 'versions' }, loading('Loading versions…'));
    const jobBanner = h('div', { class: 'job-banner', hidden: true, role: 'status' });

    // A signed link expires after an hour: on a load error, fetch fresh links and carry on where it was.
    let lastFix = 0;
    videoElement.addEventListener('error', async () => {
      if (Date.now() - lastFix < 60_000) return;
      lastFix = Date.now();
      try {
        const fresh = await get();
        if (!fresh.videoUrl) return;
        const time = videoElement.currentTime;
        video = fresh;
        videoElement.src = fresh.videoUrl;
        videoElement.currentTime = time;
      } catch {
        // The player shows its own error state.
      }
    });

    const downloadLink = h('a', { class: 'button', href: current.videoUrl + '&download=1', download: '' }, '⬇ Download MP4');
    mount(page,
      videoHeader(current, [], true),
      jobBanner,
      h('div', { class: 'preview-layout' },
        h('div', { class: 'preview-main' }, frame, sceneSection),
        h('aside', { class: 'preview-aside' },
          h('div', { class: 'card actions-card' },
            h('a', { class: 'button primary large block', href: `${path}/edit`, 'data-link': true }, '✎ Edit in timeline'),
            downloadLink),
          h('section', { class: 'card details-card', 'aria-labelledby': 'details-title' },
            h('h2', { id: 'details-title' }, 'Details'),
            current.thumbnailUrl ? h('figure', { class: 'thumbnail' },
              h('img', { src: current.thumbnailUrl, alt: 'Thumbnail of the video' }),
              h('figcaption', { class: 'hint' }, 'Thumbnail')) : null,
            h('dl', { class: 'details-list' },
              detail('Duration', formatDuration(current.durationSeconds)),
              detail('Created', formatDateTime(current.createdAt)),
              detail('Credits', `${current.creditsUsed}`),
              detail('Format', [settings.aspectRatio, settings.quality, settings.fps ? `${settings.fps} fps` : null].filter(Boolean).join(' · ')),
              current.currentVersion ? detail('Version', `v${current.currentVersion}`) : null),
            h('details', { class: 'outcome-prompt' }, h('summary', {}, 'The prompt'), h('p', {}, current.prompt))),
          h('section', { class: 'card versions-card', 'aria-labelledby': 'versions-title' },
            h('h2', { id: 'versions-title' }, 'Versions'),
            versionsBox))));

    loadSceneNav(current, videoElement, sceneStrip, sceneSection);
    loadVersions(current, versionsBox, videoElement);

    // A completed video may be busy with a new version (editor save, scene regeneration): follow it.
    if (hasActiveJob(current)) followJob(current, jobBanner);
    view = {
      kind: 'preview',
      refresh(fresh) { if (hasActiveJob(fresh)) updateBanner(jobBanner, fresh.job); },
      follow(fresh) { if (hasActiveJob(fresh)) followJob(fresh, jobBanner); },
    };
  }

  function followJob(current, banner) {
    updateBanner(banner, current.job);
    openStream(current, (body) => updateBanner(banner, body.job));
  }

  function updateBanner(banner, job) {
    if (!job || !['queued', 'running'].includes(job.state)) {
      banner.hidden = true;
      return;
    }
    const value = job.progress ? progressPercent(job.progress) : 0;
    const what = job.kind === 'regenerate_scene' ? 'A scene is being regenerated' : 'A new version is rendering';
    banner.hidden = false;
    mount(banner,
      h('span', { class: 'spinner small', 'aria-hidden': 'true' }),
      h('span', {}, `${what}… ${value}%`, job.progress?.etaSeconds ? ` · ${etaText(job.progress.etaSeconds)}` : ''),
      h('div', { class: 'progress' }, h('span', { style: { width: `${value}%` } })));
  }

  async function loadSceneNav(current, videoElement, strip, section) {
    let scenes = [];
    try {
      scenes = (await get('/scenes')).scenes || [];
    } catch (error) {
      if (error.name === 'AbortError') return;
    }
    let items = null;
    try {
      const editor = await get(`/editor${current.currentVersion ? `?version=${current.currentVersion}` : ''}`);
      items = itemsFromEditor(editor.editorState, scenes);
    } catch (error) {
      if (error.name === 'AbortError') return;
      // No editor endpoint or no state: the plan's scene lengths, scaled to the real video length.
    }
    if (!items) items = itemsFromPlan(current, scenes);
    if (disposed) return;
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

  async function loadVersions(current, box, videoElement) {
    try {
      const { versions } = await get('/versions');
      if (!versions?.length) {
        mount(box, h('p', { class: 'muted' }, 'No versions yet.'));
        return;
      }
      const list = h('ol', { class: 'version-list' });
      for (const version of [...versions].reverse()) {
        const playable = version.status === 'ready' && version.videoUrl;
        list.append(h('li', { class: `version${version.current ? ' current' : ''}` },
          version.thumbnailUrl ? h('img', { src: version.thumbnailUrl, alt: '', class: 'version-thumb', loading: 'lazy' }) : h('span', { class: 'version-thumb empty-thumb' }),
          h('div', { class: 'version-info' },
            h('div', { class: 'version-name' },
              h('strong', {}, `Version ${version.number}`),
              version.current ? h('span', { class: 'badge current-badge' }, 'Current') : null,
              version.status !== 'ready' ? statusBadge(version.status) : null),
            h('span', { class: 'hint' }, [formatDate(version.createdAt), version.durationSeconds ? formatDuration(version.durationSeconds) : null].filter(Boolean).join(' · ')),
            version.error ? h('span', { class: 'field-error' }, version.error) : null),
          playable && !version.current ? h('button', {
            type: 'button', class: 'button small ghost', 'aria-label': `Watch version ${version.number}`,
            onclick: () => {
              videoElement.src = version.videoUrl;
              if (version.thumbnailUrl) videoElement.poster = version.thumbnailUrl;
              videoElement.play().catch(() => {});
              toast(`Playing version ${version.number}. The current version is still v${current.currentVersion}.`, 'info');
            },
          }, 'Watch') : null));
      }
      mount(box, list, versions.length >= 5 ? h('p', { class: 'hint' }, 'A video keeps at most 5 versions; saving another removes the oldest.') : null);
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(box, h('p', { class: 'field-error' }, `The versions could not be loaded: ${errorText(error)}`));
    }
  }

  // --- Header with rename -------------------------------------------------------------------------------

  function videoHeader(current, extras = [], renamable = false) {
    const title = h('h1', { class: 'video-title' }, current.title);
    const titleBox = h('div', { class: 'title-box' }, title);
    if (renamable) {
      const renameButton = h('button', { type: 'button', class: 'icon-button rename-button', 'aria-label': 'Rename the video', title: 'Rename' }, '✎');
      renameButton.addEventListener('click', () => startRename(current, titleBox, title, renameButton));
      titleBox.append(renameButton);
    }
    return h('header', { class: 'page-header video-header' },
      h('div', { class: 'video-header-main' },
        h('a', { class: 'back-link', href: '/dashboard', 'data-link': true }, '← My videos'),
        titleBox,
        h('p', { class: 'video-meta' },
          statusBadge(current.status),
          h('span', {}, formatDateTime(current.createdAt)),
          current.durationSeconds ? h('span', {}, formatDuration(current.durationSeconds)) : null,
          h('span', {}, `${current.creditsUsed} credits`),
          extras)));
  }

  function startRename(current, box, title, button) {
    const input = h('input', { name: 'title', value: current.title, maxlength: 200, 'aria-label': 'Video title', class: 'rename-input' });
    const form = h('form', { class: 'rename-form', novalidate: true },
      h('div', { class: 'rename-field' }, input),
      h('button', { type: 'submit', class: 'button primary small' }, 'Save'),
      h('button', { type: 'button', class: 'button ghost small', onclick: close }, 'Cancel'));
    function close() {
      form.replaceWith(title, button);
      button.focus();
    }
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close();
      }
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearFormErrors(form);
      const text = input.value.trim();
      if (!text) {
        setFieldError(input, 'The title cannot be empty.');
        input.focus();
        return;
      }
      if (text === current.title) {
        close();
        return;
      }
      const submit = form.querySelector('[type="submit"]');
      submit.disabled = true;
      try {
        const answer = await get('', { method: 'PATCH', body: { title: text } });
        current.title = answer.title;
        if (video) video.title = answer.title;
        title.textContent = answer.title;
        document.title = `${answer.title} · Pixora`;
        close();
        toast('Renamed.', 'success');
      } catch (error) {
        if (error.name === 'AbortError') return;
        submit.disabled = false;
        setFieldError(input, error.fields?.title || errorText(error));
        input.focus();
      }
    });
    title.remove();
    button.remove();
    box.append(form);
    input.focus();
    input.select();
  }

  function stopPlayer() {
    if (!player) return;
    player.pause();
    player.removeAttribute('src');
    player.load();
    player = null;
  }

  await load();
  return () => {
    disposed = true;
    abort.abort();
    closeStream();
    if (player) player.pause();
  };
}

// --- Helpers ----------------------------------------------------------------------------------------------

function hasActiveJob(video) {
  return Boolean(video.job && ['queued', 'running'].includes(video.job.state));
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

/** 0–100 from a JobProgress (fraction 0…1; `percent` accepted too). */
function progressPercent(progress) {
  const raw = typeof progress.percent === 'number' ? progress.percent : (progress.fraction || 0) * 100;
  return Math.max(0, Math.min(100, Math.round(raw)));
}

function etaText(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 'Estimating time left…';
  if (seconds <= 0) return 'Almost done';
  if (seconds < 60) return `About ${Math.max(5, Math.ceil(seconds / 5) * 5)} s left`;
  const minutes = Math.round(seconds / 60);
  return `About ${minutes} minute${minutes === 1 ? '' : 's'} left`;
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

/** The expiry (seconds since 1970) of a signed link: access=<expiry>.<user>.<signature>. */
function linkExpiry(url) {
  try {
    const access = new URL(url, location.origin).searchParams.get('access');
    const expiry = Number(access?.split('.')[0]);
    return Number.isFinite(expiry) && expiry > 0 ? expiry : null;
  } catch {
    return null;
  }
}

function detail(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value || '–'));
}

function snippet(text, length) {
  const clean = (text || '').trim();
  return clean.length > length ? clean.slice(0, length - 1).trimEnd() + '…' : clean;
}

function capitalizeFirst(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

function capitalizeWords(text) {
  return capitalizeFirst(text || '');
}

/** Scene starts from the editor state: clip i starts at Σ durations before − Σ overlaps before. */
function itemsFromEditor(state, scenes) {
  if (!state?.clips?.length) return null;
  const transitions = state.transitions || [];
  let time = 0;
  return state.clips.map((clip, index) => {
    const scene = scenes.find((entry) => entry.scene?.id === clip.sceneId || entry.id === clip.sceneId)
      || scenes.find((entry) => (entry.assets || []).some((asset) => asset.key === clip.asset));
    const item = { start: time, ...sceneLook(scene) };
    const transition = transitions[index];
    time += clip.duration - (transition && transition.kind !== 'cut' ? transition.duration : 0);
    return item;
  });
}

/** Scene starts from the plan, scaled to the rendered length (narration may have lengthened scenes). */
function itemsFromPlan(video, scenes) {
  const planScenes = video.plan?.scenes || scenes.map((entry) => entry.scene).filter(Boolean);
  if (!planScenes.length) return [];
  const overlaps = planScenes.slice(0, -1).map((scene) => (scene.transition?.kind === 'cut' ? 0 : scene.transition?.duration || 0));
  const planned = planScenes.reduce((sum, scene) => sum + scene.duration, 0) - overlaps.reduce((sum, value) => sum + value, 0);
  const scale = video.durationSeconds && planned > 0 ? video.durationSeconds / planned : 1;
  let time = 0;
  return planScenes.map((planScene, index) => {
    const scene = scenes.find((entry) => entry.scene?.id === planScene.id) || scenes[index];
    const item = { start: time * scale, ...sceneLook(scene, planScene) };
    time += planScene.duration - (overlaps[index] || 0);
    return item;
  });
}

function sceneLook(scene, planScene) {
  const content = scene?.scene || planScene || {};
  const image = (scene?.assets || []).find((asset) => asset.kind === 'image')?.url || null;
  return { title: snippet(content.keyPhrase || content.narration || content.visual || '', 48), image };
}
