// A remix project (/projects/:id): live progress while the sample is analyzed (SSE on the signed link, the same
// Live helper as the video page), then the analysis (../remix/analysis.js) and the plan workspace — plan,
// chat, versions, generation and the videos made (../remix/workspace.js). A failed analysis shows its reason.

import { api } from '../api.js';
import { navigate } from '../app.js';
import { h, mount, toast, loading, failure, emptyState, useStyles, confirmDialog, errorSentence } from '../ui.js';
import { capitalize, formatDateTime, plural } from '../format.js';
import { statusBadge } from '../status.js';
import { progressPercent } from '../stream.js';
import { Live } from '../video/live.js';
import { startRename } from '../video/header.js';
import { analysisView } from '../remix/analysis.js';
import { showWorkspace } from '../remix/workspace.js';

export async function render(main, { params }) {
  useStyles('/css/pages.css');
  useStyles('/css/remix.css');
  const page = h('div', { class: 'page project-page' });
  main.append(page);
  const abort = new AbortController();
  const path = `/projects/${encodeURIComponent(params.id)}`;
  let disposed = false;
  const cleanups = [];

  const ctx = {
    page,
    path,
    signal: abort.signal,
    get: (suffix = '', options = {}) => api(path + suffix, { signal: abort.signal, ...options }),
    get disposed() { return disposed; },
    project: null,
    /** Registers something to stop when the page is left or redrawn (a poll). */
    onCleanup: (fn) => cleanups.push(fn),
    live: new Live({
      page,
      isDisposed: () => disposed,
      onEnd: () => reload(),
      onDeleted: () => {
        toast('This project was deleted.', 'info');
        navigate('/projects', { replace: true });
      },
      reconnect: async () => {
        const fresh = await ctx.get();
        if (fresh.status === 'analyzing' && ctx.project?.status === 'analyzing') follow(fresh);
        else show(fresh);
      },
    }),
  };

  async function load() {
    mount(page, loading('Loading the project…'));
    try {
      show(await ctx.get());
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status === 404) {
        mount(page, emptyState('Project not found', 'It may have been deleted, or the link is wrong.',
          h('a', { class: 'button primary', href: '/projects', 'data-link': true }, 'Go to my projects')));
      } else {
        mount(page, failure(error, load));
      }
    }
  }

  async function reload() {
    try {
      const fresh = await ctx.get();
      if (ctx.project?.status === 'analyzing' && fresh.status === 'analyzed') toast('The analysis is ready.', 'success');
      show(fresh);
    } catch (error) {
      if (error.name !== 'AbortError') mount(page, failure(error, load));
    }
  }

  function stopAll() {
    ctx.live.close();
    while (cleanups.length) cleanups.pop()();
  }

  function show(project) {
    stopAll();
    ctx.project = project;
    document.title = `${project.title} · Pixora`;
    if (project.status === 'analyzing') {
      mount(page, header(ctx, project), progressCard());
      follow(project);
    } else if (project.status === 'failed') {
      mount(page, header(ctx, project), failedCard(project));
    } else {
      const workspace = h('div', { class: 'workspace-slot' });
      mount(page, header(ctx, project), analysisView(project, () => ctx.get()), workspace);
      showWorkspace(ctx, project, workspace);
    }
  }

  /** Follows the analysis on the event stream; each progress event moves the bar. */
  function follow(project) {
    ctx.project = project;
    updateProgress({ status: project.status, job: project.job });
    ctx.live.open(project, updateProgress);
  }

  function progressCard() {
    return h('section', { class: 'card progress-card analysis-progress', 'aria-labelledby': 'analysis-stage' },
      h('div', { class: 'progress-top' },
        h('h2', { id: 'analysis-stage', class: 'stage-name' }, 'Analyzing the sample…'),
        h('span', { class: 'percent', 'aria-hidden': 'true' }, '0%')),
      h('div', { class: 'progress big', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-labelledby': 'analysis-stage' }, h('span', {})),
      h('p', { class: 'progress-meta' }, h('span', { class: 'stage-message' }, 'Waiting in line…'), h('span', { class: 'connection', dataset: { state: 'connecting' } }, 'Connecting…')),
      h('p', { class: 'hint' }, 'Pixora finds the shots and their keyframes, measures the pacing, colours and sound, and describes the video. You may leave this page: the analysis carries on.'));
  }

  function updateProgress(body) {
    const progress = body?.job?.progress;
    const card = page.querySelector('.analysis-progress');
    if (!card) return;
    if (!progress) return;
    const value = progressPercent(progress);
    card.querySelector('.progress > span').style.width = `${value}%`;
    card.querySelector('[role=progressbar]').setAttribute('aria-valuenow', String(value));
    card.querySelector('.percent').textContent = `${value}%`;
    if (progress.message) card.querySelector('.stage-message').textContent = capitalize(progress.message);
  }

  function failedCard(project) {
    return h('section', { class: 'card outcome-card failed', role: 'alert' },
      h('div', { class: 'outcome-icon', 'aria-hidden': 'true' }, '!'),
      h('h2', {}, 'The sample could not be analyzed'),
      h('p', { class: 'reason' }, project.error || project.job?.error || 'The analysis failed.'),
      h('div', { class: 'button-row centered' },
        h('a', { class: 'button primary', href: '/remix', 'data-link': true }, 'Upload another video'),
        h('button', { type: 'button', class: 'button danger-outline', onclick: () => remove(project) }, 'Delete project')));
  }

  async function remove(project) {
    const ok = await confirmDialog({
      title: 'Delete this project?', danger: true, confirm: 'Delete project', cancel: 'Keep it',
      message: `“${project.title}”, its uploads, analysis, plans and chat will be deleted. Videos already made from it stay in My videos.`,
    });
    if (!ok || disposed) return;
    try {
      await ctx.get('', { method: 'DELETE' });
      toast(`“${project.title}” was deleted.`, 'success');
      navigate('/projects', { replace: true });
    } catch (error) {
      if (error.name !== 'AbortError') toast(`The project could not be deleted. ${errorSentence(error)}`, 'error');
    }
  }

  await load();
  return () => {
    disposed = true;
    stopAll();
    abort.abort();
    for (const video of page.querySelectorAll('video')) video.pause();
  };
}

/** The page header: back link, title (rename in place), status, date, topic and the uploads. */
function header(ctx, project) {
  const title = h('h1', { class: 'video-title' }, project.title);
  const box = h('div', { class: 'title-box' }, title);
  const renameButton = h('button', { type: 'button', class: 'icon-button rename-button', 'aria-label': 'Rename the project', title: 'Rename' }, '✎');
  renameButton.addEventListener('click', () => startRename(ctx, project, box, title, renameButton, 'Project title'));
  box.append(renameButton);
  const extras = (project.files || []).filter((file) => file.role !== 'sample');
  return h('header', { class: 'page-header video-header' },
    h('div', { class: 'video-header-main' },
      h('a', { class: 'back-link', href: '/projects', 'data-link': true }, '← Remix projects'),
      box,
      h('p', { class: 'video-meta' },
        statusBadge(project.status),
        h('span', {}, formatDateTime(project.createdAt)),
        h('span', {}, plural(project.videoCount || 0, 'video')),
        extras.map((file) => h('span', { class: 'chip static' }, `${FILE_ROLES[file.role] || file.role}: ${file.name || file.contentType}`))),
      project.topic ? h('p', { class: 'project-topic' }, h('span', { class: 'muted' }, 'Topic: '), project.topic) : null));
}

const FILE_ROLES = { character: 'Character', music: 'Music', voiceOver: 'Voice-over' };
