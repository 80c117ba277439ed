// Small DOM helpers shared by every page: element builders (HTML and SVG), toasts, dialogs, form errors, loading,
// empty and failed states. Words and numbers are formatted in format.js.

import { sentence } from './format.js';

/**
 * h('button', {class: 'primary', onclick: fn, disabled: true}, 'Save') → element.
 * Attributes starting with "on" become listeners; `dataset`, `style` (object) and boolean attributes work;
 * children may be strings, nodes, arrays, null/false (skipped). Text is always set as text, never as HTML.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** svg('circle', {cx: 12, r: 9}, …children) → an SVG element; attributes are set as they are (null/false skipped). */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined && value !== false) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

/** Replaces the children of `element`. */
export function mount(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** Shows a short message at the bottom of the screen. kind: info | success | error. */
export function toast(message, kind = 'info', timeout = 5000) {
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('span', {}, message),
    h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Dismiss', onclick: () => item.remove() }, '×'));
  box.append(item);
  if (timeout) setTimeout(() => item.remove(), timeout);
  return item;
}

/** The words to show for any error (ApiError carries the server's message). */
export function errorText(error) {
  if (!error) return 'Something went wrong.';
  if (error.name === 'ApiError') return error.message;
  return error.message || String(error);
}

/** The error's words as a sentence, to follow a sentence of our own ("… could not be loaded. <reason>."). */
export function errorSentence(error) {
  return sentence(errorText(error));
}

/**
 * A modal confirmation; resolves true when confirmed. Uses <dialog>, focus is trapped by the browser. `body` (a
 * node) stands in for the `message` line when there is more to show, e.g. a price list.
 */
export function confirmDialog({ title, message, body = null, confirm = 'Confirm', cancel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dialog-title' },
      h('h2', { id: 'dialog-title' }, title),
      body || (message ? h('p', {}, message) : null),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'button ghost', value: 'cancel', onclick: () => dialog.close('cancel') }, cancel),
        h('button', { type: 'button', class: `button ${danger ? 'danger' : 'primary'}`, value: 'ok', onclick: () => dialog.close('ok') }, confirm)));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('.button.' + (danger ? 'danger' : 'primary')).focus();
  });
}

/** Shows field errors next to inputs (by `name`) and a summary in `.form-error` of the form. */
export function showFormErrors(form, error) {
  clearFormErrors(form);
  const fields = error?.fields || {};
  let shown = false;
  for (const [field, message] of Object.entries(fields)) {
    const name = field.split('.').pop().replace(/\[\d+\]$/, '');
    const input = form.querySelector(`[name="${CSS.escape(field)}"]`) || form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (input) {
      setFieldError(input, message);
      shown = true;
    }
  }
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.textContent = errorText(error);
    summary.hidden = false;
  } else if (!shown) {
    toast(errorText(error), 'error');
  }
}

export function setFieldError(input, message) {
  input.setAttribute('aria-invalid', 'true');
  let note = input.parentElement.querySelector('.field-error');
  if (!note) {
    note = h('span', { class: 'field-error', id: `${input.name || 'field'}-error` });
    input.parentElement.append(note);
  }
  input.setAttribute('aria-describedby', note.id);
  note.textContent = message;
}

export function clearFormErrors(form) {
  for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
  for (const note of form.querySelectorAll('.field-error')) note.remove();
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.textContent = '';
    summary.hidden = true;
  }
}

/** A spinner with a label, for loading states. */
export function loading(label = 'Loading…') {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), h('span', {}, label));
}

/** An empty state: a title, a line and an optional action. */
export function emptyState(title, text, action) {
  return h('div', { class: 'empty' }, h('h2', {}, title), text ? h('p', {}, text) : null, action || null);
}

/** A failed load: the reason and a retry button. */
export function failure(error, retry) {
  return h('div', { class: 'failure', role: 'alert' },
    h('p', {}, errorText(error)),
    retry ? h('button', { type: 'button', class: 'button', onclick: retry }, 'Try again') : null);
}

/** Adds a page's own stylesheet once (e.g. '/css/editor.css'). */
export function useStyles(href) {
  if (document.querySelector(`link[rel="stylesheet"][href="${href}"]`)) return;
  document.head.append(h('link', { rel: 'stylesheet', href }));
}
