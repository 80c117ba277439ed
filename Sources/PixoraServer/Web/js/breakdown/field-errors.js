// The breakdown's problems next to their fields: messages keyed like "scenes[2].narration" or "title", shown in
// a note that each input names with aria-describedby.

import { h } from '../ui.js';

export class FieldErrors {
  constructor() {
    this.messages = {};
  }

  get(key) {
    return this.messages[key];
  }

  /** Replaces every message (e.g. with the problems the server found). */
  reset(messages = {}) {
    this.messages = messages;
  }

  /** The note under a field, showing its message if it has one. */
  note(key, id) {
    return h('span', { class: 'field-error', id, hidden: !this.messages[key] }, this.messages[key] || '');
  }

  set(key, message, input) {
    this.messages[key] = message;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const note = document.getElementById(input.getAttribute('aria-describedby'));
      if (note) {
        note.textContent = message;
        note.hidden = false;
      }
    }
  }

  /** Clears a message; without `input`, the plan title's. */
  clear(key, input) {
    if (!this.messages[key]) return;
    delete this.messages[key];
    const target = input || document.getElementById('plan-title');
    target?.removeAttribute('aria-invalid');
    const note = target && document.getElementById(target.getAttribute('aria-describedby'));
    if (note) {
      note.textContent = '';
      note.hidden = true;
    }
  }
}
