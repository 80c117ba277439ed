// The editor page's layout and wiring: assistant | preview | assets in three columns (one side column at a time
// on a phone), the timeline and the inspector below, the header with undo, redo and save. Saving and versions
// are in saving.js, server jobs in job-banners.js, kept drafts in draft-banner.js, media links in asset-links.js.

import { guardLeave } from '../app.js';
import { h, mount, toast, errorText } from '../ui.js';
import { round } from '../format.js';
import { sceneOfClip, assetOf } from '../scenes.js';
import { clipStarts, totalDuration } from '../timing.js';
import { EditorModel } from './model.js';
import { Player } from './player.js';
import { Timeline } from './timeline.js';
import { Inspector } from './inspector.js';
import { Assistant } from './assistant.js';
import { AssetsPanel, createAudioPreview } from './assets.js';
import { VersionsPanel } from './versions.js';
import { Transport } from './transport.js';
import { Banners } from './banners.js';
import { offerDraft } from './draft-banner.js';
import { refreshAssets } from './asset-links.js';
import { openVersion, restored, save } from './saving.js';
import { resumeJob, regenerating } from './job-banners.js';

const ASSET_REFRESH_MS = 45 * 60 * 1000;

export class EditorPage {
  /** `loaded`: {editor, video, scenes, credits, missingVersion, options} as the page's loader read them. */
  constructor(page, videoId, { editor, video, scenes, credits, missingVersion, options }) {
    this.page = page;
    this.videoId = videoId;
    this.video = video;
    this.title = editor.video?.title || video.title || 'Untitled video';
    this.scenes = scenes;
    this.credits = credits;
    this.options = options;
    this.assets = { ...(editor.assets || {}) };
    this.objectUrls = [];
    this.selection = null;
    this.stops = new Set();
    this.timers = [];
    this.jobBanner = null;
    this.jobRunning = false;
    this.lastAssetRefresh = Date.now();
    this.cleanup = () => this.destroy();

    this.model = new EditorModel(videoId);
    this.audioPreview = createAudioPreview();
    this.build();
    this.model.load(editor.editorState, editor.version.number);
    if (missingVersion) {
      toast(`Version ${missingVersion} no longer exists; this is version ${editor.version.number}.`, 'info', 8000);
      history.replaceState(history.state, '', `/videos/${encodeURIComponent(videoId)}/edit`);
    }
    offerDraft(this);
    resumeJob(this);
    this.versions.refresh();
    this.timers.push(setInterval(() => refreshAssets(this), ASSET_REFRESH_MS));
    this.unguard = guardLeave(() => (this.model.dirty
      ? 'You have unsaved edits. They stay as a draft on this device, but are not saved as a version. Leave the editor?'
      : null));
  }

  // Layout

