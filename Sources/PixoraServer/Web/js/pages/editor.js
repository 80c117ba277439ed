// The editor page (/videos/:id/edit): assistant | preview | assets in three columns, the timeline and the
// inspector below. Edits are operations applied by the server to the EditorState (js/editor/model.js),
// previewed in the browser (js/editor/player.js) and saved as a new version rendered by the server.

import { api, accessToken } from '../api.js';
import { h, mount, toast, errorText, confirmDialog, failure, loading, useStyles, formatDateTime } from '../ui.js';
import { guardLeave, navigate, refreshUser } from '../app.js';
import { EditorModel, clipStarts, totalDuration } from '../editor/model.js';
import { Player, formatTime, icon } from '../editor/player.js';
import { Timeline } from '../editor/timeline.js';
import { Inspector } from '../editor/inspector.js';
import { Assistant } from '../editor/assistant.js';
import { AssetsPanel, assetOf, sceneOfClip, createAudioPreview } from '../editor/assets.js';
import { VersionsPanel, VERSION_LIMIT } from '../editor/versions.js';
import { followVideo, progressOf } from '../editor/jobs.js';

const ASSET_REFRESH_MS = 45 * 60 * 1000;

export async function render(main, { params, query }) {
  useStyles('/css/editor.css');
  const videoId = params.id;
  const page = h('section', { class: 'page editor-page' });
  mount(main, page);
  mount(page, loading('Opening the editor…'));

  let loaded;
  try {
    loaded = await load(videoId, query.get('version'));
  } catch (error) {
    if (error.name === 'AbortError') return undefined;
    if (error.code === 'video_not_ready') return notReady(page, videoId);
    if (error.status === 404) {
      mount(page, h('div', { class: 'empty' },
        h('h1', {}, 'Video not found'),
        h('p', {}, 'There is no such video in your account. It may have been deleted.'),
        h('a', { class: 'button primary', href: '/dashboard', 'data-link': true }, 'Go to my videos')));
      return undefined;
    }
    mount(page, h('div', { class: 'page-header' }, h('h1', {}, 'Editor')),
      failure(error, () => navigate(location.pathname + location.search, { replace: true })),
      h('p', {}, h('a', { href: `/videos/${encodeURIComponent(videoId)}`, 'data-link': true }, 'Back to the video')));
    return undefined;
  }
  return new EditorPage(page, videoId, loaded).cleanup;
}

/** 409 video_not_ready: explain, show the generation's progress, and open the editor when it is done. */
function notReady(page, videoId) {
  const bar = h('span', { style: { width: '0%' } });
  const line = h('p', { class: 'muted small' }, 'Waiting for news from the server…');
  mount(page, h('div', { class: 'empty' },
    h('h1', {}, 'This video is not ready to edit yet'),
    h('p', {}, 'The editor opens once the video has been rendered for the first time. This page opens it by itself when the video is ready.'),
    h('div', { class: 'progress not-ready-progress', role: 'progressbar', 'aria-label': 'Generation progress', 'aria-valuemin': '0', 'aria-valuemax': '100' }, bar),
    line,
    h('a', { class: 'button primary', href: `/videos/${encodeURIComponent(videoId)}`, 'data-link': true }, 'Go to the video')));
  return followVideo(videoId, {
    onProgress: (body) => {
      const { percent, line: text } = progressOf(body);
      bar.style.width = `${percent}%`;
      bar.parentElement.setAttribute('aria-valuenow', String(percent));
      line.textContent = text;
    },
    onEnd: (body) => {
      if (body.status === 'completed') navigate(location.pathname + location.search, { replace: true });
      else line.textContent = body.status === 'failed' ? `The video failed: ${body.error || 'unknown reason'}.` : `The video is ${body.status}.`;
    },
    onError: (error) => { line.textContent = errorText(error); },
  });
}

