// The profile's "Your data" card: export everything as a zip (progress while the job runs, then a download link
// valid 15 minutes), clear every video and project (typed confirmation: the account's email), delete the account
// (the password). The server checks both confirmations again; the browser only spares a needless request.

import { api, signOut } from '../api.js';
import { navigate } from '../app.js';
import { h, mount, toast, confirmDialog, errorSentence, showFormErrors, clearFormErrors } from '../ui.js';
import { formatBytes, formatDateTime, plural } from '../format.js';

const POLL_MS = 1000;

/** The card for `user`. Returns {element, refresh()}; polling stops when `signal` aborts. */
export function yourDataSection(user, signal) {
  let timer = null;
  signal.addEventListener('abort', () => clearTimeout(timer));

  const exportState = h('div', { class: 'export-state', id: 'export-state', 'aria-live': 'polite' });
  const exportButton = h('button', { type: 'button', class: 'button', id: 'export-start', onclick: startExport }, 'Export my data');
  const exportPart = h('div', { class: 'data-part' },
    h('h3', {}, 'Export'),
    h('p', { class: 'hint' }, 'A zip of your profile, credits history, every video and project (plans, versions, chat) and the files that still exist. It is kept for 24 hours.'),
    exportState,
    h('div', { class: 'button-row' }, exportButton));

  const confirmInput = h('input', {
    type: 'email', id: 'clear-confirm', name: 'confirm', autocomplete: 'off', placeholder: user.email || 'your email',
    'aria-describedby': 'clear-hint',
  });
  const clearButton = h('button', { type: 'submit', class: 'button danger', id: 'clear-data', disabled: true }, 'Delete my videos and projects');
  const clearForm = h('form', { class: 'data-part', novalidate: true, onsubmit: clearData },
    h('h3', {}, 'Clear data'),
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'field' },
      h('label', { for: 'clear-confirm' }, 'Type your email to confirm'),
      confirmInput,
      h('span', { class: 'hint', id: 'clear-hint' }, 'Deletes every video, project, upload and file. Your account, credits and their history stay; running videos are cancelled and refunded.')),
    h('div', { class: 'button-row' }, clearButton));
  confirmInput.addEventListener('input', () => {
    clearButton.disabled = confirmInput.value.trim().toLowerCase() !== (user.email || '').toLowerCase();
  });

  const passwordInput = h('input', {
    type: 'password', id: 'delete-password', name: 'password', autocomplete: 'current-password', 'aria-describedby': 'delete-hint',
  });
  const deleteButton = h('button', { type: 'submit', class: 'button danger', id: 'delete-account' }, 'Delete my account');
  const deleteForm = h('form', { class: 'data-part', novalidate: true, onsubmit: deleteAccount },
    h('h3', {}, 'Delete account'),
    h('div', { class: 'form-error', role: 'alert', hidden: true }),
    h('div', { class: 'field' },
      h('label', { for: 'delete-password' }, 'Password'),
      passwordInput,
      h('span', { class: 'hint', id: 'delete-hint' }, 'Erases your profile, videos, projects and files and signs you out everywhere. This cannot be undone; the email can sign up again.')),
    h('div', { class: 'button-row' }, deleteButton));

  const element = h('section', { class: 'card profile-data', 'aria-labelledby': 'data-title' },
    h('h2', { id: 'data-title' }, 'Your data'),
    exportPart, clearForm, deleteForm);

  function showExport(state) {
    clearTimeout(timer);
    const busy = state.status === 'queued' || state.status === 'running';
    exportButton.disabled = busy;
    exportButton.textContent = state.status === 'none' ? 'Export my data' : busy ? 'Exporting…' : 'Make a new export';
    const parts = [];
    if (busy) {
      const percent = Math.round((state.progress || 0) * 100);
      parts.push(h('p', {}, state.status === 'queued' ? 'Waiting for a worker…' : `Writing the archive: ${percent}%`),
        h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(percent) },
          h('span', { style: `width: ${percent}%` })));
      timer = setTimeout(refresh, POLL_MS);
    } else if (state.status === 'ready' && state.url) {
      parts.push(h('p', {}, `Ready: ${formatBytes(state.sizeBytes || 0)}, kept until ${formatDateTime(state.expiresAt)}.`),
        h('a', { class: 'button primary', id: 'export-download', href: state.url, download: '' }, 'Download the zip'));
    } else if (state.status === 'failed') {
      parts.push(h('p', { class: 'field-error' }, `The export failed. ${errorSentence(new Error(state.message || 'Try again.'))}`));
    } else if (state.status === 'expired') {
      parts.push(h('p', { class: 'hint' }, 'Your last export expired and was deleted.'));
    }
    mount(exportState, ...parts);
  }

  async function refresh() {
    try {
      showExport(await api('/users/me/export', { signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      mount(exportState, h('p', { class: 'field-error' }, `The export state could not be loaded. ${errorSentence(error)}`));
    }
  }

  async function startExport() {
    exportButton.disabled = true;
    try {
      showExport(await api('/users/me/export', { method: 'POST', signal }));
    } catch (error) {
      if (error.name === 'AbortError') return;
      exportButton.disabled = false;
      toast(`The export could not start. ${errorSentence(error)}`, 'error');
    }
  }

  async function clearData(event) {
    event.preventDefault();
    clearFormErrors(clearForm);
    const ok = await confirmDialog({
      title: 'Delete every video and project?',
      message: 'Your videos, projects, uploads and their files are deleted for good. Your account and credits stay.',
      confirm: 'Delete them', danger: true,
    });
    if (!ok) return;
    clearButton.disabled = true;
    try {
      const result = await api('/users/me/clear-data', { method: 'POST', body: { confirm: confirmInput.value }, signal });
      confirmInput.value = '';
      toast(`Deleted ${plural(result.videos, 'video')} and ${plural(result.projects, 'project')}.`, 'success');
      refresh();
    } catch (error) {
      if (error.name === 'AbortError') return;
      clearButton.disabled = false;
      showFormErrors(clearForm, error);
    }
  }

  async function deleteAccount(event) {
    event.preventDefault();
    clearFormErrors(deleteForm);
    if (!passwordInput.value) {
      showFormErrors(deleteForm, { message: 'Enter your password to delete the account.', fields: { password: 'Required.' } });
      return;
    }
    const ok = await confirmDialog({
      title: 'Delete your account?',
      message: 'Everything is erased and you are signed out. This cannot be undone.',
      confirm: 'Delete my account', danger: true,
    });
    if (!ok) return;
    deleteButton.disabled = true;
    try {
      await api('/users/me', { method: 'DELETE', body: { password: passwordInput.value }, signal });
      await signOut();
      toast('Your account was deleted.', 'success');
      navigate('/', { replace: true });
    } catch (error) {
      if (error.name === 'AbortError') return;
      deleteButton.disabled = false;
      showFormErrors(deleteForm, error.code === 'wrong_password'
        ? { message: error.message, fields: { password: 'This is not your password.' } } : error);
    }
  }

  return { element, refresh };
}