  build() {
    const model = this.model;
    this.player = new Player({
      assets: this.assets,
      onOverlayMove: (id, x, y) => {
        this.select({ type: 'overlay', id });
        model.apply([{ op: 'updateOverlay', id, x, y }], { label: 'Move text' }).catch(() => {});
      },
      onOverlaySelect: (id) => this.select({ type: 'overlay', id }),
    });
    this.timeline = new Timeline({
      model, player: this.player, transitions: this.options.transition,
      thumbnail: (clip) => assetOf(sceneOfClip(this.scenes || [], clip), 'image')?.url || null,
      clipName: (index) => this.clipName(index),
      onSelect: (selection) => this.select(selection),
      onAddText: () => this.addText(),
    });
    this.inspector = new Inspector({
      model, player: this.player, transitions: this.options.transition,
      clipName: (index) => this.clipName(index),
      voiceSegmentOf: (state, index) => this.voiceSegmentOf(state, index),
      onSelect: (selection) => this.select(selection),
      preview: (mutate) => {
        const draft = structuredClone(model.state);
        mutate(draft);
        this.player.setState(draft);
      },
    });
    this.assistant = new Assistant({ model });
    this.versions = new VersionsPanel({
      videoId: this.videoId,
      editingNumber: () => this.model.baseVersion,
      onOpen: (version) => openVersion(this, version.number),
      onRestored: (video, version) => restored(this, video, version),
      onError: (error) => toast(errorText(error), 'error'),
      isBusy: () => this.jobRunning,
    });
    this.assetsPanel = new AssetsPanel({
      videoId: this.videoId,
      getScenes: () => this.scenes,
      getState: () => model.state,
      getAssets: () => this.assets,
      pricing: () => this.credits?.pricing || null,
      balance: () => (typeof this.credits?.balance === 'number' ? this.credits.balance : null),
      isBusy: () => this.jobRunning,
      onRegenerate: (info) => regenerating(this, info),
      onPreviewAudio: (key, button) => {
        if (this.assets[key]) this.audioPreview.play(this.assets[key], button);
      },
    });
    this.assetsPanel.versionsSlot.append(this.versions.element);
    this.assetsPanel.render();

    // Header
    this.undoButton = h('button', { type: 'button', class: 'button small', onclick: () => model.undo(), 'aria-keyshortcuts': 'Control+Z' }, '↶ Undo');
    this.redoButton = h('button', { type: 'button', class: 'button small', onclick: () => model.redo(), 'aria-keyshortcuts': 'Control+Shift+Z' }, '↷ Redo');
    this.saveButton = h('button', { type: 'button', class: 'button primary', onclick: () => save(this) }, 'Save version');
    // Announced through this.live (one polite region), so the status line itself is not a live region.
    this.status = h('span', { class: 'editor-status' });
    this.versionLabel = h('span', { class: 'badge editing-badge' });
    this.titleElement = h('h1', { class: 'editor-title' }, this.title);
    const header = h('header', { class: 'editor-header' },
      h('div', { class: 'editor-heading' },
        h('a', { class: 'back-link', href: `/videos/${encodeURIComponent(this.videoId)}`, 'data-link': true }, '← Back to the video'),
        h('div', { class: 'editor-title-row' }, this.titleElement, this.versionLabel),
        this.status),
      h('div', { class: 'button-row editor-actions' }, this.undoButton, this.redoButton, this.saveButton));
    this.banners = new Banners();

    // Preview column
    this.transport = new Transport({ player: this.player, model, sceneNumber: (clip, index) => this.sceneNumber(clip, index) });
    const preview = h('section', { class: 'preview panel', 'aria-label': 'Preview' }, this.player.element, this.transport.element);

    // Phone: one side column at a time.
    this.sideTabs = [['assistant', 'Assistant'], ['assets', 'Assets']].map(([id, label]) => h('button', {
      type: 'button', role: 'tab', class: 'tab', id: `editor-side-${id}`, 'aria-controls': `editor-col-${id}`,
      onclick: () => this.showSide(id),
      onkeydown: (event) => {
        if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          const next = id === 'assistant' ? 'assets' : 'assistant';
          this.showSide(next);
          this.page.querySelector(`#editor-side-${next}`).focus();
        }
      },
    }, label));
    const switcher = h('div', { class: 'editor-switch tabs', role: 'tablist', 'aria-label': 'Side panels' }, ...this.sideTabs);
    this.assistant.element.id = 'editor-col-assistant';
    this.assetsPanel.element.id = 'editor-col-assets';
    this.assistant.element.classList.add('col-assistant');
    this.assetsPanel.element.classList.add('col-assets');
    preview.classList.add('col-preview');
    const columns = h('div', { class: 'editor-columns' }, this.assistant.element, preview, switcher, this.assetsPanel.element);
    const bottom = h('div', { class: 'editor-bottom' }, this.timeline.element, this.inspector.element);
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite' });
    mount(this.page, header, this.banners.element, columns, bottom, this.live);
    this.showSide('assistant');

