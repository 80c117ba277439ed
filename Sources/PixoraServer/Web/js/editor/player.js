// The in-browser preview of an EditorState, before any render: two stacked <video> elements (clip k always
// plays in element k % 2, so the outgoing and incoming clips of a transition are in different elements and
// the next clip is preloaded in the idle one), <audio> elements for voice and music segments with their
// gains (Web Audio, so volumes above 100 % work), and captions / text overlays drawn as positioned text.
// The clock is a requestAnimationFrame loop on performance.now(); media follow it and are re-seeked when
// they drift more than 0.15 s.

import { h } from '../ui.js';
import { clipStarts, overlap, totalDuration } from '../timing.js';
import { applyTransition, resetLayer } from './stage-transitions.js';
import { AudioMix } from './audio-mix.js';
import { TextLayer } from './text-layer.js';
import { clipLook, lookFilter } from './look-preview.js';

const DRIFT = 0.15;
const STALL_LIMIT_MS = 2500;

export class Player extends EventTarget {
  /**
   * options.onOverlayMove(id, x, y): an overlay was dragged on the stage (fractions of the canvas).
   * options.onOverlaySelect(id): an overlay was clicked.
   */
  constructor({ assets = {}, onOverlayMove, onOverlaySelect } = {}) {
    super();
    this.assets = assets;
    this.onOverlayMove = onOverlayMove;
    this.onOverlaySelect = onOverlaySelect;
    this.state = null;
    this.starts = [];
    this.total = 0;
    this.time = 0;
    this.playing = false;
    this.anchorTime = 0;
    this.anchorClock = 0;
    this.frame = 0;
    this.stalledSince = 0;
    this.build();
  }

  build() {
    this.videos = [0, 1].map((slot) => h('video', {
      class: 'stage-video', muted: true, playsInline: true, preload: 'auto', 'aria-hidden': 'true',
      dataset: { slot: String(slot) },
    }));
    for (const video of this.videos) {
      video.muted = true;
      video.addEventListener('error', () => this.mediaError(video));
    }
    this.fadeLayer = h('div', { class: 'stage-fade', 'aria-hidden': 'true' });
    this.message = h('div', { class: 'stage-message', hidden: true });
    this.stage = h('div', { class: 'stage', role: 'img', 'aria-label': 'Preview of the edited video' }, ...this.videos, this.fadeLayer);
    this.text = new TextLayer({ stage: this.stage, onOverlayMove: this.onOverlayMove, onOverlaySelect: this.onOverlaySelect });
    this.stage.append(this.text.element, this.message);
    this.audio = new AudioMix({ onError: (element) => this.mediaError(element) });
    this.element = h('div', { class: 'player' }, h('div', { class: 'stage-wrap' }, this.stage), this.audio.element);
    this.resizeObserver = new ResizeObserver(() => {
      this.stage.style.setProperty('--stage-h', `${this.stage.clientHeight}px`);
      this.stage.style.setProperty('--stage-w', `${this.stage.clientWidth}px`);
    });
    this.resizeObserver.observe(this.stage);
  }

  setAssets(assets) {
    this.assets = assets || {};
    // New signed URLs: re-point elements that show the same asset.
    for (const video of this.videos) {
      const key = video.dataset.asset;
      if (key && this.assets[key] && video.dataset.src !== this.assets[key]) {
        video.dataset.clip = '';
      }
    }
    this.audio.repoint(this.assets);
    if (this.state) this.setState(this.state);
  }

  /** Shows another EditorState (after an edit, or live while a slider moves); keeps the time. */
  setState(state) {
    this.state = state;
    this.starts = clipStarts(state);
    this.total = totalDuration(state);
    this.stage.style.aspectRatio = `${state.canvas.width} / ${state.canvas.height}`;
    // As large as the preview area allows at the canvas's shape (container query units of .stage-wrap).
    this.stage.style.width = `min(100cqw, calc(100cqh * ${(state.canvas.width / state.canvas.height).toFixed(5)}))`;
    this.stage.style.backgroundColor = state.background || '#000000';
    this.stage.classList.toggle('portrait', state.canvas.height > state.canvas.width);
    this.audio.syncTracks(state, this.assets);
    this.text.clear();
    for (const video of this.videos) video.dataset.clip = '';
    if (this.time > this.total) this.time = this.total;
    this.renderFrame();
    this.emit('state');
  }

  get duration() { return this.total; }

  // Clock

  play() {
    if (!this.state || this.playing) return;
    if (this.time >= this.total - 0.05) this.time = 0;
    this.audio.ensureAudioContext();
    this.playing = true;
    this.anchorTime = this.time;
    this.anchorClock = performance.now();
    this.stalledSince = 0;
    this.emit('play');
    this.loop();
  }

  pause() {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.frame);
    for (const video of this.videos) video.pause();
    this.audio.pause();
    this.renderFrame();
    this.emit('pause');
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  seek(time) {
    this.time = Math.min(Math.max(0, Number(time) || 0), this.total);
    this.anchorTime = this.time;
    this.anchorClock = performance.now();
    this.renderFrame(true);
  }

