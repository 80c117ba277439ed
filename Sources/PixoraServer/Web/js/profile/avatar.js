// The profile picture: the picture or the initials, a new one chosen or dropped and checked for type and size
// (and that the browser can draw it) before it is shown as a preview, then uploaded with "Save picture".

import { api, updateUser } from '../api.js';
import { h, mount, toast, errorSentence } from '../ui.js';
import { formatBytes } from '../format.js';

const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
const AVATAR_TYPES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };

/**
 * The avatar row. `user()` is the saved profile; `onSaved(user)` after an upload; `signal` ends requests and
 * `teardown` collects cleanups. Returns {element, showSaved(), setChooseLabel(hasAvatar), pending}.
 */
export function avatarEditor({ user, signal, teardown, onSaved }) {
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

  const element = h('div', { class: 'avatar-row' },
    avatarBox,
    h('div', { class: 'avatar-controls' },
      h('div', { class: 'button-row' }, chooseButton, saveAvatarButton, cancelAvatarButton),
      avatarNote, avatarError, fileInput));

  function drawAvatar(url, isPreview = false) {
    // Up to two initials of the name; without a name, the first letter of the email.
    const saved = user();
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
    chooseButton.textContent = user().avatarUrl ? 'Change picture' : 'Upload picture';
    avatarNote.textContent = 'PNG, JPEG or WebP, up to 2 MB.';
    drawAvatar(user().avatarUrl);
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
      onSaved(next);
      discardPreview();
      toast('Profile picture saved.', 'success');
    } catch (error) {
      if (error.name === 'AbortError') return;
      // 413 (too large) and 415 (not a real PNG/JPEG/WebP) carry the server's own explanation.
      showAvatarError(`The picture was not saved. ${errorSentence(error)}`);
    } finally {
      saveAvatarButton.disabled = false;
      cancelAvatarButton.disabled = false;
      chooseButton.disabled = false;
      saveAvatarButton.textContent = 'Save picture';
      avatarBox.classList.remove('is-busy');
    }
  }

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

  return {
    element,
    /** Draws the saved picture (unless a new one is waiting to be saved). */
    showSaved() {
      if (!pendingFile) drawAvatar(user().avatarUrl);
    },
    setChooseLabel(hasAvatar) {
      if (!pendingFile) chooseButton.textContent = hasAvatar ? 'Change picture' : 'Upload picture';
    },
    get pending() { return Boolean(pendingFile); },
  };
}
