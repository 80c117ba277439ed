// The inspector: the settings of what is selected on the timeline (a clip, a cut, a text overlay, the
// audio mix, the captions). Number fields and selects send their operation on `change`; volume sliders
// update the preview live while dragged (no request) and send the operation when released.

import { h, confirmDialog } from '../ui.js';
import { formatTime, round } from '../format.js';
import { labelOf } from '../options.js';
import { clipStarts, maxTransition, totalDuration } from '../timing.js';
import { clipLookFields, lookPanel } from './look-panel.js';
import { animationFields } from './animation-fields.js';

let fieldCount = 0;
const fieldId = (name) => `insp-${name}-${++fieldCount}`;

/**
 * options: model, player, transitions (the server's transition choices), clipName(index),
 * voiceSegmentOf(state, clipIndex) → index|-1, onSelect(selection), preview(state) (show a state in the player
 * without committing it).
 */
export class Inspector {
  constructor({ model, player, transitions, clipName, voiceSegmentOf, onSelect, preview }) {
    Object.assign(this, { model, player, transitions, clipName, voiceSegmentOf, onSelect, preview });
    this.selection = null;
    this.content = h('div', { class: 'inspector-content' });
    this.element = h('aside', { class: 'inspector card', 'aria-label': 'Inspector' }, this.content);
  }

  show(selection) {
    this.selection = selection;
    this.render();
  }

  /** Redraws for the current state; keeps focus on the same field when it still exists. */
  render() {
    const state = this.model.state;
    if (!state) return;
    const focused = this.element.contains(document.activeElement) ? document.activeElement.name : null;
    const s = this.selection;
    let body;
    if (s?.type === 'clip' && state.clips[s.index]) body = this.clipPanel(state, s.index);
    else if (s?.type === 'cut' && state.transitions[s.index] && s.index < state.clips.length - 1) body = this.cutPanel(state, s.index);
    else if (s?.type === 'overlay' && state.overlays.some((o) => o.id === s.id)) body = this.overlayPanel(state, s.id);
    else if (s?.type === 'audio') body = this.audioPanel(state);
    else if (s?.type === 'captions') body = this.captionsPanel(state);
    else if (s?.type === 'look') body = lookPanel(this, state);
    else body = this.emptyPanel();
    this.content.replaceChildren(body);
    if (focused) this.content.querySelector(`[name="${CSS.escape(focused)}"]`)?.focus({ preventScroll: true });
  }

