// Profile (/profile): name and avatar, credit balance with prices, the credits ledger, 30-day usage charts (inline
// SVG built with DOM calls) and the appearance setting. Each section loads on its own, so one failing request
// only affects its own card.

import { api, currentUser, updateUser, setCredits } from '../api.js';
import { guardLeave } from '../app.js';
import {
  h, mount, toast, errorText, showFormErrors, clearFormErrors, setFieldError, formatDateTime, loading,
  failure, useStyles,
} from '../ui.js';
import { themePreference, setTheme } from '../theme.js';

const NAME_MAX = 100;
const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_TYPES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };
const TRANSACTIONS_PAGE = 20;
const USAGE_DAYS = 30;
const SVG = 'http://www.w3.org/2000/svg';

// Ledger reasons in words. The server's names are in PixoraStore/CreditLedger.swift; the short aliases are kept
// in case older rows or other servers use them.
const REASONS = {
  signup_grant: 'Welcome credits',
  video_charge: 'Video',
  video_refund: 'Refund',
  refund: 'Refund',
  scene_regeneration: 'Scene regeneration',
  scene_charge: 'Scene regeneration',
  scene_regeneration_refund: 'Scene regeneration refund',
  admin_adjustment: 'Adjustment',
  admin_grant: 'Adjustment',
};

const STATUS_ORDER = [
  ['completed', 'Ready'], ['running', 'Generating'], ['queued', 'Queued'], ['failed', 'Failed'], ['cancelled', 'Cancelled'],
];

export async function render(main) {
  useStyles('/css/profile.css');
  const controller = new AbortController();
  const { signal } = controller;
  const teardown = [() => controller.abort()];
  let disposed = false;

  const user = currentUser() || {};
  const account = accountSection(user, signal, teardown);
  const credits = h('section', { class: 'card profile-credits', 'aria-labelledby': 'credits-title' });
  const appearance = appearanceSection(teardown);
  const usage = h('section', { class: 'card profile-usage', 'aria-labelledby': 'usage-title' });
  const history = h('section', { class: 'card profile-history', 'aria-labelledby': 'history-title' });

  mount(main, h('section', { class: 'page profile' },
    h('div', { class: 'page-header' },
      h('div', {}, h('h1', {}, 'Profile'), h('p', { class: 'muted profile-lead' }, 'Your account, credits and preferences.'))),
    h('div', { class: 'profile-grid' }, account.element, credits, appearance, usage, history)));

  account.refresh();
  loadCredits(credits, signal);
  loadUsage(usage, signal, teardown);
  loadHistory(history, signal);

  teardown.push(guardLeave(() => (disposed ? null : account.pendingMessage())));
  return () => {
    disposed = true;
    for (const undo of teardown) {
      try { undo(); } catch (error) { console.warn('profile cleanup', error); }
    }
  };
}

/* ---------- Account: avatar, name, email ---------- */

