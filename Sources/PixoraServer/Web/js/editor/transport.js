// The editor preview's transport: previous / play-pause / next scene, the clock, the seek bar and a scene jump
// list, kept in step with the player.

import { h } from '../ui.js';
import { formatTime } from '../format.js';
import { mediaIcon } from '../icons.js';
import { clipStarts, totalDuration } from '../timing.js';

export class Transport {
  /** options: player, model, sceneNumber(clip, index) → the scene number a clip shows. */
  constructor({ player, model, sceneNumber }) {
    this.player = player;
    this.model = model;
    this.sceneNumber = sceneNumber;
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
    this.element = h('div', { class: 'transport' },
      h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Previous scene', title: 'Previous scene', onclick: () => step(-1) }, mediaIcon('previous')),
      this.playButton,
      h('button', { type: 'button', class: 'icon-button small', 'aria-label': 'Next scene', title: 'Next scene', onclick: () => step(1) }, mediaIcon('next')),
      this.timeText, this.seekBar, this.sceneSelect);
    this.updatePlayButton();
  }

  updatePlayButton() {
    const playing = this.player.playing;
    this.playButton.replaceChildren(mediaIcon(playing ? 'pause' : 'play'));
    this.playButton.setAttribute('aria-label', playing ? 'Pause (Space)' : 'Play (Space)');
    this.playButton.title = playing ? 'Pause (Space)' : 'Play (Space)';
    this.playButton.classList.toggle('playing', playing);
  }

  /** A new state: the seek bar's length and the scene list. */
  showState(state) {
    this.seekBar.max = String(totalDuration(state));
    this.sceneSelect.replaceChildren(...state.clips.map((clip, index) => h('option', { value: String(index) }, `Scene ${this.sceneNumber(clip, index)}`)));
  }

  /** The player's time: the clock, the seek bar and the scene being shown. */
  tick() {
    const time = this.player.time;
    const total = this.player.duration;
    this.timeText.textContent = `${formatTime(time)} / ${formatTime(total)}`;
    if (document.activeElement !== this.seekBar) this.seekBar.value = String(time);
    this.seekBar.setAttribute('aria-valuetext', `${formatTime(time)} of ${formatTime(total)}`);
    const starts = clipStarts(this.model.state);
    const index = Math.max(0, starts.findLastIndex((start) => start <= time + 1e-6));
    if (this.sceneSelect.value !== String(index)) this.sceneSelect.value = String(index);
  }
}
