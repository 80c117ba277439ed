// A video (/videos/:id): live generation progress while queued or running (SSE), the preview once completed
// (player, scene navigation, download, rename, versions), or the failure with its reason and refund.
// Reloading during generation reconnects: the stream's first message carries the whole picture.
// The views are in ../video/: progress.js, preview.js, outcome.js; live.js follows the event stream.

import { api } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, mount, toast, loading, failure, emptyState, useStyles } from '../ui.js';
import { hasActiveJob, inProgress, isActive } from '../status.js';
import { Live } from '../video/live.js';
import { showProgress } from '../video/progress.js';
import { showPreview } from '../video/preview.js';
import { showOutcome } from '../video/outcome.js';

export async function render(main, { params }) {
  useStyles('/css/pages.css');
  const page = h('div', { class: 'page video-page' });
  main.append(page);

  const abort = new AbortController();
  const path = `/videos/${encodeURIComponent(params.id)}`;
  let disposed = false;

  // What the views share: the page, requests for this video, the stream, and the view and player on screen.
  const ctx = {
    page,
    path,
    abort,
    get: (suffix = '', options = {}) => api(path + suffix, { signal: abort.signal, ...options }),
    get disposed() { return disposed; },
    video: null, // the video as last read
    view: null, // {kind, refresh(fresh), follow(fresh)} of the view on screen
    player: null, // the preview's <video>
    showFor,
    refreshAfterEnd,
    live: new Live({
      page,
      isDisposed: () => disposed,
      onEnd: () => refreshAfterEnd(),
      onDeleted: () => {
        toast('This video was deleted.', 'info');
        navigate('/dashboard', { replace: true });
      },
      // A fresh signed link: the same view follows it, or the view changes with what the video became.
      reconnect: async () => {
        const fresh = await ctx.get();
        ctx.video = fresh;
        const view = ctx.view;
        const sameView = (view?.kind === 'progress' && inProgress(fresh.status))
          || (view?.kind === 'preview' && fresh.status === 'completed' && hasActiveJob(fresh));
        if (sameView) {
          view.refresh(fresh);
          view.follow(fresh);
        } else {
          showFor(fresh);
        }
      },
    }),
  };

  async function load() {
    mount(page, loading('Loading the video…'));
    try {
      ctx.video = await ctx.get();
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
    showFor(ctx.video);
  }

  function showFor(current) {
    ctx.live.close();
    stopPlayer();
    ctx.view = null;
    document.title = `${current.title} · Pixora`;
    if (inProgress(current.status)) showProgress(ctx, current);
    else if (current.status === 'completed') showPreview(ctx, current);
    else showOutcome(ctx, current);
  }

  async function refreshAfterEnd() {
    try {
      const fresh = await ctx.get();
      const was = ctx.video;
      ctx.video = fresh;
      if (fresh.status === 'completed' && was && isActive(was.status)) toast('Your video is ready.', 'success');
      if (fresh.status === 'failed' && was && isActive(was.status)) toast('The video could not be generated.', 'error');
      refreshUser();
      showFor(fresh);
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(page, failure(error, load));
    }
  }

  function stopPlayer() {
    const player = ctx.player;
    if (!player) return;
    player.pause();
    player.removeAttribute('src');
    player.load();
    ctx.player = null;
  }

  await load();
  return () => {
    disposed = true;
    abort.abort();
    ctx.live.close();
    if (ctx.player) ctx.player.pause();
  };
}