function accountSection(user, signal, teardown) {
  let saved = user;
  let pendingFile = null;
  let previewUrl = null;

  const avatarBox = h('div', { class: 'avatar avatar-large' });
  const fileInput = h('input', {
    type: 'file', accept: Object.keys(AVATAR_TYPES).join(','), class: 'visually-hidden', id: 'avatar-file',
    tabindex: '-1', 'aria-hidden': 'true',
  });
  const chooseButton = h('button', { type: 'button', class: 'button small', onclick: () => fileInput.click() }, 'Upload picture');
  const saveAvatarButton = h('button', { type: 'button', class: 'button small primary', hidden: true, onclick: uploadAvatar }, 'Save picture');
  const cancelAvatarButton = h('button', { type: 'button', class: 'button small ghost', hidden: true, onclick: discardPreview }, 'Cancel');
  const avatarNote = h('p', { class: 'hint avatar-note', id: 'avatar-note' }, 'PNG, JPEG or WebP, up to 2 MB.');
  const avatarError = h('p', { class: 'field-error avatar-error', role: 'alert', hidden: true });

  const nameInput = h('input', {
    type: 'text', id: 'profile-name', name: 'name', value: user.name || '', autocomplete: 'name', placeholder: 'What should we call you?',
    'aria-describedby': 'name-count',
  });
  const nameCount = h('span', { class: 'hint name-count', id: 'name-count', 'aria-live': 'polite' });
  const nameButton = h('button', { type: 'submit', class: 'button primary' }, 'Save name');
  const nameForm = h('form', { class: 'profile-name-form', novalidate: true },
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'field' },
      h('div', { class: 'label-row' }, h('label', { for: 'profile-name' }, 'Display name'), nameCount),
      nameInput),
    h('div', { class: 'button-row' }, nameButton));

  const emailInput = h('input', { type: 'email', id: 'profile-email', value: user.email || '', readonly: true, 'aria-describedby': 'email-hint' });
  const memberSince = h('p', { class: 'hint member-since' });

  const element = h('section', { class: 'card profile-account', 'aria-labelledby': 'account-title' },
    h('h2', { id: 'account-title' }, 'Account'),
    h('div', { class: 'avatar-row' },
      avatarBox,
      h('div', { class: 'avatar-controls' },
        h('div', { class: 'button-row' }, chooseButton, saveAvatarButton, cancelAvatarButton),
        avatarNote, avatarError, fileInput)),
    nameForm,
    h('div', { class: 'field' },
      h('label', { for: 'profile-email' }, 'Email'),
      emailInput,
      h('span', { class: 'hint', id: 'email-hint' }, 'Your sign-in address. It cannot be changed here.')),
    memberSince);

  function showUser(next) {
    saved = { ...saved, ...next };
    if (!pendingFile) drawAvatar(saved.avatarUrl);
    if (document.activeElement !== nameInput) nameInput.value = saved.name || '';
    emailInput.value = saved.email || '';
    memberSince.textContent = saved.createdAt
      ? `Member since ${new Date(saved.createdAt).toLocaleDateString(undefined, { year: 'numeric', month: 'long', day: 'numeric' })}`
      : '';
    countName();
  }

  function drawAvatar(url, isPreview = false) {
    // Up to two initials of the name; without a name, the first letter of the email.
    const name = (saved.name || '').trim();
    const initials = (name
      ? name.split(/\s+/).slice(0, 2).map((part) => part[0]).join('')
      : (saved.email || '?')[0]).toUpperCase();
    avatarBox.classList.toggle('is-preview', isPreview);
    if (!url) {
      mount(avatarBox, h('span', { class: 'avatar-initials', 'aria-hidden': 'true' }, initials));
      avatarBox.setAttribute('role', 'img');
      avatarBox.setAttribute('aria-label', 'No profile picture yet');
      return;
    }
    avatarBox.removeAttribute('role');
    avatarBox.removeAttribute('aria-label');
    const image = h('img', { src: url, alt: isPreview ? 'Preview of your new profile picture' : 'Your profile picture' });
    // A signed link that expired while the page was open: show the initials rather than a broken image.
    image.addEventListener('error', () => { if (!isPreview) drawAvatar(null); }, { once: true });
    mount(avatarBox, image, isPreview ? h('span', { class: 'avatar-tag' }, 'Preview') : null);
  }

  function countName() {
    const length = nameInput.value.trim().length;
    nameCount.textContent = `${length}/${NAME_MAX}`;
    nameCount.classList.toggle('over', length > NAME_MAX);
  }

  function avatarProblem(file) {
    if (!AVATAR_TYPES[file.type]) {
      return `“${file.name}” is not a PNG, JPEG or WebP image${file.type ? ` (it is ${file.type})` : ''}. Choose another picture.`;
    }
    if (file.size > AVATAR_MAX_BYTES) {
      return `“${file.name}” is ${formatBytes(file.size)}; a profile picture can be at most 2 MB. Choose a smaller one.`;
    }
    if (file.size === 0) return `“${file.name}” is empty.`;
    return null;
  }

  function showAvatarError(message) {
    avatarError.textContent = message || '';
    avatarError.hidden = !message;
  }

  async function chooseFile(file) {
    if (!file) return;
    const problem = avatarProblem(file);
    if (problem) {
      showAvatarError(problem);
      fileInput.value = '';
      return;
    }
    // A file named .png that the browser cannot draw would be refused by the server too: say so now.
    const url = URL.createObjectURL(file);
    try {
      await h('img', { src: url }).decode();
    } catch {
      URL.revokeObjectURL(url);
      showAvatarError(`“${file.name}” could not be read as a picture. It may be damaged or not really a ${AVATAR_TYPES[file.type]} file.`);
      fileInput.value = '';
      return;
    }
    if (signal.aborted) {
      URL.revokeObjectURL(url);
      return;
    }
    showAvatarError(null);
    clearPreviewUrl();
    pendingFile = file;
    previewUrl = url;
    drawAvatar(previewUrl, true);
    avatarNote.textContent = `${file.name} · ${formatBytes(file.size)} · ${AVATAR_TYPES[file.type]}. Save it to use it.`;
    saveAvatarButton.hidden = false;
    cancelAvatarButton.hidden = false;
    chooseButton.textContent = 'Choose another';
    saveAvatarButton.focus();
  }

  function clearPreviewUrl() {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = null;
  }

  function discardPreview() {
    pendingFile = null;
    clearPreviewUrl();
    fileInput.value = '';
    saveAvatarButton.hidden = true;
    cancelAvatarButton.hidden = true;
    chooseButton.textContent = saved.avatarUrl ? 'Change picture' : 'Upload picture';
    avatarNote.textContent = 'PNG, JPEG or WebP, up to 2 MB.';
    drawAvatar(saved.avatarUrl);
    chooseButton.focus();
  }

  async function uploadAvatar() {
    if (!pendingFile) return;
    const problem = avatarProblem(pendingFile);
    if (problem) {
      showAvatarError(problem);
      return;
    }
    saveAvatarButton.disabled = true;
    cancelAvatarButton.disabled = true;
    chooseButton.disabled = true;
    saveAvatarButton.textContent = 'Uploading…';
    avatarBox.classList.add('is-busy');
    try {
      const next = await api('/users/me/avatar', {
        method: 'PUT', body: pendingFile, headers: { 'Content-Type': pendingFile.type }, signal,
      });
      updateUser(next);
      pendingFile = null;
      showAvatarError(null);
      showUser(next);
      discardPreview();
      toast('Profile picture saved.', 'success');
    } catch (error) {
      if (error.name === 'AbortError') return;
      // 413 (too large) and 415 (not a real PNG/JPEG/WebP) carry the server's own explanation.
      showAvatarError(`The picture was not saved. ${sentence(errorText(error))}`);
    } finally {
      saveAvatarButton.disabled = false;
      cancelAvatarButton.disabled = false;
      chooseButton.disabled = false;
      saveAvatarButton.textContent = 'Save picture';
      avatarBox.classList.remove('is-busy');
    }
  }

  async function saveName(event) {
    event.preventDefault();
    clearFormErrors(nameForm);
    const name = nameInput.value.trim();
    if (name.length > NAME_MAX) {
      setFieldError(nameInput, `At most ${NAME_MAX} characters; this is ${name.length}.`);
      nameInput.focus();
      return;
    }
    if (name === (saved.name || '')) {
      toast('Your name is already saved.', 'info');
      return;
    }
    nameButton.disabled = true;
    nameButton.textContent = 'Saving…';
    try {
      const next = await api('/users/me/profile', { method: 'PATCH', body: { name }, signal });
      updateUser(next);
      showUser(next);
      nameInput.value = next.name || '';
      countName();
      toast('Name saved.', 'success');
    } catch (error) {
      if (error.name === 'AbortError') return;
      showFormErrors(nameForm, error);
    } finally {
      nameButton.disabled = false;
      nameButton.textContent = 'Save name';
    }
  }

  nameInput.addEventListener('input', () => {
    countName();
    if (nameInput.getAttribute('aria-invalid') && nameInput.value.trim().length <= NAME_MAX) clearFormErrors(nameForm);
  });
  nameForm.addEventListener('submit', saveName);
  fileInput.addEventListener('change', () => chooseFile(fileInput.files[0]));
  // Dropping a picture on the avatar works too.
  avatarBox.addEventListener('dragover', (event) => {
    event.preventDefault();
    avatarBox.classList.add('is-drop');
  });
  avatarBox.addEventListener('dragleave', () => avatarBox.classList.remove('is-drop'));
  avatarBox.addEventListener('drop', (event) => {
    event.preventDefault();
    avatarBox.classList.remove('is-drop');
    chooseFile(event.dataTransfer?.files?.[0]);
  });
  teardown.push(clearPreviewUrl);

  showUser(user);
  chooseButton.textContent = user.avatarUrl ? 'Change picture' : 'Upload picture';

  return {
    element,
    /** Re-reads the profile: the stored copy may be old and avatar links expire after an hour. */
    async refresh() {
      try {
        const next = await api('/users/me/profile', { signal });
        updateUser(next);
        showUser(next);
        if (!pendingFile) chooseButton.textContent = next.avatarUrl ? 'Change picture' : 'Upload picture';
      } catch (error) {
        if (error.name === 'AbortError') return;
        toast(`Your profile could not be refreshed. ${sentence(errorText(error))}`, 'error');
      }
    },
    pendingMessage() {
      if (pendingFile) return 'Your new profile picture is not saved yet. Leave anyway?';
      if (nameInput.value.trim() !== (saved.name || '')) return 'Your new name is not saved yet. Leave anyway?';
      return null;
    },
  };
}

