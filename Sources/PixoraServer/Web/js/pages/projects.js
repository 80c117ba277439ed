// Projects (/projects): the user's remix and guided studio projects, newest first, with status, title, topic,
// created date and how many videos were made from each remix; rename in place, delete with confirmation, "Load
// more" paging, a star per project and a Favorites filter (kept in the URL), and a light refresh while an analysis
// is running. A studio project opens at /studio/:id.

import { api } from '../api.js';
import { h, mount, toast, errorSentence, confirmDialog, loading, emptyState, failure, useStyles } from '../ui.js';
import { formatDate, plural, shorten } from '../format.js';
import { lineIcon } from '../icons.js';
import { statusBadge } from '../status.js';
import { startRename } from '../video/header.js';

const PAGE_SIZE = 24;
const POLL_MS = 5000;

export async function render(main, { query } = {}) {
  useStyles('/css/pages.css');
  useStyles('/css/remix.css');
  useStyles('/css/dashboard.css');
  const abort = new AbortController();
  const state = { items: [], nextCursor: null, favorite: query?.get('favorite') === 'true' };
  let pollTimer = null;
  let disposed = false;

  const list = h('div', { class: 'project-results', 'aria-busy': 'true' });
  const favoriteChip = h('button', {
    type: 'button', class: 'dash-chip', id: 'projects-favorite', 'aria-pressed': String(state.favorite),
    onclick: () => {
      state.favorite = !state.favorite;
      favoriteChip.setAttribute('aria-pressed', String(state.favorite));
      const url = location.pathname + (state.favorite ? '?favorite=true' : '');
      history.replaceState(history.state, '', url);
      load();
    },
  }, h('span', {}, lineIcon('star'), 'Favorites'));
  const more = h('div', { class: 'dash-more' });
  mount(main, h('section', { class: 'page projects-page' },
    h('div', { class: 'page-header' },
      h('div', {}, h('h1', {}, 'Projects'),
        h('p', { class: 'muted small' },
          'Videos you uploaded to remix, and guided studio projects taken step by step.'),
        h('div', { class: 'dash-chips', role: 'group', 'aria-label': 'Show only' }, favoriteChip)),
      h('div', { class: 'button-row' },
        h('a', { class: 'button', href: '/studio/new', 'data-link': true },
          h('span', { 'aria-hidden': 'true' }, '+'), 'New studio project'),
        h('a', { class: 'button primary', href: '/remix', 'data-link': true },
          h('span', { 'aria-hidden': 'true' }, '+'), 'Remix a video'))),
    list, more));

  const get = (path, options = {}) => api(path, { signal: abort.signal, ...options });

  async function load() {
    mount(list, loading('Loading your projects…'));
    try {
      const page = await get(listPath());
      state.items = page.items || [];
      state.nextCursor = page.nextCursor || null;
      draw();
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(list, failure(new Error(`Your projects could not be loaded. ${errorSentence(error)}`), load));
    } finally {
      list.removeAttribute('aria-busy');
    }
    schedulePoll();
  }

  async function loadMore(button) {
    button.disabled = true;
    try {
      const page = await get(listPath(state.nextCursor));
      const known = new Set(state.items.map((item) => item.id));
      state.items.push(...(page.items || []).filter((item) => !known.has(item.id)));
      state.nextCursor = page.nextCursor || null;
      draw();
    } catch (error) {
      if (error.name === 'AbortError') return;
      button.disabled = false;
      toast(`More projects could not be loaded. ${errorSentence(error)}`, 'error');
    }
  }

  function listPath(cursor) {
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (state.favorite) params.set('favorite', 'true');
    if (cursor) params.set('cursor', cursor);
    return `/projects?${params}`;
  }

  async function star(project, button) {
    const favorite = !project.favorite;
    button.disabled = true;
    try {
      await get(`/projects/${encodeURIComponent(project.id)}/favorite`, { method: favorite ? 'PUT' : 'DELETE' });
    } catch (error) {
      if (error.name === 'AbortError') return;
      button.disabled = false;
      toast(`The favorite could not be changed. ${errorSentence(error)}`, 'error');
      return;
    }
    project.favorite = favorite;
    if (state.favorite && !favorite) state.items = state.items.filter((item) => item.id !== project.id);
    draw();
    list.querySelector(`[data-id="${CSS.escape(project.id)}"] [data-role="star"]`)?.focus();
  }

  function draw() {
    if (!state.items.length && state.favorite) {
      mount(list, emptyState('No favorite projects', 'Star a project to find it here.'));
      mount(more);
      return;
    }
    if (!state.items.length) {
      mount(list, emptyState('No remix projects yet',
        'Upload a video you like and Pixora plans one like it on your topic, '
        + 'or take a topic through the guided studio step by step.',
        h('div', { class: 'button-row centered' },
          h('a', { class: 'button primary large', href: '/remix', 'data-link': true }, 'Remix a video'),
          h('a', { class: 'button large', href: '/studio/new', 'data-link': true }, 'New studio project'))));
      mount(more);
      return;
    }
    mount(list, h('ul', { class: 'project-list', role: 'list' }, state.items.map(card)));
    mount(more, state.nextCursor
      ? h('button', { type: 'button', class: 'button', onclick: (event) => loadMore(event.currentTarget) }, 'Load more')
      : null);
  }

  function card(project) {
    const studio = project.kind === 'studio';
    const href = `/${studio ? 'studio' : 'projects'}/${encodeURIComponent(project.id)}`;
    // The title is plain text (the shared rename form writes the new one into it); "Open" is the link.
    const heading = h('h2', { class: 'project-title' }, project.title || 'Untitled project');
    const titleBox = h('div', { class: 'title-box' }, heading);
    const renameButton = h('button', {
      type: 'button', class: 'icon-button rename-button', 'aria-label': `Rename ${project.title}`, title: 'Rename',
    }, '✎');
    const ctx = { get: (suffix, options) => get(`/projects/${encodeURIComponent(project.id)}${suffix}`, options) };
    renameButton.addEventListener('click', () => startRename(ctx, project, titleBox, heading, renameButton, 'Project title', () => {
      // The card's labels name the project: draw it again, and keep the list's own tab title.
      document.title = 'Projects · Pixora';
      const fresh = card(project);
      cardElement.replaceWith(fresh);
      fresh.querySelector('.rename-button').focus();
    }));
    titleBox.append(renameButton);
    const cardElement = h('li', { class: `card project-card status-${project.status}`, dataset: { id: project.id } },
      h('div', { class: 'project-card-main' },
        titleBox,
        project.topic ? h('p', { class: 'project-topic muted small' }, shorten(project.topic, 160)) : null,
        h('p', { class: 'video-meta' },
          statusBadge(project.status),
          h('time', { datetime: project.createdAt }, formatDate(project.createdAt)),
          studio ? h('span', { class: 'chip static' }, 'Guided studio')
            : h('span', { class: 'project-video-count' }, plural(project.videoCount || 0, 'video')),
          project.latestPlan ? h('span', {}, `plan v${project.latestPlan}`) : null),
        project.status === 'failed' && project.error ? h('p', { class: 'video-error small' }, project.error) : null),
      h('div', { class: 'button-row project-actions' },
        h('button', {
          type: 'button', class: 'button small project-star', 'aria-pressed': String(Boolean(project.favorite)),
          'aria-label': `Favorite: ${project.title}`, dataset: { role: 'star' },
          title: project.favorite ? 'Remove from favorites' : 'Add to favorites',
          onclick: (event) => star(project, event.currentTarget),
        }, lineIcon('star')),
        h('a', { class: 'button small primary', href, 'data-link': true, 'aria-label': `Open ${project.title}` }, 'Open'),
        h('button', {
          type: 'button', class: 'button small danger-outline', 'aria-label': `Delete ${project.title}`,
          onclick: (event) => remove(project, event.currentTarget),
        }, lineIcon('trash'), 'Delete')));
    return cardElement;
  }

  async function remove(project, button) {
    const ok = await confirmDialog({
      title: 'Delete this project?',
      message: `“${project.title}”, its uploads, analysis, plans and chat will be deleted. Videos already made from it stay in My videos.`,
      confirm: 'Delete project', cancel: 'Keep it', danger: true,
    });
    if (!ok || disposed) return;
    button.disabled = true;
    try {
      await get(`/projects/${encodeURIComponent(project.id)}`, { method: 'DELETE' });
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (error.status !== 404) {
        button.disabled = false;
        toast(`“${project.title}” could not be deleted. ${errorSentence(error)}`, 'error');
        return;
      }
    }
    state.items = state.items.filter((item) => item.id !== project.id);
    draw();
    toast(`“${project.title}” was deleted.`, 'success');
  }

  /** While an analysis runs, the first page is read again every few seconds for the statuses. */
  function schedulePoll() {
    clearTimeout(pollTimer);
    if (disposed || !state.items.some((item) => item.status === 'analyzing')) return;
    pollTimer = setTimeout(async () => {
      if (document.hidden || list.querySelector('.rename-form')) {
        schedulePoll();
        return;
      }
      try {
        const page = await get(`/projects?limit=${PAGE_SIZE}`);
        const fresh = new Map((page.items || []).map((item) => [item.id, item]));
        state.items = state.items.map((item) => fresh.get(item.id) || item);
        draw();
      } catch (error) {
        if (error.name === 'AbortError') return;
      }
      schedulePoll();
    }, POLL_MS);
  }

  await load();
  return () => {
    disposed = true;
    clearTimeout(pollTimer);
    abort.abort();
  };
}
