// Dashboard (/dashboard): the user's library as a card grid with search, filters (status, aspect, favorites,
// collection, expiring soon) and sort, all kept in the URL so reload and back restore them; "Load more" paging,
// a star and collections per card, the collections dialog, delete with confirmation, and a light status poll while
// any video on screen is still queued or running.

import { api } from '../api.js';
import { refreshUser } from '../app.js';
import { h, mount, toast, errorSentence, confirmDialog, loading, emptyState, failure, useStyles } from '../ui.js';
import { debounce } from '../debounce.js';
import { lineIcon } from '../icons.js';
import { STATUS_LABELS, isActive } from '../status.js';
import { videoCard } from '../dashboard/video-card.js';
import { loadCollections, manageCollections, chooseCollections } from '../dashboard/collections.js';

const PAGE_SIZE = 24;
const POLL_MS = 5000;
const SEARCH_DELAY_MS = 300;
const STATUSES = [
  ['', 'All statuses'],
  ...['queued', 'running', 'paused', 'completed', 'failed', 'cancelled', 'expired']
    .map((status) => [status, STATUS_LABELS[status]]),
];
const SORTS = [
  ['newest', 'Newest first'], ['oldest', 'Oldest first'], ['title', 'Title A–Z'], ['expiring', 'Expiring first'],
];
const ASPECTS = [['', 'Any shape'], ['16:9', '16:9 landscape'], ['9:16', '9:16 vertical'], ['1:1', '1:1 square']];

