// The banners under the editor's header: information, success, errors and job progress, with actions.

import { h } from '../ui.js';

export class Banners {
  constructor() {
    this.element = h('div', { class: 'editor-banners', 'aria-live': 'polite' });
  }

  /**
   * Shows a banner: kind info | success | error | progress; actions [{label, onClick|href, primary, external}].
   * Returns {element, remove(), setProgress(percent), setDetail(text)}.
   */
  show(kind, text, allActions = [], { progress = null, detail = '', dismissible = false } = {}) {
    const actions = allActions.filter(Boolean);
    const textElement = h('p', { class: 'banner-text' }, text);
    const detailElement = h('p', { class: 'banner-detail small', hidden: !detail }, detail);
    const bar = progress !== null ? h('span', { style: { width: `${progress}%` } }) : null;
    const progressElement = bar ? h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(progress), 'aria-label': text }, bar) : null;
    const element = h('div', { class: `editor-banner ${kind}`, role: kind === 'error' ? 'alert' : null },
      h('div', { class: 'banner-body' }, textElement, progressElement, detailElement),
      actions.length || dismissible
        ? h('div', { class: 'button-row' },
          ...actions.map((action) => (action.href
            ? h('a', { class: `button small${action.primary ? ' primary' : ''}`, href: action.href, ...(action.external ? { target: '_blank', rel: 'noopener' } : { 'data-link': true }) }, action.label)
            : h('button', { type: 'button', class: `button small${action.primary ? ' primary' : ''}`, onclick: action.onClick }, action.label))),
          dismissible ? h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Dismiss', onclick: () => element.remove() }, '×') : null)
        : null);
    this.element.append(element);
    return {
      element,
      remove: () => element.remove(),
      setProgress: (percent) => {
        if (!bar) return;
        bar.style.width = `${percent}%`;
        progressElement.setAttribute('aria-valuenow', String(percent));
      },
      setDetail: (value) => {
        detailElement.textContent = value;
        detailElement.hidden = !value;
      },
    };
  }
}