/* ---------- Credits and prices ---------- */

async function loadCredits(section, signal) {
  const retry = () => loadCredits(section, signal);
  mount(section, h('h2', { id: 'credits-title' }, 'Credits'), loading('Loading your balance…'));
  try {
    const { balance, pricing = {} } = await api('/users/me/credits', { signal });
    setCredits(balance);
    const perSecond = pricing.creditsPerSecond ?? 1;
    const rows = [
      ['New video', `${formatNumber(perSecond)} ${perSecond === 1 ? 'credit' : 'credits'} per second`, 'of the length you ask for, rounded up'],
      ['Regenerate a scene’s picture', credits(pricing.sceneVisual), 'image and clip'],
      ['Regenerate a scene’s narration', credits(pricing.sceneAudio), 'voice'],
      ['Save an edited version', pricing.versionRender ? credits(pricing.versionRender) : 'Free', 'rendered by the server'],
    ];
    mount(section,
      h('h2', { id: 'credits-title' }, 'Credits'),
      h('div', { class: 'balance' },
        h('span', { class: 'balance-number' }, formatNumber(balance)),
        h('span', { class: 'balance-unit' }, balance === 1 ? 'credit available' : 'credits available')),
      h('p', { class: 'hint' }, `Failed or cancelled videos are refunded automatically. New accounts start with ${pricing.signupGrant ?? 100} credits.`),
      h('h3', { class: 'pricing-title' }, 'Prices'),
      h('dl', { class: 'pricing' }, rows.map(([what, price, note]) => h('div', { class: 'pricing-row' },
        h('dt', {}, what, h('span', { class: 'hint' }, note)),
        h('dd', {}, price)))));
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(section, h('h2', { id: 'credits-title' }, 'Credits'),
      failure(new Error(`Your balance could not be loaded. ${sentence(errorText(error))}`), retry));
  }
}