    // Events
    this.listen(model, 'change', (event) => this.changed(event.detail));
    this.listen(model, 'busy', () => this.updateHeader());
    this.listen(model, 'error', (event) => this.operationFailed(event.detail.error));
    this.listen(this.player, 'time', () => this.tick());
    this.listen(this.player, 'play', () => this.transport.updatePlayButton());
    this.listen(this.player, 'pause', () => this.transport.updatePlayButton());
    this.listen(this.player, 'mediaerror', () => refreshAssets(this, true));
    this.listen(document, 'keydown', (event) => this.keydown(event));
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.stops.add(() => target.removeEventListener(type, handler));
  }

  showSide(id) {
    this.page.dataset.side = id;
    for (const tab of this.sideTabs) {
      const selected = tab.id === `editor-side-${id}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
  }

  tick() {
    this.transport.tick();
    this.timeline.updatePlayhead(this.player.time);
  }

  // State changes

  changed({ state, changes, source, label }) {
    this.player.setState(state);
    this.timeline.render(state);
    if (this.selection?.type === 'clip' && !state.clips[this.selection.index]) this.selection = null;
    if (this.selection?.type === 'cut' && this.selection.index >= state.clips.length - 1) this.selection = null;
    if (this.selection?.type === 'overlay' && !state.overlays.some((o) => o.id === this.selection.id)) this.selection = null;
    this.timeline.setSelection(this.selection);
    this.inspector.show(this.selection);
    this.assetsPanel.renderAudio();
    this.transport.showState(state);
    this.tick();
    this.updateHeader();
    if (source === 'load' || source === 'saved') return;
    const text = changes?.length ? changes.join(' · ') : label;
    this.flash(text);
  }

  flash(text) {
    this.lastChange = text;
    this.live.textContent = text;
    this.updateHeader();
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      this.lastChange = '';
      this.updateHeader();
    }, 5000);
  }

  updateHeader() {
    const model = this.model;
    // No undo while an edit is on its way: its answer would land on top of the undone state.
    this.undoButton.disabled = !model.canUndo || model.busy;
    this.redoButton.disabled = !model.canRedo || model.busy;
    this.undoButton.title = model.canUndo ? `Undo: ${model.undoLabel} (Ctrl+Z)` : 'Nothing to undo';
    this.redoButton.title = model.canRedo ? `Redo: ${model.redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo';
    this.saveButton.disabled = !model.state || this.saving;
    this.versionLabel.textContent = `Editing version ${model.baseVersion}`;
    let text;
    if (model.busy) text = 'Applying…';
    else if (this.lastChange) text = `✓ ${this.lastChange}`;
    else text = model.dirty ? 'Unsaved changes' : 'No unsaved changes';
    this.status.textContent = text;
    this.status.classList.toggle('dirty', model.dirty);
    this.page.classList.toggle('is-dirty', model.dirty);
  }

  operationFailed(error) {
    const issues = Object.values(error.fields || {});
    const detail = issues.length && !error.message.includes(issues[0]) ? ` (${issues[0]})` : '';
    toast(`That edit was not applied: ${errorText(error)}${detail}`, 'error', 8000);
  }

  select(selection) {
    this.selection = selection;
    this.timeline.setSelection(selection);
    this.inspector.show(selection);
    this.player.selectOverlay(selection?.type === 'overlay' ? selection.id : null);
  }

  clipName(index) {
    const clip = this.model.state?.clips[index];
    const scene = clip ? this.sceneNumber(clip, index) : index + 1;
    return scene === index + 1 ? `Clip ${index + 1}` : `Clip ${index + 1} (scene ${scene})`;
  }

  /** The scene number a clip shows (its position in the original breakdown). */
  sceneNumber(clip, index) {
    const scene = sceneOfClip(this.scenes || [], clip);
    return scene ? scene.position + 1 : index + 1;
  }

  /** The voice segment that belongs to clip `index`: the scene's voice asset, else the one starting in it. */
  voiceSegmentOf(state, index) {
    const clip = state.clips[index];
    const voiceKey = assetOf(sceneOfClip(this.scenes || [], clip), 'voice')?.key;
    const segments = state.audio.voice.segments;
    if (voiceKey) {
      const found = segments.findIndex((segment) => segment.asset === voiceKey);
      if (found >= 0) return found;
    }
    const starts = clipStarts(state);
    const end = index + 1 < starts.length ? starts[index + 1] : Infinity;
    return segments.findIndex((segment) => segment.start >= starts[index] && segment.start < end);
  }

  async addText() {
    const state = this.model.state;
    const total = totalDuration(state);
    let start = round(this.player.time, 1);
    if (total - start < 1) start = Math.max(0, round(total - 3, 1));
    const end = round(Math.min(total, start + 3), 1);
    const before = new Set(state.overlays.map((overlay) => overlay.id));
    try {
      await this.model.apply([{ op: 'addOverlay', overlay: { text: 'Your text', start, end, x: 0.5, y: 0.15 } }], { label: 'Add text' });
      const added = this.model.state.overlays.find((overlay) => !before.has(overlay.id));
      if (added) {
        this.select({ type: 'overlay', id: added.id });
        const field = this.inspector.element.querySelector('textarea[name="overlayText"]');
        field?.focus();
        field?.select();
      }
    } catch {
      // Shown by operationFailed.
    }
  }

  keydown(event) {
    if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
    const target = event.target;
    const typing = target.closest?.('input:not([type="range"]):not([type="checkbox"]):not([type="color"]), textarea, select, [contenteditable="true"]');
    const key = event.key.toLowerCase();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (key === 'z' || key === 'y')) {
      if (typing) return; // The field's own undo.
      event.preventDefault();
      if (this.model.busy) return;
      if (key === 'y' || event.shiftKey) this.model.redo();
      else this.model.undo();
      return;
    }
    if (event.key === ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if (typing || target.closest?.('button, a, [role="tab"], summary, input')) return;
      event.preventDefault();
      this.player.toggle();
    }
  }

  destroy() {
    this.destroyed = true;
    for (const stop of [...this.stops]) stop();
    this.stops.clear();
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.flashTimer);
    this.unguard?.();
    this.player.destroy();
    this.timeline.destroy();
    this.assistant.destroy();
    this.audioPreview.stop();
    for (const url of this.objectUrls) URL.revokeObjectURL(url);
  }
}
