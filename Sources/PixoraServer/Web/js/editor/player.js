// The in-browser preview of an EditorState, before any render: two stacked <video> elements (clip k always
// plays in element k % 2, so the outgoing and incoming clips of a transition are in different elements and
// the next clip is preloaded in the idle one), <audio> elements for voice and music segments with their
// gains (Web Audio, so volumes above 100 % work), and captions / text overlays drawn as positioned text.
// The clock is a requestAnimationFrame loop on performance.now(); media follow it and are re-seeked when
// they drift more than 0.15 s.

import { h } from '../ui.js';
import { clipStarts, overlap, totalDuration } from './model.js';

const DRIFT = 0.15;
const DUCK = 0.35;
const STALL_LIMIT_MS = 2500;

const FONTS = {
  sans: '"DejaVu Sans", system-ui, sans-serif',
  serif: '"DejaVu Serif", Georgia, serif',
  mono: '"DejaVu Sans Mono", ui-monospace, monospace',
};

const ICONS = {
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  previous: 'M6 5h2v14H6zM20 5v14L9 12z',
  next: 'M16 5h2v14h-2zM4 5l11 7-11 7z',
};

/** A small inline SVG icon (play, pause, previous, next); decorative, the button carries the label. */
export function icon(name) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', ICONS[name]);
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** 75.43 → "1:15.4". */
export function formatTime(seconds) {
  const value = Math.max(0, seconds || 0);
  const minutes = Math.floor(value / 60);
  const rest = value - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

function hexToRgba(hex, alpha) {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  const value = match ? parseInt(match[1], 16) : 0;
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** Applies a TextStyle to a text element; sizes follow --stage-h (the stage height in px). */
export function styleText(element, style = {}) {
  const size = style.size ?? 0.045;
  element.style.fontFamily = FONTS[style.font] || FONTS.sans;
  // ASS font sizes are the line height; CSS sizes the em box, about 1.16 times smaller for DejaVu.
  element.style.fontSize = `calc(var(--stage-h, 360px) * ${(size * 0.86).toFixed(5)})`;
  element.style.fontWeight = style.bold === false ? '400' : '700';
  element.style.color = style.color || '#FFFFFF';
  if (style.box) {
    element.style.backgroundColor = hexToRgba(style.boxColor || '#000000', style.boxOpacity ?? 0.55);
    element.style.webkitTextStroke = '';
    element.style.padding = '0.12em 0.3em';
  } else {
    element.style.backgroundColor = 'transparent';
    element.style.padding = '0';
    const width = (style.outline ?? 0.06) * size * 2;
    element.style.webkitTextStroke = width > 0 ? `calc(var(--stage-h, 360px) * ${width.toFixed(5)}) ${style.outlineColor || '#000000'}` : '';
  }
}

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
    this.audioContext = null;
    this.tracks = new Map(); // key → {element, gain, segment, kind}
    this.texts = new Map(); // key → element
    this.selectedOverlay = null;
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
    this.textLayer = h('div', { class: 'stage-text' });
    this.captionBox = h('div', { class: 'stage-caption', 'aria-live': 'off' });
    this.textLayer.append(this.captionBox);
    this.message = h('div', { class: 'stage-message', hidden: true });
    this.stage = h('div', { class: 'stage', role: 'img', 'aria-label': 'Preview of the edited video' },
      ...this.videos, this.fadeLayer, this.textLayer, this.message);
    this.audioBox = h('div', { hidden: true });
    this.element = h('div', { class: 'player' }, h('div', { class: 'stage-wrap' }, this.stage), this.audioBox);
    this.resizeObserver = new ResizeObserver(() => {
      this.stage.style.setProperty('--stage-h', `${this.stage.clientHeight}px`);
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
    for (const [key, track] of this.tracks) {
      const url = this.assets[track.segment.asset];
      if (url && track.element.dataset.src !== url) {
        this.removeTrack(key);
      }
    }
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
    this.syncTracks();
    for (const element of this.texts.values()) element.remove();
    this.texts.clear();
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
    this.ensureAudioContext();
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
    for (const track of this.tracks.values()) track.element.pause();
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

    this.resetLayer(incoming);
    this.resetLayer(outgoing);
    this.fadeLayer.style.opacity = '0';
    incoming.style.zIndex = '2';
    outgoing.style.zIndex = '1';
    incoming.style.visibility = 'visible';
    if (inTransition) {
      outgoing.style.visibility = 'visible';
      this.applyTransition(this.state.transitions[cur - 1].kind, progress, incoming, outgoing);
    } else {
      outgoing.style.visibility = 'hidden';
    }
    const missing = !this.assets[clips[cur]?.asset];
    this.message.hidden = !missing;
    this.message.textContent = missing ? 'This clip is not available.' : '';

    this.syncAudio(t, seeking);
    this.drawText(t);
    this.emit('time');
  }

  /** Points `video` at clip `index` and keeps it at the right media time. */
  showClip(video, index, t, active, seeking) {
    const clip = this.state.clips[index];
    if (!clip) return;
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

  resetLayer(video) {
    video.style.opacity = '1';
    video.style.transform = '';
    video.style.clipPath = '';
    video.style.webkitMaskImage = '';
    video.style.maskImage = '';
  }

  /** Approximates an ffmpeg xfade transition with CSS: the incoming clip is on top, at `p` (0 → 1). */
  applyTransition(kind, p, incoming, outgoing) {
    const rest = ((1 - p) * 100).toFixed(2);
    const done = (p * 100).toFixed(2);
    switch (kind) {
      case 'fade':
      case 'dissolve':
        incoming.style.opacity = String(p);
        break;
      case 'fadeblack':
      case 'fadewhite':
        // Out to a colour over the first half, in from it over the second.
        this.fadeLayer.style.background = kind === 'fadeblack' ? '#000' : '#fff';
        this.fadeLayer.style.opacity = String(Math.min(1, p * 2));
        incoming.style.opacity = String(Math.max(0, p * 2 - 1));
        incoming.style.zIndex = '4';
        break;
      case 'slideleft':
        incoming.style.transform = `translateX(${rest}%)`;
        outgoing.style.transform = `translateX(-${done}%)`;
        break;
      case 'slideright':
        incoming.style.transform = `translateX(-${rest}%)`;
        outgoing.style.transform = `translateX(${done}%)`;
        break;
      case 'slideup':
        incoming.style.transform = `translateY(${rest}%)`;
        outgoing.style.transform = `translateY(-${done}%)`;
        break;
      case 'slidedown':
        incoming.style.transform = `translateY(-${rest}%)`;
        outgoing.style.transform = `translateY(${done}%)`;
        break;
      case 'wipeleft':
      case 'smoothleft':
        incoming.style.clipPath = `inset(0 0 0 ${rest}%)`;
        break;
      case 'wiperight':
        incoming.style.clipPath = `inset(0 ${rest}% 0 0)`;
        break;
      case 'wipeup':
        incoming.style.clipPath = `inset(${rest}% 0 0 0)`;
        break;
      case 'wipedown':
        incoming.style.clipPath = `inset(0 0 ${rest}% 0)`;
        break;
      case 'circleopen':
        incoming.style.clipPath = `circle(${(p * 72).toFixed(2)}% at 50% 50%)`;
        break;
      case 'radial': {
        const mask = `conic-gradient(#000 ${(p * 360).toFixed(1)}deg, transparent 0)`;
        incoming.style.webkitMaskImage = mask;
        incoming.style.maskImage = mask;
        break;
      }
      default:
        incoming.style.opacity = String(p);
    }
  }

  // Audio

  ensureAudioContext() {
    if (this.audioContext || !window.AudioContext) {
      this.audioContext?.resume().catch(() => {});
      return;
    }
    try {
      this.audioContext = new AudioContext();
      for (const track of this.tracks.values()) this.connect(track);
    } catch (error) {
      console.warn('Web Audio unavailable; volumes above 100 % will sound like 100 %', error);
    }
  }

  connect(track) {
    if (!this.audioContext || track.gain) return;
    const source = this.audioContext.createMediaElementSource(track.element);
    track.gain = this.audioContext.createGain();
    source.connect(track.gain).connect(this.audioContext.destination);
    track.element.volume = 1;
  }

  /** One <audio> per segment, reused while the segment keeps its asset. */
  syncTracks() {
    const wanted = new Map();
    for (const kind of ['voice', 'music']) {
      this.state.audio[kind].segments.forEach((segment, index) => {
        wanted.set(`${kind}:${index}:${segment.asset}`, { kind, segment });
      });
    }
    for (const key of [...this.tracks.keys()]) {
      if (!wanted.has(key)) this.removeTrack(key);
    }
    for (const [key, { kind, segment }] of wanted) {
      const existing = this.tracks.get(key);
      if (existing) {
        existing.segment = segment;
        existing.element.loop = Boolean(segment.loop);
        continue;
      }
      const url = this.assets[segment.asset];
      const element = h('audio', { preload: 'auto' });
      element.loop = Boolean(segment.loop);
      element.addEventListener('error', () => this.mediaError(element));
      if (url) {
        element.src = url;
        element.dataset.src = url;
      }
      this.audioBox.append(element);
      const track = { element, gain: null, segment, kind };
      this.tracks.set(key, track);
      this.connect(track);
    }
  }

  removeTrack(key) {
    const track = this.tracks.get(key);
    if (!track) return;
    track.element.pause();
    track.gain?.disconnect();
    track.element.removeAttribute('src');
    track.element.remove();
    this.tracks.delete(key);
  }

  voiceActive(t) {
    return this.state.audio.voice.segments.some((s) => t >= s.start && t < s.start + s.duration);
  }

  syncAudio(t, seeking) {
    const audio = this.state.audio;
    const ducked = audio.ducking && this.voiceActive(t);
    for (const track of this.tracks.values()) {
      const { segment, element, kind } = track;
      const local = t - segment.start;
      const active = local >= 0 && local < segment.duration;
      let gain = audio[kind].volume * (segment.volume ?? 1);
      if (active) {
        if (segment.fadeIn > 0 && local < segment.fadeIn) gain *= local / segment.fadeIn;
        const left = segment.duration - local;
        if (segment.fadeOut > 0 && left < segment.fadeOut) gain *= left / segment.fadeOut;
      }
      if (kind === 'music' && ducked) gain *= DUCK;
      this.setGain(track, active ? gain : 0);
      if (!element.getAttribute('src')) continue;
      let target = (segment.trimIn || 0) + Math.max(0, local);
      const length = element.duration;
      if (Number.isFinite(length) && length > 0) {
        if (segment.loop) target %= length;
        else if (target >= length) {
          if (!element.paused) element.pause();
          continue;
        }
      }
      if (this.playing && active) {
        if (element.paused) element.play().catch(() => {});
        if (!element.seeking && Math.abs(element.currentTime - target) > DRIFT) element.currentTime = target;
      } else {
        if (!element.paused) element.pause();
        if (seeking && active && element.readyState >= 1 && Math.abs(element.currentTime - target) > DRIFT) element.currentTime = target;
      }
    }
  }

  setGain(track, value) {
    const gain = Math.max(0, value);
    if (track.gain) {
      const param = track.gain.gain;
      if (Math.abs(param.value - gain) > 0.001) param.setTargetAtTime(gain, this.audioContext.currentTime, 0.03);
    } else {
      track.element.volume = Math.min(1, gain);
    }
  }

  // Text

  drawText(t) {
    const state = this.state;
    const cue = state.captions.enabled ? state.captions.cues.find((c) => t >= c.start && t < c.end) : null;
    const captionKey = cue ? `cue:${cue.start}:${cue.text}` : '';
    if (this.captionBox.dataset.key !== captionKey) {
      this.captionBox.dataset.key = captionKey;
      this.captionBox.replaceChildren();
      if (cue) {
        const line = h('span', { class: 'stage-caption-line' }, cue.text);
        styleText(line, state.captions.style);
        this.captionBox.append(line);
      }
    }
    const visible = new Set();
    for (const overlay of state.overlays) {
      if (!(t >= overlay.start && t < overlay.end) && overlay.id !== this.selectedOverlay) continue;
      visible.add(overlay.id);
      let element = this.texts.get(overlay.id);
      if (!element) {
        element = this.overlayElement(overlay);
        this.texts.set(overlay.id, element);
        this.textLayer.append(element);
      }
      // A selected overlay outside its time range is shown faintly so it can still be placed.
      element.classList.toggle('outside', !(t >= overlay.start && t < overlay.end));
      element.classList.toggle('selected', overlay.id === this.selectedOverlay);
    }
    for (const [id, element] of this.texts) {
      if (!visible.has(id)) {
        element.remove();
        this.texts.delete(id);
      }
    }
  }

  overlayElement(overlay) {
    const element = h('div', {
      class: 'stage-overlay', dataset: { id: overlay.id }, title: 'Drag to move this text',
    }, overlay.text);
    styleText(element, overlay.style);
    element.style.left = `${overlay.x * 100}%`;
    element.style.top = `${overlay.y * 100}%`;
    element.addEventListener('pointerdown', (event) => this.dragOverlay(event, overlay, element));
    return element;
  }

  /** Moves an overlay with the pointer; the new centre is reported on release. */
  dragOverlay(event, overlay, element) {
    if (event.button !== 0) return;
    event.preventDefault();
    const rect = this.stage.getBoundingClientRect();
    const startX = event.clientX;
    const startY = event.clientY;
    let moved = false;
    let x = overlay.x;
    let y = overlay.y;
    element.setPointerCapture(event.pointerId);
    const move = (e) => {
      if (!moved && Math.hypot(e.clientX - startX, e.clientY - startY) < 4) return;
      moved = true;
      x = Math.min(1, Math.max(0, overlay.x + (e.clientX - startX) / rect.width));
      y = Math.min(1, Math.max(0, overlay.y + (e.clientY - startY) / rect.height));
      element.style.left = `${x * 100}%`;
      element.style.top = `${y * 100}%`;
    };
    const up = () => {
      element.removeEventListener('pointermove', move);
      element.removeEventListener('pointerup', up);
      element.removeEventListener('pointercancel', up);
      if (moved) this.onOverlayMove?.(overlay.id, Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000);
      else this.onOverlaySelect?.(overlay.id);
    };
    element.addEventListener('pointermove', move);
    element.addEventListener('pointerup', up);
    element.addEventListener('pointercancel', up);
  }

  selectOverlay(id) {
    this.selectedOverlay = id;
    if (this.state) this.drawText(this.time);
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
    for (const key of [...this.tracks.keys()]) this.removeTrack(key);
    this.audioContext?.close().catch(() => {});
    this.audioContext = null;
  }
}