  loop() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (!this.playing) return;
      const now = performance.now();
      if (this.isStalled(now)) {
        // Hold the clock while the picture is still loading, so picture and sound stay together.
        this.anchorTime = this.time;
        this.anchorClock = now;
      } else {
        this.time = this.anchorTime + (now - this.anchorClock) / 1000;
      }
      if (this.time >= this.total) {
        this.time = this.total;
        this.renderFrame();
        this.pause();
        return;
      }
      this.renderFrame();
      this.loop();
    });
  }

  /** True while the visible clip cannot show its frame yet (loading or seeking), for at most STALL_LIMIT_MS. */
  isStalled(now) {
    const index = this.currentIndex(this.time);
    const video = this.videos[index % 2];
    const waiting = video && video.getAttribute('src') && !video.error && (video.readyState < 2 || video.seeking);
    if (!waiting) {
      this.stalledSince = 0;
      return false;
    }
    if (!this.stalledSince) this.stalledSince = now;
    return now - this.stalledSince < STALL_LIMIT_MS;
  }

  // Frame

  currentIndex(time) {
    let index = 0;
    for (let k = 0; k < this.starts.length; k += 1) {
      if (this.starts[k] <= time + 1e-6) index = k;
    }
    return index;
  }

  renderFrame(seeking = false) {
    if (!this.state) return;
    const t = this.time;
    const clips = this.state.clips;
    const cur = this.currentIndex(t);
    const overlapIn = cur > 0 ? overlap(this.state.transitions[cur - 1]) : 0;
    const inTransition = overlapIn > 0 && t < this.starts[cur] + overlapIn;
    const progress = inTransition ? Math.min(1, Math.max(0, (t - this.starts[cur]) / overlapIn)) : 1;
    const other = inTransition ? cur - 1 : cur + 1;

    const incoming = this.videos[cur % 2];
    const outgoing = other >= 0 && other < clips.length ? this.videos[other % 2] : this.videos[(cur + 1) % 2];
    this.showClip(incoming, cur, t, true, seeking);
    if (other >= 0 && other < clips.length) this.showClip(outgoing, other, t, inTransition, seeking);

    resetLayer(incoming);
    resetLayer(outgoing);
    this.fadeLayer.style.opacity = '0';
    incoming.style.zIndex = '2';
    outgoing.style.zIndex = '1';
    incoming.style.visibility = 'visible';
    if (inTransition) {
      outgoing.style.visibility = 'visible';
      applyTransition(this.state.transitions[cur - 1].kind, progress, incoming, outgoing, this.fadeLayer);
    } else {
      outgoing.style.visibility = 'hidden';
    }
    const missing = !this.assets[clips[cur]?.asset];
    this.message.hidden = !missing;
    this.message.textContent = missing ? 'This clip is not available.' : '';

    this.audio.syncAudio(this.state, t, seeking, this.playing);
    this.text.draw(this.state, t);
    this.emit('time');
  }

  /** Points `video` at clip `index` and keeps it at the right media time. */
  showClip(video, index, t, active, seeking) {
    const clip = this.state.clips[index];
    if (!clip) return;
    const filter = lookFilter(clipLook(this.state, index));
    if (video.style.filter !== filter) video.style.filter = filter;
    const url = this.assets[clip.asset];
    if (video.dataset.clip !== `${index}:${clip.asset}:${clip.trimIn}`) {
      video.dataset.clip = `${index}:${clip.asset}:${clip.trimIn}`;
      video.dataset.asset = clip.asset;
      if (url && video.dataset.src !== url) {
        video.dataset.src = url;
        video.src = url;
      } else if (!url) {
        video.removeAttribute('src');
        video.dataset.src = '';
      }
    }
    if (!url) return;
    const local = t - this.starts[index];
    let target = clip.trimIn + Math.min(Math.max(local, 0), clip.duration);
    // Longer than the source: the last frame stays (as the renderer does).
    const end = Number.isFinite(video.duration) ? video.duration - 0.04 : Infinity;
    const frozen = target >= end;
    if (frozen) target = Math.max(0, end);
    const shouldPlay = this.playing && active && local >= 0 && !frozen;
    if (shouldPlay) {
      if (video.paused) video.play().catch(() => {});
      if (!video.seeking && Math.abs(video.currentTime - target) > DRIFT) video.currentTime = target;
    } else {
      if (!video.paused) video.pause();
      const tolerance = seeking ? 0.02 : DRIFT;
      if (video.readyState >= 1 && !video.seeking && Math.abs(video.currentTime - target) > tolerance) video.currentTime = target;
    }
  }

  selectOverlay(id) {
    this.text.selectedOverlay = id;
    if (this.state) this.text.draw(this.state, this.time);
  }

  mediaError(element) {
    if (!element.getAttribute('src')) return;
    this.emit('mediaerror');
  }

  emit(type) {
    this.dispatchEvent(new CustomEvent(type));
  }

  destroy() {
    this.playing = false;
    cancelAnimationFrame(this.frame);
    this.resizeObserver.disconnect();
    for (const video of this.videos) {
      video.pause();
      video.removeAttribute('src');
      video.load();
    }
    this.audio.destroy();
  }
}
