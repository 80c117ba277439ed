// The editor page (/videos/:id/edit): assistant | preview | assets in three columns, the timeline and the
// inspector below (js/editor/editor-page.js). Edits are operations applied by the server to the EditorState
// (js/editor/model.js), previewed in the browser (js/editor/player.js) and saved as a new version rendered by
// the server.

import { api } from '../api.js';
import { h, mount, errorText, failure, loading, useStyles } from '../ui.js';
import { navigate } from '../app.js';
import { settingsOptions, optionsError } from '../options.js';
import { EditorPage } from '../editor/editor-page.js';
import { followVideo, progressOf } from '../editor/jobs.js';

export async function render(main, { params, query }) {
  useStyles('/css/editor.css');
  const videoId = params.id;
  const page = h('section', { class: 'page editor-page' });
  mount(main, page);
  mount(page, loading('Opening the editor…'));

  let loaded;
  try {
    loaded = await load(videoId, query.get('version'));
  } catch (error) {
    if (error.name === 'AbortError') return undefined;
    if (error.code === 'video_not_ready') return notReady(page, videoId);
    if (error.status === 404) {
      mount(page, h('div', { class: 'empty' },
        h('h1', {}, 'Video not found'),
        h('p', {}, 'There is no such video in your account. It may have been deleted.'),
        h('a', { class: 'button primary', href: '/dashboard', 'data-link': true }, 'Go to my videos')));
      return undefined;
    }
    mount(page, h('div', { class: 'page-header' }, h('h1', {}, 'Editor')),
      failure(error, () => navigate(location.pathname + location.search, { replace: true })),
      h('p', {}, h('a', { href: `/videos/${encodeURIComponent(videoId)}`, 'data-link': true }, 'Back to the video')));
    return undefined;
  }
  return new EditorPage(page, videoId, loaded).cleanup;
}

/** 409 video_not_ready: explain, show the generation's progress, and open the editor when it is done. */
function notReady(page, videoId) {
  const bar = h('span', { style: { width: '0%' } });
  const line = h('p', { class: 'muted small' }, 'Waiting for news from the server…');
  mount(page, h('div', { class: 'empty' },
    h('h1', {}, 'This video is not ready to edit yet'),
    h('p', {}, 'The editor opens once the video has been rendered for the first time. This page opens it by itself when the video is ready.'),
    h('div', { class: 'progress not-ready-progress', role: 'progressbar', 'aria-label': 'Generation progress', 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar),
    line,
    h('a', { class: 'button primary', href: `/videos/${encodeURIComponent(videoId)}`, 'data-link': true }, 'Go to the video')));
  return followVideo(videoId, {
    onProgress: (body) => {
      const { percent, line: text } = progressOf(body);
      bar.style.width = `${percent}%`;
      bar.parentElement.setAttribute('aria-valuenow', String(percent));
      line.textContent = text;
    },
    onEnd: (body) => {
      if (body.status === 'completed') navigate(location.pathname + location.search, { replace: true });
      else line.textContent = body.status === 'failed' ? `The video failed: ${body.error || 'unknown reason'}.` : `The video is ${body.status}.`;
    },
    onError: (error) => { line.textContent = errorText(error); },
  });
}

/**
 * GET /videos/{id}/editor plus the video (job, eventsUrl), scenes, versions, prices and the settings options
 * (transition kinds), in parallel.
 */
async function load(videoId, versionNumber) {
  const id = encodeURIComponent(videoId);
  const editorPath = `/videos/${id}/editor${versionNumber ? `?version=${encodeURIComponent(versionNumber)}` : ''}`;
  let missingVersion = null;
  const [editor, video, scenes, credits, options] = await Promise.all([
    // A version from an old link may have been removed (5 are kept): open the current one instead.
    api(editorPath).catch((error) => {
      if (error.status !== 404 || !versionNumber) throw error;
      missingVersion = versionNumber;
      return api(`/videos/${id}/editor`);
    }),
    api(`/videos/${id}`),
    api(`/videos/${id}/scenes`).catch(() => null),
    api('/users/me/credits').catch(() => null),
    settingsOptions().catch((error) => { throw optionsError(error); }),
  ]);
  return { editor, video, scenes: scenes?.scenes || null, credits, missingVersion, options };
}