export async function render(main, { query }) {
  useStyles('/css/dashboard.css');

  // Everything the page knows lives here; nothing leaks to module scope.
  const state = {
    q: (query.get('q') || '').slice(0, 200),
    status: STATUSES.some(([value]) => value && value === query.get('status')) ? query.get('status') : '',
    sort: SORTS.some(([value]) => value === query.get('sort')) ? query.get('sort') : 'newest',
    aspect: ASPECTS.some(([value]) => value && value === query.get('aspect')) ? query.get('aspect') : '',
    favorite: query.get('favorite') === 'true',
    expiring: query.get('expiring') === 'true',
    collection: (query.get('collection') || '').slice(0, 64),
    collections: [],
    items: [],
    nextCursor: null,
    loaded: false,
  };
  let listController = null;
  let pollController = null;
  let pollTimer = null;
  let disposed = false;

  const search = h('input', {
    type: 'search', id: 'dash-search', name: 'q', value: state.q, placeholder: 'Search titles and prompts',
    autocomplete: 'off', maxlength: '200', enterkeyhint: 'search',
  });
  const statusSelect = h('select', { id: 'dash-status', name: 'status' },
    STATUSES.map(([value, label]) => h('option', { value, selected: value === state.status }, label)));
  const sortSelect = h('select', { id: 'dash-sort', name: 'sort' },
    SORTS.map(([value, label]) => h('option', { value, selected: value === state.sort }, label)));
  const aspectSelect = h('select', { id: 'dash-aspect', name: 'aspect' },
    ASPECTS.map(([value, label]) => h('option', { value, selected: value === state.aspect }, label)));
  const collectionSelect = h('select', { id: 'dash-collection', name: 'collection' });
  const chip = (name, label) => h('button', {
    type: 'button', class: 'dash-chip', id: `dash-${name}`, 'aria-pressed': String(state[name]),
    onclick: (event) => {
      state[name] = !state[name];
      event.currentTarget.setAttribute('aria-pressed', String(state[name]));
      syncUrl();
      reload();
    },
  }, label);
  const favoriteChip = chip('favorite', h('span', {}, lineIcon('star'), 'Favorites'));
  const expiringChip = chip('expiring', 'Expiring soon');
  const manageButton = h('button', { type: 'button', class: 'button small', id: 'dash-manage-collections' },
    lineIcon('folder'), 'Collections');

  const toolbar = h('form', { class: 'dash-toolbar', role: 'search', 'aria-label': 'Filter videos', novalidate: true },
    h('div', { class: 'field dash-search' },
      h('label', { for: 'dash-search' }, 'Search'),
      h('div', { class: 'dash-search-box' }, h('span', { class: 'dash-search-icon' }, lineIcon('search')), search)),
    h('div', { class: 'field' }, h('label', { for: 'dash-status' }, 'Status'), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'dash-aspect' }, 'Shape'), aspectSelect),
    h('div', { class: 'field' }, h('label', { for: 'dash-collection' }, 'Collection'), collectionSelect),
    h('div', { class: 'field' }, h('label', { for: 'dash-sort' }, 'Sort'), sortSelect),
    h('div', { class: 'dash-chips', role: 'group', 'aria-label': 'Show only' }, favoriteChip, expiringChip,
      manageButton));

  const summary = h('p', { class: 'dash-summary muted small', 'aria-live': 'polite' });
  // Only the one-line summary is live: re-reading the whole grid on every change would drown a screen reader.
  const results = h('div', { class: 'dash-results', 'aria-busy': 'true' });
  const more = h('div', { class: 'dash-more' });
  const pollNote = h('p', { class: 'dash-poll-note small', role: 'status', hidden: true });

  mount(main, h('section', { class: 'page dashboard' },
    h('div', { class: 'page-header' },
      h('div', {}, h('h1', {}, 'My videos'), summary),
      h('div', { class: 'button-row' },
        h('a', { class: 'button', href: '/remix', 'data-link': true }, 'Remix a video'),
        h('a', { class: 'button primary', href: '/', 'data-link': true }, h('span', { 'aria-hidden': 'true' }, '+'), 'New video'))),
    toolbar, pollNote, results, more));

  const hasFilters = () =>
    Boolean(state.q || state.status || state.aspect || state.favorite || state.expiring || state.collection);

  /** The collection select: every collection by name (as text), the chosen one selected. */
  function drawCollections() {
    collectionSelect.replaceChildren(h('option', { value: '' }, 'All videos'),
      ...state.collections.map((c) => h('option', { value: c.id, selected: c.id === state.collection }, c.name)));
    // A collection deleted elsewhere (or a stale link) falls back to every video.
    if (state.collection && !state.collections.some((c) => c.id === state.collection)) state.collection = '';
    collectionSelect.value = state.collection;
  }

  /** Mirrors the filters into the address bar (replace, so back goes to the previous page, not each keystroke). */
  function syncUrl() {
    const params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    if (state.status) params.set('status', state.status);
    for (const name of ['aspect', 'collection']) if (state[name]) params.set(name, state[name]);
    for (const name of ['favorite', 'expiring']) if (state[name]) params.set(name, 'true');
    if (state.sort !== 'newest') params.set('sort', state.sort);
    const text = params.toString();
    const url = location.pathname + (text ? `?${text}` : '');
    if (url !== location.pathname + location.search) history.replaceState(history.state, '', url);
  }

  function listPath({ cursor, limit = PAGE_SIZE, status = state.status, sort = state.sort, filtered = true } = {}) {
    const params = new URLSearchParams({ limit: String(limit), sort });
    if (state.q) params.set('q', state.q);
    if (status) params.set('status', status);
    if (filtered) {
      for (const name of ['aspect', 'collection']) if (state[name]) params.set(name, state[name]);
      for (const name of ['favorite', 'expiring']) if (state[name]) params.set(name, 'true');
    }
    if (cursor) params.set('cursor', cursor);
    return `/videos?${params}`;
  }

  /** Loads the first page for the current filters, dropping any answer to an older request. */
  async function reload() {
    listController?.abort();
    const controller = new AbortController();
    listController = controller;
    results.setAttribute('aria-busy', 'true');
    if (state.loaded && state.items.length) results.classList.add('is-refreshing');
    else mount(results, loading('Loading your videos…'));
    mount(more);
    try {
      const page = await api(listPath(), { signal: controller.signal });
      if (controller.signal.aborted || disposed) return;
      state.items = page.items || [];
      state.nextCursor = page.nextCursor || null;
      state.loaded = true;
      draw();
    } catch (error) {
      if (error.name === 'AbortError' || disposed) return;
      state.loaded = false;
      summary.textContent = '';
      mount(results, failure(new Error(`Your videos could not be loaded. ${errorSentence(error)}`), () => reload()));
    } finally {
      if (listController === controller) {
        results.removeAttribute('aria-busy');
        results.classList.remove('is-refreshing');
      }
    }
    schedulePoll();
  }

  async function loadMore(button) {
    if (!state.nextCursor) return;
    button.disabled = true;
    button.replaceChildren(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'Loading…');
    const controller = new AbortController();
    listController = controller;
    try {
      const page = await api(listPath({ cursor: state.nextCursor }), { signal: controller.signal });
      if (controller.signal.aborted || disposed) return;
      const known = new Set(state.items.map((video) => video.id));
      const added = (page.items || []).filter((video) => !known.has(video.id));
      state.items.push(...added);
      state.nextCursor = page.nextCursor || null;
      draw();
      // Keep the keyboard where the new cards start instead of at the top of the page.
      const first = added[0] && results.querySelector(`[data-id="${CSS.escape(added[0].id)}"] .video-title a`);
      first?.focus();
      schedulePoll();
    } catch (error) {
      if (error.name === 'AbortError' || disposed) return;
      toast(`More videos could not be loaded. ${errorSentence(error)}`, 'error');
      button.disabled = false;
      button.textContent = 'Load more';
    }
  }

  function drawSummary() {
    const count = state.items.length;
    const matches = count === 1 && !state.nextCursor ? ' matches' : ' match';
    if (count) summary.textContent = `${count}${state.nextCursor ? '+' : ''} ${count === 1 ? 'video' : 'videos'}${hasFilters() ? matches : ''}`;
    else summary.textContent = hasFilters() ? 'No videos match' : '';
  }

  function draw() {
    const count = state.items.length;
    drawSummary();
    if (count === 0) {
      mount(more);
      if (hasFilters()) {
        mount(results, emptyState('Nothing matches',
          state.q ? `No video${state.status ? ` with status “${labelOf(state.status)}”` : ''} mentions “${state.q}”.`
            : state.status && !hasOtherFilters() ? `You have no videos with status “${labelOf(state.status)}”.`
              : 'No video passes every filter you chose.',
          h('button', { type: 'button', class: 'button', onclick: clearFilters }, 'Clear filters')));
      } else {
        mount(results, h('div', { class: 'dash-empty' },
          h('div', { class: 'dash-empty-art' }, lineIcon('play')),
          emptyState('No videos yet', 'Describe an idea in a sentence and Pixora turns it into a narrated video.',
            h('a', { class: 'button primary large', href: '/', 'data-link': true }, 'Create your first video'))));
      }
      return;
    }
    mount(results, h('ul', { class: 'video-grid', role: 'list' }, state.items.map(card)));
    mount(more, state.nextCursor
      ? h('button', { type: 'button', class: 'button', onclick: (event) => loadMore(event.currentTarget) }, 'Load more')
      : null);
  }

  function card(video) {
    return videoCard(video, { onDelete: remove, onStar: star, onCollections: collectionsOf });
  }

  function hasOtherFilters() {
    return Boolean(state.aspect || state.favorite || state.expiring || state.collection);
  }

  async function star(video, button) {
    const favorite = !video.favorite;
    button.disabled = true;
    try {
      await api(`/videos/${encodeURIComponent(video.id)}/favorite`, { method: favorite ? 'PUT' : 'DELETE' });
    } catch (error) {
      button.disabled = false;
      toast(`The favorite could not be changed. ${errorSentence(error)}`, 'error');
      return;
    }
    if (disposed) return;
    video.favorite = favorite;
    if (state.favorite && !favorite) {
      state.items = state.items.filter((item) => item.id !== video.id);
      draw();
      return;
    }
    swapCard(video.id, card(video));
  }

  async function collectionsOf(video, button) {
    await chooseCollections(video, state.collections, () => {});
    if (disposed) return;
    // The counts and this card changed; a video taken out of the collection on screen leaves the list.
    refreshCollections();
    if (state.collection && !(video.collectionIds || []).includes(state.collection)) {
      state.items = state.items.filter((item) => item.id !== video.id);
      draw();
    } else {
      swapCard(video.id, card(video));
    }
    results.querySelector(`[data-id="${CSS.escape(video.id)}"] [data-role="collections"]`)?.focus() || button.focus();
  }

  async function refreshCollections() {
    try {
      state.collections = await loadCollections();
    } catch (error) {
      toast(`Your collections could not be loaded. ${errorSentence(error)}`, 'error');
    }
    if (!disposed) drawCollections();
  }

  async function remove(video, button) {
    const title = video.title || 'this video';
    const active = isActive(video.status);
    const ok = await confirmDialog({
      title: 'Delete this video?',
      message: active
        ? `“${title}” is still being generated. Deleting it cancels the generation and refunds the ${video.creditsUsed} credits it was charged. This cannot be undone.`
        : `“${title}”, its scenes and all its versions will be deleted for good. This cannot be undone.`,
      confirm: active ? 'Cancel and delete' : 'Delete video',
      cancel: 'Keep it',
      danger: true,
    });
    if (!ok || disposed) {
      button.focus();
      return;
    }
    button.disabled = true;
    try {
      await api(`/videos/${encodeURIComponent(video.id)}`, { method: 'DELETE' });
    } catch (error) {
      if (error.status !== 404) {
        button.disabled = false;
        button.focus();
        toast(`“${title}” could not be deleted. ${errorSentence(error)}`, 'error');
        return;
      }
      // Already gone (deleted in another tab): drop the card all the same.
    }
    if (disposed) return;
    const index = state.items.findIndex((item) => item.id === video.id);
    state.items = state.items.filter((item) => item.id !== video.id);
    draw();
    toast(active ? `“${title}” was cancelled and deleted; ${video.creditsUsed} credits were refunded.` : `“${title}” was deleted.`, 'success');
    if (active) refreshUser();
    // Focus the card that took its place (or the search box) so the keyboard is not thrown to the top.
    const next = state.items[Math.min(index, state.items.length - 1)];
    const target = next && results.querySelector(`[data-id="${CSS.escape(next.id)}"] .video-title a`);
    (target || search).focus();
    schedulePoll();
  }

  /**
   * While something on screen is queued or running, one list request every 5 s updates the statuses. It asks for
   * the newest 100 without the status filter, so a video that just finished is still found even when the filter
   * is "Generating", and active videos (almost always the newest) are covered whatever the sort.
   */
  function schedulePoll() {
    clearTimeout(pollTimer);
    if (disposed || !state.items.some((video) => isActive(video.status))) return;
    pollTimer = setTimeout(poll, POLL_MS);
  }

  async function poll() {
    if (disposed) return;
    if (document.hidden) {
      schedulePoll();
      return;
    }
    pollController?.abort();
    const controller = new AbortController();
    pollController = controller;
    try {
      const page = await api(listPath({ limit: 100, status: '', sort: 'newest', filtered: false }), { signal: controller.signal });
      if (controller.signal.aborted || disposed) return;
      pollNote.hidden = true;
      applyPoll(page);
    } catch (error) {
      if (error.name === 'AbortError' || disposed) return;
      pollNote.textContent = `Live status updates are paused: ${errorSentence(error)} Trying again in a few seconds.`;
      pollNote.hidden = false;
    }
    schedulePoll();
  }

  function applyPoll(page) {
    const fresh = new Map((page.items || []).map((video) => [video.id, video]));
    const complete = !page.nextCursor;
    const replaced = [];
    const removed = [];
    let refund = false;
    state.items = state.items.flatMap((video) => {
      if (!isActive(video.status)) return [video];
      const latest = fresh.get(video.id);
      // Missing from a complete answer: deleted elsewhere.
      if (!latest) {
        if (!complete) return [video];
        removed.push(video.id);
        return [];
      }
      if (latest.status === video.status && latest.title === video.title) return [video];
      if (latest.status === 'failed' || latest.status === 'cancelled') refund = true;
      if (latest.status === 'completed') toast(`“${latest.title || 'Your video'}” is ready.`, 'success');
      replaced.push(latest);
      return [latest];
    });
    if (!state.items.length && removed.length) {
      draw();
      return;
    }
    // Only the cards that changed are swapped, so focus, hover and the rest of the grid stay put.
    for (const video of replaced) swapCard(video.id, card(video));
    for (const id of removed) swapCard(id, null);
    if (removed.length) drawSummary();
    if (refund) refreshUser();
  }

  function swapCard(id, replacement) {
    const old = results.querySelector(`.video-card[data-id="${CSS.escape(id)}"]`);
    if (!old) return;
    const role = old.contains(document.activeElement) ? document.activeElement.dataset.role : null;
    if (replacement) old.replaceWith(replacement);
    else old.remove();
    if (role && replacement) (replacement.querySelector(`[data-role="${role}"]`) || replacement.querySelector('[data-role="title"]')).focus({ preventScroll: true });
  }

  function labelOf(status) {
    return STATUSES.find(([value]) => value === status)?.[1] || status;
  }

  function clearFilters() {
    Object.assign(state, { q: '', status: '', aspect: '', favorite: false, expiring: false, collection: '' });
    search.value = '';
    statusSelect.value = '';
    aspectSelect.value = '';
    collectionSelect.value = '';
    favoriteChip.setAttribute('aria-pressed', 'false');
    expiringChip.setAttribute('aria-pressed', 'false');
    syncUrl();
    reload();
    search.focus();
  }

  function applySearch() {
    searchSoon.cancel();
    const value = search.value.trim().slice(0, 200);
    if (value === state.q) return;
    state.q = value;
    syncUrl();
    reload();
  }

  const searchSoon = debounce(applySearch, SEARCH_DELAY_MS);
  search.addEventListener('input', searchSoon);
  // Escape in a non-empty search box clears it (type=search does this natively in Chromium, this makes it sure).
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && search.value) {
      search.value = '';
      applySearch();
    }
  });
  toolbar.addEventListener('submit', (event) => {
    event.preventDefault();
    applySearch();
  });
  statusSelect.addEventListener('change', () => {
    state.status = statusSelect.value;
    syncUrl();
    reload();
  });
  for (const [select, name] of [[sortSelect, 'sort'], [aspectSelect, 'aspect'], [collectionSelect, 'collection']]) {
    select.addEventListener('change', () => {
      state[name] = select.value;
      syncUrl();
      reload();
    });
  }
  manageButton.addEventListener('click', async () => {
    let changed = false;
    await manageCollections(state.collections, () => { changed = true; });
    if (disposed) return;
    drawCollections();
    syncUrl();
    // Deleting a collection changes the cards' collections, and maybe the collection the list shows.
    if (changed) reload();
    manageButton.focus();
  });
  const onVisible = () => { if (!document.hidden) schedulePoll(); };
  document.addEventListener('visibilitychange', onVisible);

  await refreshCollections();
  syncUrl();
  await reload();

  return () => {
    disposed = true;
    searchSoon.cancel();
    clearTimeout(pollTimer);
    listController?.abort();
    pollController?.abort();
    document.removeEventListener('visibilitychange', onVisible);
  };
}