/** GET /videos/{id}/editor plus the video (job, eventsUrl), scenes, versions and prices, in parallel. */
async function load(videoId, versionNumber) {
  const id = encodeURIComponent(videoId);
  const editorPath = `/videos/${id}/editor${versionNumber ? `?version=${encodeURIComponent(versionNumber)}` : ''}`;
  let missingVersion = null;
  const [editor, video, scenes, credits] = await Promise.all([
    // A version from an old link may have been removed (5 are kept): open the current one instead.
    api(editorPath).catch((error) => {
      if (error.status !== 404 || !versionNumber) throw error;
      missingVersion = versionNumber;
      return api(`/videos/${id}/editor`);
    }),
    api(`/videos/${id}`),
    api(`/videos/${id}/scenes`).catch(() => null),
    api('/users/me/credits').catch(() => null),
  ]);
  return { editor, video, scenes: scenes?.scenes || null, credits, missingVersion };
}

class EditorPage {
  constructor(page, videoId, { editor, video, scenes, credits, missingVersion }) {
    this.page = page;
    this.videoId = videoId;
    this.video = video;
    this.title = editor.video?.title || video.title || 'Untitled video';
    this.scenes = scenes;
    this.credits = credits;
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
    this.offerDraft();
    this.resumeJob();
    this.versions.refresh();
    this.timers.push(setInterval(() => this.refreshAssets(), ASSET_REFRESH_MS));
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
      model, player: this.player,
      thumbnail: (clip) => assetOf(sceneOfClip(this.scenes || [], clip), 'image')?.url || null,
      clipName: (index) => this.clipName(index),
      onSelect: (selection) => this.select(selection),
      onAddText: () => this.addText(),
    });
    this.inspector = new Inspector({
      model, player: this.player,
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
      onOpen: (version) => this.openVersion(version.number),
      onRestored: (video, version) => this.restored(video, version),
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
      onRegenerate: (info) => this.regenerating(info),
      onPreviewAudio: (key, button) => {
        if (this.assets[key]) this.audioPreview.play(this.assets[key], button);
      },
    });
    this.assetsPanel.versionsSlot.append(this.versions.element);
    this.assetsPanel.render();

    // Header
    this.undoButton = h('button', { type: 'button', class: 'button small', onclick: () => model.undo(), 'aria-keyshortcuts': 'Control+Z' }, '↶ Undo');
    this.redoButton = h('button', { type: 'button', class: 'button small', onclick: () => model.redo(), 'aria-keyshortcuts': 'Control+Shift+Z' }, '↷ Redo');
    this.saveButton = h('button', { type: 'button', class: 'button primary', onclick: () => this.save() }, 'Save version');
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
    this.banners = h('div', { class: 'editor-banners', 'aria-live': 'polite' });

    // Preview column
    this.buildTransport();
    const preview = h('section', { class: 'preview panel', 'aria-label': 'Preview' }, this.player.element, this.transport);

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
    mount(this.page, header, this.banners, columns, bottom, this.live);
    this.showSide('assistant');

    // Events
    this.listen(model, 'change', (event) => this.changed(event.detail));
    this.listen(model, 'busy', () => this.updateHeader());
    this.listen(model, 'error', (event) => this.operationFailed(event.detail.error));
    this.listen(this.player, 'time', () => this.tick());
    this.listen(this.player, 'play', () => this.updatePlayButton());
    this.listen(this.player, 'pause', () => this.updatePlayButton());
    this.listen(this.player, 'mediaerror', () => this.refreshAssets(true));
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

  buildTransport() {
    this.playButton = h('button', { type: 'button', class: 'icon-button play-button', 'aria-keyshortcuts': 'Space', onclick: () => this.player.toggle() });
    this.timeText = h('span', { class: 'time-text' });
    this.seekBar = h('input', { type: 'range', class: 'seek-bar', min: '0', step: '0.05', value: '0', 'aria-label': 'Position in the video' });
    this.seekBar.addEventListener('input', () => this.player.seek(Number(this.seekBar.value)));
    this.sceneSelect = h('select', { class: 'scene-select', 'aria-label': 'Jump to a scene' });
    this.sceneSelect.addEventListener('change', () => {
      const index = Number(this.sceneSelect.value);
      if (Number.isInteger(index)) this.player.seek(clipStarts(this.model.state)[index] || 0);
    });
    const step = (delta) => {
      const starts = clipStarts(this.model.state);
      const t = this.player.time;
      let index = starts.findLastIndex((start) => start <= t + 0.05);
      // "Previous" from inside a clip goes to its start first.
      if (delta < 0 && t - starts[index] > 0.5) index += 1;
      const target = Math.min(Math.max(0, index + delta), starts.length - 1);
      this.player.seek(starts[target]);
    };
    this.transport = h('div', { class: 'transport' },
      h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Previous scene', title: 'Previous scene', onclick: () => step(-1) }, icon('previous')),
      this.playButton,
      h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Next scene', title: 'Next scene', onclick: () => step(1) }, icon('next')),
      this.timeText, this.seekBar, this.sceneSelect);
    this.updatePlayButton();
  }

  updatePlayButton() {
    const playing = this.player.playing;
    this.playButton.replaceChildren(icon(playing ? 'pause' : 'play'));
    this.playButton.setAttribute('aria-label', playing ? 'Pause (Space)' : 'Play (Space)');
    this.playButton.title = playing ? 'Pause (Space)' : 'Play (Space)';
    this.playButton.classList.toggle('playing', playing);
  }

  tick() {
    const time = this.player.time;
    const total = this.player.duration;
    this.timeText.textContent = `${formatTime(time)} / ${formatTime(total)}`;
    if (document.activeElement !== this.seekBar) this.seekBar.value = String(time);
    this.seekBar.setAttribute('aria-valuetext', `${formatTime(time)} of ${formatTime(total)}`);
    this.timeline.updatePlayhead(time);
    const starts = clipStarts(this.model.state);
    const index = Math.max(0, starts.findLastIndex((start) => start <= time + 1e-6));
    if (this.sceneSelect.value !== String(index)) this.sceneSelect.value = String(index);
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
    this.seekBar.max = String(totalDuration(state));
    this.sceneSelect.replaceChildren(...state.clips.map((clip, index) => h('option', { value: String(index) }, `Scene ${this.sceneNumber(clip, index)}`)));
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
    let start = Math.round(this.player.time * 10) / 10;
    if (total - start < 1) start = Math.max(0, Math.round((total - 3) * 10) / 10);
    const end = Math.round(Math.min(total, start + 3) * 10) / 10;
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

  // Drafts

  offerDraft() {
    const draft = this.model.readDraft();
    if (!draft) return;
    const when = draft.savedAt ? formatDateTime(draft.savedAt) : 'earlier';
    const on = draft.baseVersion && draft.baseVersion !== this.model.baseVersion ? ` (made on version ${draft.baseVersion})` : '';
    this.showDraftBanner(`You have unsaved edits from ${when}${on}.`, draft);
  }

  showDraftBanner(text, draft) {
    this.draftBanner?.remove();
    // Edits made on another version are best replayed as operations on this one (keeping, e.g., a new scene).
    const replayable = draft.operations?.length && draft.baseVersion !== this.model.baseVersion;
    const banner = this.banner('info', text, [
      replayable ? { label: `Re-apply my edits to version ${this.model.baseVersion}`, primary: true, onClick: () => this.reapplyDraft(draft, banner) } : null,
      { label: replayable ? 'Restore them as they were' : 'Restore my edits', primary: !replayable, onClick: () => this.restoreDraft(draft, banner) },
      { label: 'Discard them', onClick: () => {
        // Only forget the stored draft when it is still the one offered.
        const stored = this.model.readDraft();
        if (stored && stored.savedAt === draft.savedAt) this.model.discardDraft();
        banner.remove();
      } },
    ]);
    this.draftBanner = banner;
  }

  async restoreDraft(draft, banner) {
    try {
      await this.ensureAssets(draft.state);
      const operations = draft.baseVersion === this.model.baseVersion ? draft.operations || null : null;
      this.model.commit(draft.state, { label: 'Restore unsaved edits', source: 'draft', operations });
      banner.remove();
      toast('Your edits are back. Undo removes them again.', 'success');
    } catch (error) {
      toast(`The draft could not be restored: ${errorText(error)}`, 'error');
    }
  }

  async reapplyDraft(draft, banner) {
    try {
      const { changes } = await this.model.apply(draft.operations, { label: 'Re-apply unsaved edits', source: 'draft' });
      banner.remove();
      toast(`Your edits were re-applied${changes.length ? ` (${changes.length} change${changes.length > 1 ? 's' : ''})` : ''}. Undo removes them again.`, 'success');
    } catch {
      // operationFailed explains; "Restore them as they were" stays available.
    }
  }

  // Assets: signed links last an hour; states from drafts or older versions may use assets the editor answer
  // did not include.

  stateKeys(state) {
    return [...state.clips.map((clip) => clip.asset), ...state.audio.voice.segments.map((s) => s.asset), ...state.audio.music.segments.map((s) => s.asset)];
  }

  async ensureAssets(state) {
    const missing = [...new Set(this.stateKeys(state))].filter((key) => !this.assets[key]);
    if (!missing.length) return;
    const fromScenes = new Map();
    for (const scene of this.scenes || []) for (const asset of scene.assets || []) fromScenes.set(asset.key, asset.url);
    const token = await accessToken();
    await Promise.all(missing.map(async (key) => {
      if (fromScenes.has(key)) {
        this.assets[key] = fromScenes.get(key);
        return;
      }
      // Fetched with the session and shown from memory.
      const response = await fetch(`/api/v1/assets/${encodeURIComponent(key)}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(`an asset of this state is no longer available (HTTP ${response.status})`);
      const url = URL.createObjectURL(await response.blob());
      this.objectUrls.push(url);
      this.assets[key] = url;
    }));
    this.player.setAssets(this.assets);
  }

  async refreshAssets(afterError = false) {
    if (this.destroyed || (afterError && Date.now() - this.lastAssetRefresh < 60_000)) return;
    this.lastAssetRefresh = Date.now();
    try {
      const [editor, scenes] = await Promise.all([
        api(`/videos/${encodeURIComponent(this.videoId)}/editor?version=${this.model.baseVersion}`).catch(() => null),
        api(`/videos/${encodeURIComponent(this.videoId)}/scenes`).catch(() => null),
      ]);
      if (this.destroyed) return;
      if (scenes) this.scenes = scenes.scenes;
      if (editor?.assets) Object.assign(this.assets, editor.assets);
      for (const scene of this.scenes || []) {
        for (const asset of scene.assets || []) if (this.assets[asset.key] && !this.assets[asset.key].startsWith('blob:')) this.assets[asset.key] = asset.url;
      }
      this.player.setAssets(this.assets);
      this.assetsPanel.render();
      this.timeline.render(this.model.state);
    } catch (error) {
      console.warn('asset links could not be refreshed', error);
    }
  }

  // Versions

  async openVersion(number) {
    if (this.model.dirty) {
      const ok = await confirmDialog({
        title: `Open version ${number}?`,
        message: 'Your unsaved edits are kept as a draft on this device; you can restore them later from the banner.',
        confirm: `Open version ${number}`,
      });
      if (!ok) return;
    }
    const draft = this.model.snapshotDraft();
    try {
      const editor = await api(`/videos/${encodeURIComponent(this.videoId)}/editor?version=${number}`);
      Object.assign(this.assets, editor.assets || {});
      this.player.setAssets(this.assets);
      this.player.pause();
      this.player.seek(0);
      this.model.load(editor.editorState, editor.version.number);
      if (draft) {
        this.model.keepDraft(draft);
        this.showDraftBanner(`Your unsaved edits of version ${draft.baseVersion} were kept as a draft.`, draft);
      }
      this.select(null);
      history.replaceState(history.state, '', `/videos/${encodeURIComponent(this.videoId)}/edit?version=${editor.version.number}`);
      this.versions.render();
      toast(`Editing version ${editor.version.number}.`, 'info');
    } catch (error) {
      toast(`Version ${number} could not be opened: ${errorText(error)}`, 'error');
    }
  }

  restored(video, version) {
    this.video = { ...this.video, ...video };
    refreshUser();
    const banner = this.banner('success', `Version ${version.number} is now the video's current version.`,
      version.number !== this.model.baseVersion ? [{ label: 'Open it in the editor', onClick: () => { banner.remove(); this.openVersion(version.number); } }] : [],
      { dismissible: true });
  }

  async save() {
    if (this.saving) return;
    this.saving = true;
    this.updateHeader();
    try {
      await this.model.pending; // Edits still on their way are part of what is saved.
      const versions = this.versions.versions || (await this.versions.refresh()) || [];
      if (versions.length >= VERSION_LIMIT) {
        const removable = versions.find((v) => !v.current && v.status !== 'queued' && v.status !== 'rendering');
        const ok = await confirmDialog({
          title: 'Save a new version?',
          message: removable
            ? `At most ${VERSION_LIMIT} versions are kept: saving removes version ${removable.number} (the oldest one not in use).`
            : `At most ${VERSION_LIMIT} versions are kept and none can be removed right now.`,
          confirm: 'Save',
        });
        if (!ok) return;
      }
      const state = this.model.state;
      const answer = await api(`/videos/${encodeURIComponent(this.videoId)}/versions`, { method: 'POST', body: { editorState: state } });
      this.model.markSaved(state, answer.version.number);
      // A reload opens this version even before it is rendered (the video still shows the previous one).
      history.replaceState(history.state, '', `/videos/${encodeURIComponent(this.videoId)}/edit?version=${answer.version.number}`);
      const removed = answer.removedVersions || [];
      // Forget removed versions at once (their thumbnails are gone).
      if (this.versions.versions) this.versions.versions = this.versions.versions.filter((v) => !removed.includes(v.number));
      const removedText = removed.length
        ? ` Version${removed.length > 1 ? 's' : ''} ${removed.join(', ')} ${removed.length > 1 ? 'were' : 'was'} removed (at most ${VERSION_LIMIT} are kept).`
        : '';
      this.versions.refresh();
      this.followJob(answer.jobId, {
        title: `Rendering version ${answer.version.number}…`,
        extra: removedText,
        done: async (body) => {
          const versions = await this.versions.refresh();
          const version = versions?.find((v) => v.number === answer.version.number);
          if (body.job?.state === 'succeeded' && version?.status !== 'failed') {
            return {
              kind: 'success',
              text: `Version ${answer.version.number} is ready.${removedText}`,
              actions: [
                { label: 'Watch it', href: `/videos/${encodeURIComponent(this.videoId)}` },
                version?.videoUrl ? { label: 'Open the MP4', href: version.videoUrl, external: true } : null,
              ].filter(Boolean),
            };
          }
          return {
            kind: 'error',
            text: `Version ${answer.version.number} could not be rendered: ${version?.error || body.job?.error || 'unknown reason'}. Your edits are saved in it; try saving again.`,
          };
        },
      });
    } catch (error) {
      toast(`The version was not saved: ${errorText(error)}`, 'error', 8000);
    } finally {
      this.saving = false;
      this.updateHeader();
    }
  }

  // Jobs

  /** A video job started while the page was closed (or before a reload): follow it again. */
  resumeJob() {
    const job = this.video.job;
    if (!job || !['queued', 'running'].includes(job.state)) return;
    if (job.kind === 'render_version') {
      this.followJob(job.id, {
        title: 'Rendering a version…',
        done: async (body) => {
          await this.versions.refresh();
          return body.job?.state === 'succeeded'
            ? { kind: 'success', text: 'The new version is ready.', actions: [{ label: 'Watch it', href: `/videos/${encodeURIComponent(this.videoId)}` }] }
            : { kind: 'error', text: `The version could not be rendered: ${body.job?.error || 'unknown reason'}.` };
        },
      });
    } else if (job.kind === 'regenerate_scene') {
      this.regenerating({ jobId: job.id });
    }
  }

  regenerating({ scene, index, kind, regeneration, jobId }) {
    const what = { visual: 'a new picture', audio: 'a new voice', both: 'a new picture and voice' }[kind] || 'a new take';
    const name = index !== undefined ? `scene ${index + 1}` : 'a scene';
    if (regeneration && this.credits) this.credits.balance = regeneration.balance;
    this.refreshScenes();
    this.followJob(jobId || regeneration.jobId, {
      title: `Making ${what} for ${name}…`,
      extra: regeneration?.prunedRevisions ? ` (${regeneration.prunedRevisions} old revision${regeneration.prunedRevisions > 1 ? 's were' : ' was'} dropped; 5 are kept)` : '',
      done: async (body) => {
        await this.refreshScenes();
        this.versions.refresh();
        if (body.job?.state !== 'succeeded') {
          refreshUser();
          this.refreshCredits();
          const price = regeneration?.price;
          return {
            kind: 'error',
            text: `Regenerating ${name} failed: ${body.job?.error || 'unknown reason'}.${price ? ` Your ${price} credit${price > 1 ? 's were' : ' was'} refunded.` : ' The charge was refunded.'}`,
          };
        }
        return this.reloadAfterRegeneration(name, what);
      },
    });
  }

  /** The regenerated video has a new current version: edit it; unsaved edits stay as a draft. */
  async reloadAfterRegeneration(name, what) {
    const draft = this.model.snapshotDraft();
    try {
      const editor = await api(`/videos/${encodeURIComponent(this.videoId)}/editor`);
      Object.assign(this.assets, editor.assets || {});
      this.player.setAssets(this.assets);
      this.model.load(editor.editorState, editor.version.number);
      history.replaceState(history.state, '', `/videos/${encodeURIComponent(this.videoId)}/edit`);
      this.timeline.render(this.model.state);
      this.versions.render();
      this.assistant.note(`${name[0].toUpperCase()}${name.slice(1)} has ${what}. Now editing version ${editor.version.number}.`);
      if (draft) {
        this.model.keepDraft(draft);
        this.showDraftBanner(draft.operations?.length
          ? `The editor now shows version ${editor.version.number} with ${what} for ${name}. Your unsaved edits (made on version ${draft.baseVersion}) were kept: re-apply them to the new version, or restore them as they were (with the old ${name}).`
          : `The editor now shows version ${editor.version.number} with ${what} for ${name}. Your unsaved edits (made on version ${draft.baseVersion}) were kept as a draft; restoring them brings back the old ${name} too.`,
        draft);
      }
      return { kind: 'success', text: `Done: ${name} has ${what}. Now editing version ${editor.version.number}.` };
    } catch (error) {
      return { kind: 'error', text: `The scene was regenerated, but the editor could not reload it: ${errorText(error)}. Reload the page.` };
    }
  }

  async refreshScenes() {
    try {
      this.scenes = (await api(`/videos/${encodeURIComponent(this.videoId)}/scenes`)).scenes;
    } catch (error) {
      console.warn('scenes could not be refreshed', error);
    }
    this.assetsPanel.render();
    if (this.model.state) this.timeline.render(this.model.state);
  }

  async refreshCredits() {
    try {
      this.credits = await api('/users/me/credits');
      this.assetsPanel.renderScenes();
    } catch {
      // Prices keep their last known value.
    }
  }

  /** Shows a job's progress in a banner; `done(body)` → {kind, text, actions} for the final banner. */
  followJob(jobId, { title, extra = '', done }) {
    this.jobBanner?.remove();
    this.jobRunning = true;
    this.assetsPanel.renderScenes();
    this.versions.render();
    const banner = this.banner('progress', title, [], { progress: 0, detail: `Waiting for a worker…${extra}` });
    this.jobBanner = banner;
    const stop = followVideo(this.videoId, {
      jobId,
      onProgress: (body) => {
        const { percent, line } = progressOf(body);
        banner.setProgress(percent);
        banner.setDetail(`${line}${extra}`);
      },
      onEnd: async (body) => {
        this.stops.delete(stop);
        this.jobRunning = false;
        let result;
        try {
          result = await done(body);
        } catch (error) {
          result = { kind: 'error', text: errorText(error) };
        }
        if (this.destroyed) return;
        banner.remove();
        if (this.jobBanner === banner) this.jobBanner = null;
        this.banner(result.kind, result.text, result.actions || [], { dismissible: true });
        this.assetsPanel.renderScenes();
        this.versions.render();
        refreshUser();
      },
      onError: (error) => {
        banner.setDetail(errorText(error));
      },
    });
    this.stops.add(stop);
  }

  /** A banner under the header: kind info | success | error | progress; actions [{label, onClick|href, primary}]. */
  banner(kind, text, allActions = [], { progress = null, detail = '', dismissible = false } = {}) {
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
    this.banners.append(element);
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