function credits(count) {
  if (typeof count !== 'number') return '–';
  return `${formatNumber(count)} ${count === 1 ? 'credit' : 'credits'}`;
}

/* ---------- Transaction history ---------- */

async function loadHistory(section, signal) {
  const body = h('tbody');
  const moreBox = h('div', { class: 'history-more' });
  let cursor = null;

  mount(section, h('h2', { id: 'history-title' }, 'Transaction history'), loading('Loading transactions…'));

  const row = (item) => {
    const positive = item.delta > 0;
    return h('tr', {},
      h('td', { class: 'history-date' }, h('time', { datetime: item.createdAt }, formatDateTime(item.createdAt))),
      h('td', {},
        h('span', { class: `reason reason-${positive ? 'in' : 'out'}` }, REASONS[item.reason] || humanize(item.reason)),
        // On a phone the date column is hidden and the date shows under the reason instead.
        h('span', { class: 'reason-date hint', 'aria-hidden': 'true' }, formatDateTime(item.createdAt))),
      h('td', { class: `num delta ${positive ? 'plus' : 'minus'}` },
        h('span', { class: 'visually-hidden' }, positive ? 'added ' : 'spent '),
        `${positive ? '+' : '−'}${formatNumber(Math.abs(item.delta))}`),
      h('td', { class: 'num' }, formatNumber(item.balanceAfter)));
  };

  const page = async () => {
    const params = new URLSearchParams({ limit: String(TRANSACTIONS_PAGE) });
    if (cursor) params.set('cursor', cursor);
    return api(`/users/me/credits/transactions?${params}`, { signal });
  };

  const drawMore = () => mount(moreBox, cursor
    ? h('button', { type: 'button', class: 'button', onclick: (event) => more(event.currentTarget) }, 'Load more')
    : null);

  async function more(button) {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const result = await page();
      const start = body.rows.length;
      body.append(...(result.items || []).map(row));
      cursor = result.nextCursor || null;
      drawMore();
      // Move focus to the first new row's date so keyboard users continue where the list grew.
      const first = body.rows[start];
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    } catch (error) {
      if (error.name === 'AbortError') return;
      toast(`More transactions could not be loaded. ${sentence(errorText(error))}`, 'error');
      button.disabled = false;
      button.textContent = 'Load more';
    }
  }

  try {
    const result = await page();
    const items = result.items || [];
    cursor = result.nextCursor || null;
    if (!items.length) {
      mount(section, h('h2', { id: 'history-title' }, 'Transaction history'),
        h('p', { class: 'empty small' }, 'No transactions yet.'));
      return;
    }
    body.append(...items.map(row));
    drawMore();
    mount(section,
      h('h2', { id: 'history-title' }, 'Transaction history'),
      h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'history-title' },
        h('table', { class: 'history-table' },
          h('caption', { class: 'visually-hidden' }, 'Credit transactions, newest first'),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col', class: 'history-date' }, 'Date'), h('th', { scope: 'col' }, 'What'),
            h('th', { scope: 'col', class: 'num' }, 'Change'), h('th', { scope: 'col', class: 'num' }, 'Balance'))),
          body)),
      moreBox);
  } catch (error) {
    if (error.name === 'AbortError') return;
    mount(section, h('h2', { id: 'history-title' }, 'Transaction history'),
      failure(new Error(`Your transactions could not be loaded. ${sentence(errorText(error))}`), () => loadHistory(section, signal)));
  }
}

