// A guided studio project (/studio/:id, ?step=frames selects a step): the step navigator and the chosen step's
// panel. Everything shown comes from the project the server answers with, so a reload or another device continues
// where it was; a running step is followed on the project's event stream (also while it is paused, with Pause /
// Resume and Cancel on its card) and the project is read again at its end.

import { api } from '../api.js';
import { navigate, refreshUser } from '../app.js';
import { h, mount, toast, loading, failure, emptyState, useStyles, errorText } from '../ui.js';
import { capitalize, formatDateTime } from '../format.js';
import { progressPercent } from '../stream.js';
import { settingsOptions } from '../options.js';
import { Live } from '../video/live.js';
import { stepNavigator } from '../studio/navigator.js';
import { stepPanel } from '../studio/panel.js';
import { activeStep, stepView } from '../studio/step-state.js';
import { stepParts } from '../studio/parts.js';
import { busy, moveRun } from '../studio/actions.js';

export async function render(main, { params, query }) {
  for (const sheet of ['pages', 'studio']) useStyles(`/css/${sheet}.css`);
  const page = main.appendChild(h('div', { class: 'page studio-page' }));
  // Requests stop when the page is left; the project's API path is the one studio projects share with remixes.
  const abort = new AbortController();
  const path = `/projects/${encodeURIComponent(params.id)}`;
  let disposed = false;

  const messageBox = h('div', { class: 'panel-message', role: 'alert', hidden: true });
  const ctx = {
    project: null,
    selected: query.get('step'),
    options: null,
    models: [],
    /** Choices kept while the page is open (a model per scene), so a redraw does not forget them. */
    choices: {},
    messageBox,
    get disposed() { return disposed; },
    get: (suffix = '', options = {}) => api(path + suffix, { signal: abort.signal, ...options }),
    show,
    fail(error) {
      messageBox.textContent = errorText(error);
      messageBox.hidden = false;
      messageBox.scrollIntoView?.({ block: 'nearest' });
    },
    clearMessage() {
      messageBox.textContent = '';
      messageBox.hidden = true;
    },
    /** Scene id → its number in the storyboard (1, 2, …). */
    sceneNumbers() {
      const scenes = ctx.project?.workflow.outputs.storyboard?.plan.scenes || [];
      return Object.fromEntries(scenes.map((scene, index) => [scene.id, index + 1]));
    },
    live: new Live({
      page,
      isDisposed: () => disposed,
      onEnd: () => reload(true),
      onDeleted: () => {
        toast('This project was deleted.', 'info');
        navigate('/projects', { replace: true });
      },
      reconnect: async () => show(await ctx.get()),
    }),
  };

  async function load() {
    mount(page, loading('Loading the project…'));
    try {
      const [project, options, catalogue] = await Promise.all([
        ctx.get(), settingsOptions(), api('/studio/models', { signal: abort.signal })]);
      ctx.options = options;
      ctx.models = catalogue.models;
      if (project.kind !== 'studio') {
        navigate(`/projects/${encodeURIComponent(project.id)}`, { replace: true });
        return;
      }
      show(project);
    } catch (error) {
      if (error.name !== 'AbortError') mount(page, error.status === 404 ? missing() : failure(error, load));
    }
  }

  /** Reads the project again; after a run, says how it ended. */
  async function reload(finished = false) {
    try {
      const running = ctx.project && activeStep(ctx.project);
      const fresh = await ctx.get();
      if (finished && running) {
        const after = stepView(fresh, running.step);
        if (after.state === 'review') toast(`${running.title}: ready for review.`, 'success');
        else if (after.state === 'failed') {
          toast(`${running.title} failed: ${after.error || 'no reason given'}`, 'error');
        }
        refreshUser();
      }
      show(fresh);
    } catch (error) {
      if (error.name !== 'AbortError') ctx.fail(error);
    }
  }

  /** The step to show when none is asked for: the one in progress, else the first one not done. */
  function defaultStep(project) {
    const steps = project.workflow.steps;
    return (activeStep(project) || steps.find((view) => ['review', 'ready', 'stale', 'failed'].includes(view.state))
      || steps[steps.length - 1]).step;
  }

  function select(step) {
    ctx.clearMessage();
    show(ctx.project, step);
    page.querySelector('.step-panel h2')?.focus();
  }

  function show(project, selected = null) {
    ctx.live.close();
    ctx.project = project;
    if (selected) {
      ctx.selected = selected;
      const url = new URL(location.href);
      url.searchParams.set('step', selected);
      history.replaceState(history.state, '', url.pathname + url.search);
    }
    if (!project.workflow.steps.some((view) => view.step === ctx.selected)) ctx.selected = defaultStep(project);
    document.title = `${project.title} · Studio · Pixora`;
    const view = stepView(project, ctx.selected);
    const progress = progressCard(project);
    const part = stepParts[view.step](ctx, view);
    const panel = stepPanel(ctx, view, part, progress);
    panel.querySelector('h2').tabIndex = -1;
    mount(page, header(project), h('div', { class: 'studio-layout' },
      stepNavigator(project, ctx.selected, select), h('div', { class: 'studio-main' }, panel)));
    if (activeStep(project)) ctx.live.open(project, updateProgress);
  }

  function progressCard(project) {
    const active = activeStep(project);
    if (!active) return null;
    const paused = active.state === 'paused';
    const move = (action, label, look) => {
      const button = h('button', { type: 'button', class: `button small ${look}`, dataset: { role: action },
        onclick: () => busy(button, () => moveRun(ctx, active, action)) }, label);
      return button;
    };
    const card = h('section', { class: `progress-card step-progress${paused ? ' paused' : ''}`,
      'aria-labelledby': 'step-stage' },
      h('div', { class: 'progress-top' },
        h('h3', { id: 'step-stage', class: 'stage-name' }, `${active.title}: ${paused ? 'paused' : 'working…'}`),
        h('span', { class: 'percent', 'aria-hidden': 'true' }, '0%')),
      h('div', { class: `progress big${paused ? ' paused' : ''}`, role: 'progressbar', 'aria-valuemin': 0,
        'aria-valuemax': 100, 'aria-valuenow': 0, 'aria-labelledby': 'step-stage' }, h('span', {})),
      h('p', { class: 'progress-meta' }, h('span', { class: 'stage-message' }, paused
        ? 'Nothing more is made until you resume; what was made so far is kept. Pausing costs nothing.'
        : 'Waiting in line…'),
      h('span', { class: 'connection', dataset: { state: 'connecting' } }, 'Connecting…')),
      h('div', { class: 'button-row step-run-actions' },
        paused ? move('resume', 'Resume', 'primary') : move('pause', 'Pause', 'ghost'),
        move('cancel', 'Cancel the run', 'danger-outline')),
      h('p', { class: 'hint' },
        'You may leave this page: the step carries on, and the project shows it when you come back.'));
    queueMicrotask(() => updateProgress({ job: project.job }));
    return card;
  }

  function updateProgress(body) {
    const progress = body?.job?.progress;
    const card = page.querySelector('.step-progress');
    if (!card || !progress) return;
    const value = progressPercent(progress);
    card.querySelector('.progress > span').style.width = `${value}%`;
    card.querySelector('[role=progressbar]').setAttribute('aria-valuenow', String(value));
    card.querySelector('.percent').textContent = `${value}%`;
    if (progress.message && !card.classList.contains('paused')) {
      card.querySelector('.stage-message').textContent = capitalize(progress.message);
    }
  }

  await load();
  return () => {
    disposed = true;
    ctx.live.close();
    abort.abort();
    for (const media of page.querySelectorAll('video, audio')) media.pause();
  };
}

function missing() {
  return emptyState('Project not found', 'It may have been deleted, or the link is wrong.',
    h('a', { class: 'button primary', href: '/projects', 'data-link': true }, 'Go to my projects'));
}

/** The page header: back link, title, topic, settings and when it was made. */
function header(project) {
  const settings = project.workflow.settings;
  return h('header', { class: 'page-header studio-header' },
    h('div', {},
      h('a', { class: 'back-link', href: '/projects', 'data-link': true }, '← Projects'),
      h('h1', { class: 'video-title' }, project.title),
      h('p', { class: 'video-meta' },
        h('span', { class: 'chip static' }, 'Guided studio'),
        h('span', {}, `${settings.aspectRatio} · ${settings.quality} · ${settings.durationSeconds} s`),
        h('span', {}, formatDateTime(project.createdAt))),
      h('p', { class: 'project-topic' }, h('span', { class: 'muted' }, 'Topic: '), project.topic)));
}
