// Generating from a remix plan: one to three variants, the total price and the balance before anything is
// charged, Generate (a fresh Idempotency-Key per click, so a retried request never charges twice), then the
// project's videos with their status and links to their pages. While one is generating, the list is read again
// every few seconds; the user may leave and come back.

import { api } from '../api.js';
import { refreshUser } from '../app.js';
import { h, toast, errorText } from '../ui.js';
import { formatCredits, formatDate, plural } from '../format.js';
import { isActive, statusBadge } from '../status.js';

const POLL_MS = 5000;

/** The panel for `ctx` (the project page) and plan `version`; returns {element, setVersion(version)}. */
export function generatePanel(ctx, version) {
  const state = { version, variants: 1, balance: null, busy: false, videos: [] };
  let pollTimer = null;
  const summary = h('dl', { class: 'price-list' });
  const warning = h('p', { class: 'balance-warning', id: 'generate-warning', role: 'alert', hidden: true });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'button', class: 'button primary large', id: 'generate-videos', onclick: () => generate() });
  const choices = h('fieldset', { class: 'variant-choice' },
    h('legend', {}, 'Variants'),
    h('div', { class: 'segmented' }, [1, 2, 3].map((count) => h('label', { class: 'segment' },
      h('input', {
        type: 'radio', name: 'variants', value: String(count), checked: count === 1,
        onchange: () => { state.variants = count; draw(); },
      }),
      h('span', { class: 'segment-label' }, String(count))))),
    h('p', { class: 'hint' }, 'Each variant is a separate video from the same plan with other pictures.'));
  const list = h('ol', { class: 'project-videos', 'aria-live': 'polite' });
  const element = h('section', { class: 'card generate-card', 'aria-labelledby': 'generate-title' },
    h('h3', { id: 'generate-title' }, 'Generate'),
    h('div', { class: 'generate-layout' },
      h('div', {}, choices),
      h('div', {}, summary, warning, error, button)),
    h('h3', { class: 'videos-title' }, 'Videos from this project'),
    list);

  function draw() {
    const price = state.version.price * state.variants;
    const enough = state.balance === null || state.balance >= price;
    summary.replaceChildren(
      h('div', {}, h('dt', {}, `Price (${plural(state.variants, 'video')} × ${formatCredits(state.version.price)})`), h('dd', { class: 'price', id: 'generate-price' }, formatCredits(price))),
      h('div', {}, h('dt', {}, 'Your balance'), h('dd', { id: 'generate-balance' }, formatCredits(state.balance ?? undefined))),
      state.balance !== null && enough ? h('div', { class: 'after' }, h('dt', {}, 'After generating'), h('dd', {}, formatCredits(state.balance - price))) : null);
    warning.hidden = enough;
    warning.textContent = enough ? '' : `You need ${formatCredits(price)} but have ${formatCredits(state.balance)}. Choose fewer variants, shorten the plan in the chat, or ask an administrator for more credits.`;
    button.disabled = state.busy || !enough;
    button.setAttribute('aria-describedby', enough ? '' : 'generate-warning');
    button.replaceChildren(...(state.busy
      ? [h('span', { class: 'spinner small', 'aria-hidden': 'true' }), 'Starting…']
      : [`Generate ${plural(state.variants, 'video')} · ${formatCredits(price)}`]));
  }

  async function loadBalance() {
    try {
      const credits = await api('/users/me/credits', { signal: ctx.signal });
      state.balance = credits.balance;
      draw();
    } catch {
      // The price still shows; the server refuses a charge it cannot cover.
    }
  }

  async function generate() {
    if (state.busy) return;
    state.busy = true;
    error.hidden = true;
    draw();
    try {
      const answer = await ctx.get('/videos', {
        method: 'POST', body: { planVersion: state.version.number, variants: state.variants },
        headers: { 'Idempotency-Key': crypto.randomUUID() },
      });
      const fresh = answer.items || [];
      const known = new Set(fresh.map((video) => video.id));
      state.videos = [...fresh, ...state.videos.filter((video) => !known.has(video.id))];
      drawVideos();
      toast(`${plural(fresh.length, 'video')} started. You may leave this page: they carry on.`, 'success');
      refreshUser();
      loadBalance();
      schedulePoll();
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      error.textContent = errorText(problem);
      error.hidden = false;
      if (problem.status === 402) loadBalance();
    } finally {
      state.busy = false;
      draw();
    }
  }

  async function loadVideos() {
    try {
      const answer = await ctx.get('/videos');
      const before = new Map(state.videos.map((video) => [video.id, video.status]));
      state.videos = answer.items || [];
      for (const video of state.videos) {
        if (isActive(before.get(video.id)) && video.status === 'completed') toast(`“${video.title}” is ready.`, 'success');
      }
      drawVideos();
    } catch (problem) {
      if (problem.name === 'AbortError') return;
      if (!state.videos.length) list.replaceChildren(h('li', { class: 'field-error' }, `The videos could not be loaded. ${errorText(problem)}`));
    }
    schedulePoll();
  }

  function schedulePoll() {
    clearTimeout(pollTimer);
    if (ctx.disposed || !state.videos.some((video) => isActive(video.status))) return;
    pollTimer = setTimeout(loadVideos, POLL_MS);
  }
  ctx.onCleanup(() => clearTimeout(pollTimer));

  function drawVideos() {
    list.replaceChildren(...(state.videos.length ? state.videos.map(videoItem)
      : [h('li', { class: 'muted small' }, 'No videos yet. They appear here as soon as you generate.')]));
  }

  draw();
  drawVideos();
  loadBalance();
  loadVideos();
  return {
    element,
    setVersion(next) {
      state.version = next;
      draw();
    },
  };
}

function videoItem(video) {
  const href = `/videos/${encodeURIComponent(video.id)}`;
  const title = video.title || 'Untitled video';
  return h('li', { class: `project-video status-${video.status}`, dataset: { id: video.id } },
    h('a', { class: 'project-video-thumb', href, 'data-link': true, tabindex: '-1', 'aria-hidden': 'true' },
      video.thumbnailUrl ? h('img', { src: video.thumbnailUrl, alt: '', loading: 'lazy' }) : h('span', { class: 'spinner', hidden: !isActive(video.status) })),
    h('div', { class: 'project-video-body' },
      h('a', { class: 'project-video-title', href, 'data-link': true }, title),
      h('span', { class: 'video-meta' }, statusBadge(video.status), h('span', {}, formatDate(video.createdAt)), h('span', {}, plural(video.creditsUsed, 'credit'))),
      video.status === 'failed' && video.error ? h('span', { class: 'video-error small' }, video.error) : null),
    h('a', { class: 'button small', href, 'data-link': true, 'aria-label': `${isActive(video.status) ? 'Watch progress of' : 'Open'} ${title}` },
      isActive(video.status) ? 'Watch progress' : 'Open'));
}