/* ---------- Usage: summary, credits per day, videos by status ---------- */

async function loadUsage(section, signal, teardown) {
  const title = h('div', { class: 'usage-head' }, h('h2', { id: 'usage-title' }, 'Usage'));
  mount(section, title, loading('Loading usage…'));
  let usage;
  try {
    usage = await api(`/users/me/usage?days=${USAGE_DAYS}`, { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    const reason = error.status === 404
      ? new Error('Usage statistics are not available from this server yet. Please try again later.')
      : new Error(`Usage statistics could not be loaded. ${sentence(errorText(error))}`);
    mount(section, title, failure(reason, () => loadUsage(section, signal, teardown)));
    return;
  }
  const days = Array.isArray(usage?.days) ? usage.days : [];
  const byStatus = usage?.videosByStatus || {};
  const granted = days.reduce((sum, day) => sum + (day.granted || 0), 0);
  const spentInDays = days.reduce((sum, day) => sum + (day.spent || 0), 0);

  // Videos and their length count every video you have; the credit figures cover the period only.
  const stats = h('dl', { class: 'usage-stats' },
    stat('Videos', formatNumber(usage.totalVideos ?? 0), 'all time'),
    stat('Finished video', formatSeconds(usage.totalSeconds ?? 0), 'all time'),
    stat('Credits spent', formatNumber(usage.creditsSpent ?? spentInDays), `${USAGE_DAYS} days, after refunds`),
    stat('Credits received', formatNumber(granted), `${USAGE_DAYS} days`));

  const barBox = h('div', { class: 'bar-chart' });
  const readout = h('p', { class: 'chart-readout hint', 'aria-live': 'polite' });
  const donut = statusChart(byStatus);

  mount(section, title, stats,
    h('div', { class: 'usage-charts' },
      h('figure', { class: 'usage-figure usage-daily' },
        h('figcaption', {}, 'Credits spent per day', h('span', { class: 'hint' }, ` · last ${USAGE_DAYS} days`)),
        barBox, readout),
      h('figure', { class: 'usage-figure usage-status' },
        h('figcaption', {}, 'Videos by status'),
        donut)));

  // The bar chart is drawn at the real pixel width so labels stay readable on a phone; redrawn when it changes.
  let width = 0;
  let focusIndex = days.length - 1;
  const redraw = () => {
    const next = Math.round(barBox.clientWidth);
    if (!next || next === width) return;
    width = next;
    const hadFocus = barBox.contains(document.activeElement);
    mount(barBox, dailyChart(days, width, readout, {
      get: () => focusIndex,
      set: (index) => { focusIndex = index; },
    }));
    if (hadFocus) barBox.querySelector(`[data-index="${focusIndex}"]`)?.focus();
  };
  const observer = new ResizeObserver(redraw);
  observer.observe(barBox);
  teardown.push(() => observer.disconnect());
  redraw();
}

function stat(label, value, note) {
  return h('div', { class: 'usage-stat' },
    h('dt', {}, label),
    h('dd', {}, h('span', { class: 'usage-value' }, value), note ? h('span', { class: 'hint' }, note) : null));
}

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A nice round axis maximum and step (1, 2 or 5 × 10ⁿ) for values up to `max`, about four gridlines. */
function axis(max) {
  if (max <= 0) return { top: 4, step: 1 };
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) || power * 10;
  const wholeStep = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / wholeStep) * wholeStep, step: wholeStep };
}