  emptyPanel() {
    return h('div', { class: 'inspector-empty' },
      h('h3', {}, 'Inspector'),
      h('p', { class: 'muted small' }, 'Select a clip, a transition, a text or a track on the timeline to change it.'),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button small', onclick: () => this.onSelect({ type: 'audio' }) }, 'Audio mix'),
        h('button', { type: 'button', class: 'button small', onclick: () => this.onSelect({ type: 'captions' }) }, 'Captions'),
        h('button', { type: 'button', class: 'button small', onclick: () => this.onSelect({ type: 'look' }) }, 'Look')));
  }

  header(title, subtitle) {
    return h('div', { class: 'inspector-header' },
      h('h3', {}, title),
      subtitle ? h('p', { class: 'muted small' }, subtitle) : null,
      h('button', { type: 'button', class: 'icon-button small inspector-close', 'aria-label': 'Close the inspector', title: 'Close', onclick: () => this.onSelect(null) }, '×'));
  }

  apply(operations, label) {
    return this.model.apply(operations, { label }).catch(() => this.render());
  }

  // Fields

  numberField({ name, label, value, min, max, step = 0.1, hint, onCommit, unit = 's' }) {
    const id = fieldId(name);
    const input = h('input', {
      id, name, type: 'number', inputmode: 'decimal', value: String(round(value, 2)), min: min ?? null, max: max ?? null, step: String(step),
    });
    input.addEventListener('change', () => {
      const number = Number(input.value);
      if (input.value === '' || !Number.isFinite(number) || (min !== undefined && number < min) || (max !== undefined && number > max)) {
        input.setAttribute('aria-invalid', 'true');
        note.textContent = `Enter a number${min !== undefined ? ` from ${round(min, 2)}` : ''}${max !== undefined ? ` to ${round(max, 2)}` : ''}${unit ? ` ${unit}` : ''}.`;
        note.hidden = false;
        return;
      }
      input.removeAttribute('aria-invalid');
      note.hidden = true;
      if (Math.abs(number - value) > 1e-6) onCommit(number);
    });
    const note = h('span', { class: 'field-error', hidden: true, id: `${id}-error`, role: 'alert' });
    input.setAttribute('aria-describedby', `${id}-error`);
    return h('div', { class: 'field' }, h('label', { for: id }, label, unit ? h('span', { class: 'hint' }, ` (${unit})`) : null), input, note,
      hint ? h('span', { class: 'hint' }, hint) : null);
  }

  /** A 0–200 % slider: `onInput(volume)` while dragging, `onCommit(volume)` on release. */
  volumeField({ name, label, value, onInput, onCommit }) {
    const id = fieldId(name);
    const output = h('output', { for: id, class: 'volume-value' }, `${Math.round(value * 100)} %`);
    const input = h('input', { id, name, type: 'range', min: '0', max: '200', step: '1', value: String(Math.round(value * 100)) });
    input.setAttribute('aria-valuetext', `${Math.round(value * 100)} percent`);
    input.addEventListener('input', () => {
      const volume = Number(input.value) / 100;
      output.textContent = `${input.value} %`;
      input.setAttribute('aria-valuetext', `${input.value} percent`);
      onInput(volume);
    });
    input.addEventListener('change', () => onCommit(Number(input.value) / 100));
    return h('div', { class: 'field volume-field' }, h('div', { class: 'volume-label' }, h('label', { for: id }, label), output), input);
  }

  selectField({ name, label, value, options, onCommit }) {
    const id = fieldId(name);
    const select = h('select', { id, name },
      ...options.map(([optionValue, text]) => h('option', { value: optionValue, selected: optionValue === value }, text)));
    select.addEventListener('change', () => onCommit(select.value));
    return h('div', { class: 'field' }, h('label', { for: id }, label), select);
  }

  checkField({ name, label, checked, onCommit }) {
    const id = fieldId(name);
    const input = h('input', { id, name, type: 'checkbox', checked });
    input.addEventListener('change', () => onCommit(input.checked));
    return h('div', { class: 'field' }, h('label', { class: 'checkbox', for: id }, input, label));
  }

  colourField({ name, label, value, onCommit }) {
    const id = fieldId(name);
    const input = h('input', { id, name, type: 'color', value: (value || '#ffffff').toLowerCase() });
    input.addEventListener('change', () => onCommit(input.value.toUpperCase()));
    return h('div', { class: 'field' }, h('label', { for: id }, label), input);
  }

  // Panels

  clipPanel(state, index) {
    const clip = state.clips[index];
    const start = clipStarts(state)[index];
    const voiceIndex = this.voiceSegmentOf(state, index);
    const voice = voiceIndex >= 0 ? state.audio.voice.segments[voiceIndex] : null;
    const last = state.clips.length - 1;
    return h('div', { class: 'inspector-panel' },
      this.header(this.clipName(index), `Starts at ${formatTime(start)} on the timeline`),
      h('div', { class: 'field-pair' },
        this.numberField({
          name: 'trimIn', label: 'Start in source', value: clip.trimIn, min: 0, max: 600,
          onCommit: (trimIn) => this.apply([{ op: 'trimClip', clip: index, trimIn }], `Clip ${index + 1} starts ${trimIn.toFixed(1)} s into its source`),
        }),
        this.numberField({
          name: 'duration', label: 'Duration', value: clip.duration, min: 0.5, max: 120,
          hint: 'Longer than the source holds its last frame.',
          onCommit: (duration) => this.apply([{ op: 'trimClip', clip: index, duration }], `Clip ${index + 1} is ${duration.toFixed(1)} s long`),
        })),
      voice
        ? this.volumeField({
          name: 'clipVolume', label: 'Voice volume for this clip', value: voice.volume,
          onInput: (volume) => this.preview((draft) => { draft.audio.voice.segments[voiceIndex].volume = volume; }),
          onCommit: (volume) => this.apply([{ op: 'setClipVolume', clip: index, volume }], `Voice of clip ${index + 1} at ${Math.round(volume * 100)} %`),
        })
        : h('p', { class: 'muted small' }, 'This clip has no narration.'),
      ...clipLookFields(this, state, index),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button small', disabled: index === 0, onclick: () => this.move(index, index - 1) }, '← Earlier'),
        h('button', { type: 'button', class: 'button small', disabled: index === last, onclick: () => this.move(index, index + 1) }, 'Later →'),
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.player.seek(start) }, 'Go to clip')),
      h('div', { class: 'button-row inspector-danger' },
        h('button', {
          type: 'button', class: 'button small danger', disabled: state.clips.length < 2,
          title: state.clips.length < 2 ? 'A video needs at least one clip' : null,
          onclick: () => this.removeClip(index),
        }, 'Remove clip')));
  }

  async move(from, to) {
    try {
      await this.model.apply([{ op: 'moveClip', from, to }], { label: `Move clip ${from + 1} to position ${to + 1}` });
      this.onSelect({ type: 'clip', index: to });
    } catch {
      this.render();
    }
  }

  async removeClip(index) {
    const ok = await confirmDialog({
      title: `Remove ${this.clipName(index).toLowerCase()}?`,
      message: 'Its picture, narration and captions leave the timeline. You can undo this.',
      confirm: 'Remove', danger: true,
    });
    if (!ok) return;
    try {
      await this.model.apply([{ op: 'removeClip', clip: index }], { label: `Remove clip ${index + 1}` });
      this.onSelect(null);
    } catch {
      this.render();
    }
  }

  cutPanel(state, index) {
    const transition = state.transitions[index];
    const limit = maxTransition(state, index);
    const isCut = transition.kind === 'cut';
    const duration = isCut ? Math.min(0.6, limit) : transition.duration;
    return h('div', { class: 'inspector-panel' },
      this.header(`Transition ${index + 1}`, `Between clip ${index + 1} and clip ${index + 2}`),
      this.selectField({
        name: 'kind', label: 'Kind', value: transition.kind,
        options: this.transitions.map((choice) => [choice.value, choice.label]),
        onCommit: (kind) => {
          const op = { op: 'setTransition', cut: index, kind };
          if (kind !== 'cut' && isCut) op.duration = round(Math.max(0.1, Math.min(0.6, limit)), 2);
          this.apply([op], `Transition ${index + 1}: ${labelOf(this.transitions, kind)}`);
        },
      }),
      isCut
        ? h('p', { class: 'muted small' }, 'A cut switches clips at once; pick another kind to set a duration.')
        : this.numberField({
          name: 'transitionDuration', label: 'Duration', value: duration, min: 0.1, max: round(limit, 2), step: 0.1,
          hint: `At most ${round(limit, 2)} s here (half the shorter clip, 3 s at most).`,
          onCommit: (value) => this.apply([{ op: 'setTransition', cut: index, duration: value }], `Transition ${index + 1} lasts ${value.toFixed(1)} s`),
        }),
      h('div', { class: 'button-row' },
        h('button', {
          type: 'button', class: 'button small',
          onclick: () => {
            const op = { op: 'setAllTransitions', kind: transition.kind };
            if (!isCut) op.duration = transition.duration;
            this.apply([op], `Every transition: ${labelOf(this.transitions, transition.kind)}`);
          },
        }, 'Use for every cut'),
        h('button', { type: 'button', class: 'button small ghost', onclick: () => this.player.seek(Math.max(0, clipStarts(state)[index + 1] - 1)) }, 'Preview it')));
  }

  overlayPanel(state, id) {
    const overlay = state.overlays.find((o) => o.id === id);
    const total = totalDuration(state);
    const style = overlay.style || {};
    const update = (fields, label) => this.apply([{ op: 'updateOverlay', id, ...fields }], label);
    const textId = fieldId('text');
    const text = h('textarea', { id: textId, name: 'overlayText', rows: '2', maxlength: '300' }, overlay.text);
    const textError = h('span', { class: 'field-error', hidden: true, role: 'alert' });
    text.addEventListener('change', () => {
      const value = text.value.trim();
      if (!value) {
        textError.textContent = 'Write some text (or remove this overlay).';
        textError.hidden = false;
        text.setAttribute('aria-invalid', 'true');
        return;
      }
      textError.hidden = true;
      text.removeAttribute('aria-invalid');
      if (value !== overlay.text) update({ text: value }, 'Edit text');
    });
    return h('div', { class: 'inspector-panel' },
      this.header('Text', `${formatTime(overlay.start)} – ${formatTime(overlay.end)}`),
      h('div', { class: 'field' }, h('label', { for: textId }, 'Text'), text, textError),
      h('div', { class: 'field-pair' },
        this.numberField({ name: 'start', label: 'From', value: overlay.start, min: 0, max: round(overlay.end - 0.1, 2), onCommit: (start) => update({ start }, 'Text start') }),
        this.numberField({ name: 'end', label: 'To', value: overlay.end, min: round(overlay.start + 0.1, 2), max: round(total, 2), onCommit: (end) => update({ end }, 'Text end') })),
      h('div', { class: 'field-pair' },
        this.numberField({ name: 'x', label: 'Across', unit: '%', step: 1, value: overlay.x * 100, min: 0, max: 100, onCommit: (x) => update({ x: round(x / 100, 2) }, 'Move text') }),
        this.numberField({ name: 'y', label: 'Down', unit: '%', step: 1, value: overlay.y * 100, min: 0, max: 100, onCommit: (y) => update({ y: round(y / 100, 2) }, 'Move text') })),
      h('p', { class: 'hint' }, 'Tip: drag the text on the preview to place it.'),
      ...this.styleFields(style, (partial, label) => update({ style: partial }, label), 'overlay'),
      ...animationFields(this, overlay),
      h('div', { class: 'button-row inspector-danger' },
        h('button', {
          type: 'button', class: 'button small danger',
          onclick: () => this.model.apply([{ op: 'removeOverlay', id }], { label: `Remove text “${overlay.text}”` }).then(() => this.onSelect(null)).catch(() => {}),
        }, 'Remove text')));
  }

  /** Font, size, colour, bold and box fields of a TextStyle; `commit(partialStyle, label)`. */
  styleFields(style, commit, prefix) {
    return [
      h('div', { class: 'field-pair' },
        this.selectField({
          name: `${prefix}Font`, label: 'Font', value: style.font || 'sans',
          options: [['sans', 'Sans'], ['serif', 'Serif'], ['mono', 'Monospace']],
          onCommit: (font) => commit({ font }, 'Font'),
        }),
        this.numberField({
          name: `${prefix}Size`, label: 'Size', unit: '% of height', step: 0.5, value: (style.size ?? 0.045) * 100, min: 1.5, max: 25,
          onCommit: (size) => commit({ size: Math.round(size * 10) / 1000 }, 'Text size'),
        })),
      h('div', { class: 'field-pair' },
        this.colourField({ name: `${prefix}Colour`, label: 'Colour', value: style.color, onCommit: (color) => commit({ color }, 'Text colour') }),
        this.checkField({ name: `${prefix}Bold`, label: 'Bold', checked: style.bold !== false, onCommit: (bold) => commit({ bold }, bold ? 'Bold text' : 'Regular text') })),
      h('div', { class: 'field-pair' },
        this.checkField({ name: `${prefix}Box`, label: 'Box behind', checked: Boolean(style.box), onCommit: (box) => commit({ box }, box ? 'Box behind text' : 'No box behind text') }),
        style.box
          ? this.colourField({ name: `${prefix}BoxColour`, label: 'Box colour', value: style.boxColor || '#000000', onCommit: (boxColor) => commit({ boxColor }, 'Box colour') })
          : this.colourField({ name: `${prefix}Outline`, label: 'Outline colour', value: style.outlineColor || '#000000', onCommit: (outlineColor) => commit({ outlineColor }, 'Outline colour') })),
    ];
  }

  audioPanel(state) {
    const audio = state.audio;
    return h('div', { class: 'inspector-panel' },
      this.header('Audio mix', 'Track volumes apply on top of each clip’s volume.'),
      this.volumeField({
        name: 'voiceVolume', label: 'Voice track', value: audio.voice.volume,
        onInput: (volume) => this.preview((draft) => { draft.audio.voice.volume = volume; }),
        onCommit: (volume) => this.apply([{ op: 'setTrackVolume', track: 'voice', volume }], `Voice at ${Math.round(volume * 100)} %`),
      }),
      this.volumeField({
        name: 'musicVolume', label: 'Music track', value: audio.music.volume,
        onInput: (volume) => this.preview((draft) => { draft.audio.music.volume = volume; }),
        onCommit: (volume) => this.apply([{ op: 'setTrackVolume', track: 'music', volume }], `Music at ${Math.round(volume * 100)} %`),
      }),
      this.checkField({
        name: 'ducking', label: 'Lower the music while the voice speaks (ducking)', checked: audio.ducking,
        onCommit: (enabled) => this.apply([{ op: 'setDucking', enabled }], enabled ? 'Ducking on' : 'Ducking off'),
      }),
      audio.music.segments.length ? null : h('p', { class: 'muted small' }, 'This video has no music.'));
  }

  captionsPanel(state) {
    const captions = state.captions;
    const commit = (style, label) => this.apply([{ op: 'setCaptions', style }], `Captions: ${label.toLowerCase()}`);
    return h('div', { class: 'inspector-panel' },
      this.header('Captions', `${captions.cues.length} lines from the narration`),
      this.checkField({
        name: 'captionsEnabled', label: 'Show captions', checked: captions.enabled,
        onCommit: (enabled) => this.apply([{ op: 'setCaptions', enabled }], enabled ? 'Captions on' : 'Captions off'),
      }),
      this.selectField({
        name: 'captionMode', label: 'Caption style', value: captions.mode || 'phrase',
        options: [['phrase', 'Phrase by phrase'], ['words', 'Word by word, highlighted']],
        onCommit: (mode) => this.apply([{ op: 'setCaptions', mode }], mode === 'words' ? 'Captions word by word' : 'Captions a line at a time'),
      }),
      ...this.styleFields(captions.style || {}, commit, 'caption'));
  }
}
