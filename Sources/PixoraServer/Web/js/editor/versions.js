// The version history (at most 5 are kept): number, status, date, thumbnail, the current one marked,
// "Restore" (make a rendered version the one the video shows) and "Open in editor".

import { api } from '../api.js';
import { h, errorText } from '../ui.js';
import { formatDateTime, formatDuration } from '../format.js';
import { statusBadge } from '../status.js';

export const VERSION_LIMIT = 5;

/**
 * options: videoId, editingNumber() → the version number being edited, onOpen(version), onRestored(video),
 * isBusy() → bool.
 */
export class VersionsPanel {
  constructor(options) {
    Object.assign(this, options);
    this.versions = null;
    this.error = null;
    this.element = h('div', { class: 'versions' });
  }

  async refresh() {
    try {
      const answer = await api(`/videos/${encodeURIComponent(this.videoId)}/versions`);
      this.versions = answer.versions || [];
      this.error = null;
    } catch (error) {
      this.error = error;
    }
    this.render();
    return this.versions;
  }

  get current() {
    return this.versions?.find((version) => version.current) || null;
  }

  render() {
    if (this.error) {
      this.element.replaceChildren(h('div', { class: 'failure small', role: 'alert' },
        h('p', {}, `The versions could not be loaded: ${errorText(this.error)}`),
        h('button', { type: 'button', class: 'button small', onclick: () => this.refresh() }, 'Try again')));
      return;
    }
    if (!this.versions) {
      this.element.replaceChildren(h('p', { class: 'muted small' }, 'Loading versions…'));
      return;
    }
    const list = [...this.versions].reverse();
    const editing = this.editingNumber();
    this.element.replaceChildren(
      h('p', { class: 'hint' }, `Each save renders a new version. The ${VERSION_LIMIT} newest are kept.`),
      list.length
        ? h('ol', { class: 'version-list' }, ...list.map((version) => this.item(version, editing)))
        : h('p', { class: 'muted small' }, 'No versions yet.'));
  }

  item(version, editing) {
    const ready = version.status === 'ready';
    return h('li', { class: `version-item${version.current ? ' current' : ''}`, dataset: { number: String(version.number) } },
      version.thumbnailUrl && ready
        ? h('img', { class: 'version-thumb', src: version.thumbnailUrl, alt: '', loading: 'lazy' })
        : h('div', { class: 'version-thumb placeholder', 'aria-hidden': 'true' }, `v${version.number}`),
      h('div', { class: 'version-text' },
        h('div', { class: 'version-head' },
          h('strong', {}, `Version ${version.number}`),
          statusBadge(version.status),
          version.current ? h('span', { class: 'badge current-badge' }, 'Current') : null,
          version.number === editing ? h('span', { class: 'badge editing-badge' }, 'Editing') : null),
        h('div', { class: 'muted small' }, formatDateTime(version.createdAt),
          version.durationSeconds ? ` · ${formatDuration(version.durationSeconds)}` : ''),
        version.error ? h('p', { class: 'small error-text' }, version.error) : null,
        h('div', { class: 'button-row' },
          ready && version.videoUrl ? h('a', { class: 'button small ghost', href: version.videoUrl, target: '_blank', rel: 'noopener' }, 'Watch') : null,
          ready && !version.current
            ? h('button', { type: 'button', class: 'button small', disabled: this.isBusy(), onclick: (event) => this.restore(version, event.currentTarget) }, 'Restore')
            : null,
          version.number !== editing
            ? h('button', { type: 'button', class: 'button small ghost', onclick: () => this.onOpen(version) }, 'Open in editor')
            : null)));
  }

  async restore(version, button) {
    button.disabled = true;
    try {
      const video = await api(`/videos/${encodeURIComponent(this.videoId)}/versions/${encodeURIComponent(version.id)}/restore`, { method: 'POST' });
      await this.refresh();
      this.onRestored(video, version);
    } catch (error) {
      button.disabled = false;
      this.onError(error);
    }
  }
}