function dailyChart(days, width, readout, focus) {
  const height = width < 480 ? 190 : 230;
  const margin = { top: 12, right: 6, bottom: 28, left: 34 };
  const plotWidth = Math.max(10, width - margin.left - margin.right);
  const plotHeight = height - margin.top - margin.bottom;
  const max = Math.max(0, ...days.map((day) => day.spent || 0));
  const { top, step } = axis(max);
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(2, Math.min(28, slot * 0.66));
  const y = (value) => margin.top + plotHeight - (value / top) * plotHeight;

  const chart = svg('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, class: 'chart-svg', role: 'group',
    'aria-label': `Credits spent per day over the last ${days.length} days. Use the arrow keys to move between days.`,
  });

  const grid = svg('g', { class: 'chart-grid', 'aria-hidden': 'true' });
  for (let value = 0; value <= top; value += step) {
    const lineY = y(value);
    grid.append(
      svg('line', { x1: margin.left, x2: width - margin.right, y1: lineY, y2: lineY, class: value === 0 ? 'baseline' : '' }),
      svg('text', { x: margin.left - 6, y: lineY, class: 'axis-label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(value)));
  }
  chart.append(grid);

  // Date labels: as many as fit with ~56 px between them, always including the last day (today).
  const every = Math.max(1, Math.ceil(56 / slot));
  const labels = svg('g', { class: 'chart-x', 'aria-hidden': 'true' });
  days.forEach((day, index) => {
    if ((days.length - 1 - index) % every !== 0) return;
    // Centred under its bar, but kept inside the drawing at either end.
    const center = margin.left + slot * index + slot / 2;
    const anchor = center > width - 24 ? 'end' : center < margin.left + 20 ? 'start' : 'middle';
    const x = anchor === 'end' ? width - 1 : anchor === 'start' ? margin.left : center;
    labels.append(svg('text', { x, y: height - 8, class: 'axis-label', 'text-anchor': anchor }, shortDate(day.date)));
  });
  chart.append(labels);

  const bars = svg('g', { class: 'chart-bars' });
  const describe = (day) => `${longDate(day.date)}: ${credits(day.spent || 0)} spent${day.granted ? `, ${credits(day.granted)} received` : ''}`;
  const show = (index) => {
    const day = days[index];
    readout.textContent = day ? describe(day) : '';
    for (const element of bars.children) element.classList.toggle('active', Number(element.dataset.index) === index);
  };
  const reset = () => {
    const total = days.reduce((sum, day) => sum + (day.spent || 0), 0);
    readout.textContent = total
      ? `${credits(total)} spent in ${days.length} days (after refunds). Point at or focus a bar for a day.`
      : `No credits spent in the last ${days.length} days.`;
    for (const element of bars.children) element.classList.remove('active');
  };

  days.forEach((day, index) => {
    const spent = day.spent || 0;
    const x = margin.left + slot * index;
    const barHeight = spent ? Math.max(2, y(0) - y(spent)) : 0;
    const group = svg('g', {
      class: `chart-day${spent ? '' : ' zero'}`, 'data-index': index, role: 'img', 'aria-label': describe(day),
      tabindex: index === focus.get() ? 0 : -1,
    },
      svg('title', {}, describe(day)),
      svg('rect', { class: 'hit', x, y: margin.top, width: slot, height: plotHeight, rx: 4 }),
      svg('rect', { class: 'bar', x: x + (slot - barWidth) / 2, y: y(0) - barHeight, width: barWidth, height: barHeight, rx: Math.min(4, barWidth / 3) }));
    group.addEventListener('pointerenter', () => show(index));
    group.addEventListener('focus', () => {
      focus.set(index);
      show(index);
    });
    bars.append(group);
  });
  bars.addEventListener('pointerleave', () => {
    if (!bars.contains(document.activeElement)) reset();
  });
  bars.addEventListener('focusout', (event) => {
    if (!bars.contains(event.relatedTarget)) reset();
  });
  // One tab stop for the whole chart; arrows, Home and End move between days (a roving tabindex).
  bars.addEventListener('keydown', (event) => {
    const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowDown: -1, ArrowUp: 1 };
    let index = focus.get();
    if (event.key in moves) index = Math.min(days.length - 1, Math.max(0, index + moves[event.key]));
    else if (event.key === 'Home') index = 0;
    else if (event.key === 'End') index = days.length - 1;
    else return;
    event.preventDefault();
    for (const element of bars.children) element.setAttribute('tabindex', '-1');
    const target = bars.querySelector(`[data-index="${index}"]`);
    target?.setAttribute('tabindex', '0');
    target?.focus();
  });
  chart.append(bars);
  if (!max) {
    chart.append(svg('text', {
      x: margin.left + plotWidth / 2, y: margin.top + plotHeight / 2, class: 'chart-empty', 'text-anchor': 'middle',
      'aria-hidden': 'true',
    }, 'Nothing spent yet'));
  }
  reset();
  return chart;
}

function statusChart(byStatus) {
  const entries = STATUS_ORDER.map(([status, label]) => ({ status, label, count: Math.max(0, Number(byStatus[status]) || 0) }));
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  const size = 160;
  const radius = 60;
  const stroke = 22;
  const circumference = 2 * Math.PI * radius;

  const chart = svg('svg', {
    width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: 'donut', role: 'img',
    'aria-label': total
      ? `Videos by status: ${entries.filter((e) => e.count).map((e) => `${e.label} ${e.count}`).join(', ')}`
      : 'No videos yet',
  });
  chart.append(svg('circle', { cx: size / 2, cy: size / 2, r: radius, class: 'donut-track', 'stroke-width': stroke, fill: 'none' }));
  // Each status is an arc drawn with a dash of its share, offset by the shares before it, starting at 12 o'clock.
  const arcs = svg('g', { transform: `rotate(-90 ${size / 2} ${size / 2})` });
  let offset = 0;
  const gap = entries.filter((e) => e.count).length > 1 ? 2 : 0;
  for (const entry of entries) {
    if (!entry.count) continue;
    const length = (entry.count / total) * circumference;
    arcs.append(svg('circle', {
      cx: size / 2, cy: size / 2, r: radius, fill: 'none', 'stroke-width': stroke, class: `donut-arc seg-${entry.status}`,
      'stroke-dasharray': `${Math.max(0.5, length - gap)} ${circumference}`, 'stroke-dashoffset': -offset,
    }, svg('title', {}, `${entry.label}: ${entry.count}`)));
    offset += length;
  }
  chart.append(arcs,
    svg('text', { x: size / 2, y: size / 2 - 4, class: 'donut-total', 'text-anchor': 'middle', 'aria-hidden': 'true' }, formatNumber(total)),
    svg('text', { x: size / 2, y: size / 2 + 18, class: 'donut-caption', 'text-anchor': 'middle', 'aria-hidden': 'true' }, total === 1 ? 'video' : 'videos'));

  const legend = h('ul', { class: 'legend', role: 'list' }, entries.map((entry) => h('li', { class: entry.count ? '' : 'is-zero' },
    h('span', { class: `swatch seg-${entry.status}`, 'aria-hidden': 'true' }),
    h('span', { class: 'legend-label' }, entry.label),
    h('span', { class: 'legend-count' }, formatNumber(entry.count),
      total ? h('span', { class: 'hint' }, ` · ${Math.round((entry.count / total) * 100)}%`) : null))));
  return h('div', { class: 'status-chart' }, chart, legend);
}

/* ---------- Appearance ---------- */

function appearanceSection(teardown) {
  const options = [
    ['system', 'System', 'Follows your device', '◐'],
    ['light', 'Light', 'Bright surfaces', '☀'],
    ['dark', 'Dark', 'Easy on the eyes at night', '☾'],
  ];
  const radios = [];
  const fieldset = h('fieldset', { class: 'theme-options' },
    h('legend', { class: 'visually-hidden' }, 'Theme'),
    options.map(([value, label, note, icon]) => {
      const input = h('input', { type: 'radio', name: 'theme', value, id: `theme-${value}`, checked: themePreference() === value });
      input.addEventListener('change', () => {
        if (input.checked) setTheme(value);
      });
      radios.push(input);
      return h('label', { class: `theme-option theme-${value}`, for: `theme-${value}` },
        input,
        h('span', { class: 'theme-swatch', 'aria-hidden': 'true' }, h('span', {}, icon)),
        h('span', { class: 'theme-text' }, h('span', { class: 'theme-name' }, label), h('span', { class: 'hint' }, note)));
    }));
  // The header's theme button changes the same setting: keep the radios in step with it.
  const sync = () => {
    for (const radio of radios) radio.checked = radio.value === themePreference();
  };
  window.addEventListener('pixora-theme', sync);
  teardown.push(() => window.removeEventListener('pixora-theme', sync));
  return h('section', { class: 'card profile-appearance', 'aria-labelledby': 'appearance-title' },
    h('div', { class: 'appearance-text' },
      h('h2', { id: 'appearance-title' }, 'Appearance'),
      h('p', { class: 'hint' }, 'Choose how Pixora looks on this device. The button in the header switches it too.')),
    fieldset);
}

/* ---------- Formatting ---------- */

function formatNumber(value) {
  return Number(value || 0).toLocaleString();
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function formatSeconds(total) {
  const seconds = Math.round(total || 0);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "2025-01-31" as a local calendar day (not midnight UTC, which is the day before west of Greenwich). */
function localDay(text) {
  const [year, month, day] = String(text).split('-').map(Number);
  return new Date(year, (month || 1) - 1, day || 1);
}

function shortDate(text) {
  return localDay(text).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

function longDate(text) {
  return localDay(text).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

function humanize(reason) {
  const text = String(reason || 'Change').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The server's words as a sentence ("the file is …" → "The file is ….") to follow our own sentence. */
function sentence(text) {
  const trimmed = String(text || '').trim();
  if (!trimmed) return '';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}
