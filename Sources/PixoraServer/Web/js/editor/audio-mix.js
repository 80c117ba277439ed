// The preview's sound: one <audio> per voice and music segment, played in step with the preview's clock, with
// the edited volumes, fades and ducking as Web Audio gains (so volumes above 100 % work).

import { h } from '../ui.js';

const DRIFT = 0.15;
const DUCK = 0.35;

export class AudioMix {
  /** `onError(element)` when an <audio> cannot load its source. */
  constructor({ onError }) {
    this.onError = onError;
    this.audioContext = null;
    this.tracks = new Map(); // key → {element, gain, segment, kind}
    this.element = h('div', { hidden: true });
  }

  /** New signed URLs: drops the tracks whose asset moved (syncTracks makes them again). */
  repoint(assets) {
    for (const [key, track] of this.tracks) {
      const url = assets[track.segment.asset];
      if (url && track.element.dataset.src !== url) {
        this.removeTrack(key);
      }
    }
  }

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

  /** One <audio> per segment of `state`, reused while the segment keeps its asset. */
  syncTracks(state, assets) {
    const wanted = new Map();
    for (const kind of ['voice', 'music']) {
      state.audio[kind].segments.forEach((segment, index) => {
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
      const url = assets[segment.asset];
      const element = h('audio', { preload: 'auto' });
      element.loop = Boolean(segment.loop);
      element.addEventListener('error', () => this.onError(element));
      if (url) {
        element.src = url;
        element.dataset.src = url;
      }
      this.element.append(element);
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

  /** Gains and positions of every track at time `t` of `state`; plays them while `playing`. */
  syncAudio(state, t, seeking, playing) {
    const audio = state.audio;
    const ducked = audio.ducking && audio.voice.segments.some((s) => t >= s.start && t < s.start + s.duration);
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
      if (playing && active) {
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

  pause() {
    for (const track of this.tracks.values()) track.element.pause();
  }

  destroy() {
    for (const key of [...this.tracks.keys()]) this.removeTrack(key);
    this.audioContext?.close().catch(() => {});
    this.audioContext = null;
  }
}
