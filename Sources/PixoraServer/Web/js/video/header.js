// The video page's header: back link, title (renamed in place on the preview), status, date, length and credits.

import { h, toast, errorText, setFieldError, clearFormErrors } from '../ui.js';
import { formatDuration, formatDateTime } from '../format.js';
import { expiryText, statusBadge } from '../status.js';

/** The header for `current`; `extras` go at the end of the meta line; `renamable` adds the rename button. */
export function videoHeader(ctx, current, extras = [], renamable = false) {
  const title = h('h1', { class: 'video-title' }, current.title);
  const titleBox = h('div', { class: 'title-box' }, title);
  if (renamable) {
    const renameButton = h('button', { type: 'button', class: 'icon-button rename-button', 'aria-label': 'Rename the video', title: 'Rename' }, '✎');
    renameButton.addEventListener('click', () => startRename(ctx, current, titleBox, title, renameButton));
    titleBox.append(renameButton);
  }
  return h('header', { class: 'page-header video-header' },
    h('div', { class: 'video-header-main' },
      h('a', { class: 'back-link', href: '/dashboard', 'data-link': true }, '← My videos'),
      titleBox,
      h('p', { class: 'video-meta' },
        statusBadge(current.status),
        h('span', {}, formatDateTime(current.createdAt)),
        current.durationSeconds ? h('span', {}, formatDuration(current.durationSeconds)) : null,
        h('span', {}, `${current.creditsUsed} credits`),
        expiryText(current)
          ? h('span', { class: 'video-expiry', dataset: { role: 'expiry' } }, expiryText(current)) : null,
        extras)));
}

/**
 * Renames in place: the title and its button give way to a form that PATCHes `{title}` through `ctx.get('')`
 * (a video, or any resource answering the same way, e.g. a remix project); then `onRenamed(answer)`.
 */
export function startRename(ctx, current, box, title, button, label = 'Video title', onRenamed = null) {
  const input = h('input', { name: 'title', value: current.title, maxlength: 200, 'aria-label': label, class: 'rename-input' });
  const form = h('form', { class: 'rename-form', novalidate: true },
    h('div', { class: 'rename-field' }, input),
    h('button', { type: 'submit', class: 'button primary small' }, 'Save'),
    h('button', { type: 'button', class: 'button ghost small', onclick: close }, 'Cancel'));
  function close() {
    form.replaceWith(title, button);
    button.focus();
  }
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFormErrors(form);
    const text = input.value.trim();
    if (!text) {
      setFieldError(input, 'The title cannot be empty.');
      input.focus();
      return;
    }
    if (text === current.title) {
      close();
      return;
    }
    const submit = form.querySelector('[type="submit"]');
    submit.disabled = true;
    try {
      const answer = await ctx.get('', { method: 'PATCH', body: { title: text } });
      current.title = answer.title;
      if (ctx.video) ctx.video.title = answer.title;
      title.textContent = answer.title;
      document.title = `${answer.title} · Pixora`;
      close();
      toast('Renamed.', 'success');
      onRenamed?.(answer);
    } catch (error) {
      if (error.name === 'AbortError') return;
      submit.disabled = false;
      setFieldError(input, error.fields?.title || errorText(error));
      input.focus();
    }
  });
  title.remove();
  button.remove();
  box.append(form);
  input.focus();
  input.select();
}
