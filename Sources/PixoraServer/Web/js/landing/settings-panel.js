// The landing page's settings card: aspect ratio, duration (with its price), style, tone, voice, speech rate,
// music, captions (and their style) and quality, offered as the server lists them (GET /settings/options).

import { api } from '../api.js';
import { h } from '../ui.js';
import { segmented, select, toggle } from './controls.js';

/**
 * The settings card for `options` (the server's settings options) showing `settings`. `onChange()` after every
 * change, `onReset()` after Reset put the server's defaults back. Returns {element, read(), duration (the
 * duration's number input), validDuration(seconds), range: {min, max}}.
 */
export function settingsPanel(options, settings, { onChange, onReset }) {
  const range = options.durationSeconds;
  const validDuration = (seconds) => Number.isFinite(seconds) && seconds >= range.min && seconds <= range.max;

  const aspect = segmented('aspectRatio', 'Aspect ratio', options.aspectRatio.map((choice) => ({
    value: choice.value, label: choice.label, hint: choice.hint, icon: h('span', { class: `ratio-icon ratio-${choice.value.replace(':', 'x')}`, 'aria-hidden': 'true' }),
  })), settings.aspectRatio);
  const quality = segmented('quality', 'Quality', options.quality, settings.quality);

  const durationRange = h('input', { type: 'range', id: 'duration-range', min: range.min, max: range.max, step: 1, 'aria-label': 'Duration in seconds (slider)' });
  const durationNumber = h('input', { type: 'number', id: 'duration', name: 'durationSeconds', min: range.min, max: range.max, step: 1, inputmode: 'numeric', class: 'duration-number', 'aria-describedby': 'duration-hint' });
  durationRange.value = durationNumber.value = String(settings.durationSeconds);
  const durationHint = h('span', { class: 'hint', id: 'duration-hint' });
  // Credits per second as this server prices videos (the public price list; 1 until it answers).
  let creditsPerSecond = 1;
  function updateDurationHint() {
    const seconds = Number(durationNumber.value);
    durationHint.textContent = validDuration(seconds)
      ? `${range.min}–${range.max} seconds · costs ${Math.ceil(seconds * creditsPerSecond)} credits`
      : `Between ${range.min} and ${range.max} seconds`;
  }
  api('/pricing', { auth: false }).then((pricing) => {
    if (typeof pricing?.creditsPerSecond === 'number') {
      creditsPerSecond = pricing.creditsPerSecond;
      updateDurationHint();
    }
  }).catch(() => { /* The hint keeps the standard rate; the breakdown shows the real price. */ });
  durationRange.addEventListener('input', () => {
    durationNumber.value = durationRange.value;
    durationNumber.removeAttribute('aria-invalid');
    updateDurationHint();
    onChange();
  });
  durationNumber.addEventListener('input', () => {
    const seconds = Number(durationNumber.value);
    if (validDuration(seconds)) durationRange.value = String(seconds);
    updateDurationHint();
    onChange();
  });

  const style = select('style', options.style, settings.style);
  const tone = select('tone', options.tone, settings.tone);
  const voice = select('voice', options.voice, settings.voice);

  const rate = h('input', { type: 'range', id: 'speech-rate', name: 'speechRate', min: options.speechRate.min, max: options.speechRate.max, step: 0.1, 'aria-describedby': 'rate-value' });
  rate.value = String(settings.speechRate);
  const rateValue = h('output', { id: 'rate-value', for: 'speech-rate', class: 'range-value' });
  const showRate = () => { rateValue.textContent = `${Number(rate.value).toFixed(1)}×`; };
  rate.addEventListener('input', () => { showRate(); onChange(); });

  const music = toggle('music', 'Background music', settings.music);
  const captions = toggle('captions', 'Captions', settings.captions);
  // A server from before caption styles lists none: phrases are then the only style.
  const captionChoices = options.captionMode ?? [{ value: 'phrase', label: 'Phrase by phrase' }];
  const captionMode = select('captionMode', captionChoices, settings.captionMode ?? 'phrase');
  const syncCaptionMode = () => { captionMode.disabled = !captions.input.checked; };
  captions.input.addEventListener('change', syncCaptionMode);

  function read() {
    return {
      aspectRatio: aspect.value(),
      durationSeconds: Number(durationNumber.value),
      style: style.value,
      tone: tone.value,
      voice: voice.value,
      speechRate: Number(rate.value),
      music: music.input.checked,
      captions: captions.input.checked,
      // Phrases are the default: left out, so drafts and plans made before the choice still match.
      captionMode: captionMode.value === 'phrase' ? undefined : captionMode.value,
      quality: quality.value(),
    };
  }

  function reset() {
    const defaults = options.defaults;
    aspect.set(defaults.aspectRatio);
    quality.set(defaults.quality);
    durationRange.value = durationNumber.value = String(defaults.durationSeconds);
    style.value = defaults.style;
    tone.value = defaults.tone;
    voice.value = defaults.voice;
    rate.value = String(defaults.speechRate);
    music.input.checked = defaults.music;
    captions.input.checked = defaults.captions;
    captionMode.value = defaults.captionMode ?? 'phrase';
    syncCaptionMode();
    showRate();
    updateDurationHint();
    onReset();
  }

  const element = h('section', { class: 'card settings-panel', 'aria-labelledby': 'settings-title' },
    h('div', { class: 'settings-head' },
      h('h2', { id: 'settings-title' }, 'Settings'),
      h('button', { type: 'button', class: 'button ghost small', onclick: reset }, 'Reset')),
    aspect.element,
    h('div', { class: 'field' },
      h('label', { for: 'duration' }, 'Duration'),
      h('div', { class: 'range-row' }, durationRange, h('span', { class: 'number-unit' }, durationNumber, h('span', { 'aria-hidden': 'true' }, 's'))),
      durationHint),
    h('div', { class: 'settings-pair' },
      h('div', { class: 'field' }, h('label', { for: 'style' }, 'Visual style'), style),
      h('div', { class: 'field' }, h('label', { for: 'tone' }, 'Tone'), tone)),
    h('div', { class: 'field' }, h('label', { for: 'voice' }, 'Narrator voice'), voice),
    h('div', { class: 'field' },
      h('label', { for: 'speech-rate' }, 'Speech rate'),
      h('div', { class: 'range-row' }, rate, rateValue)),
    h('div', { class: 'toggle-row' }, music.element, captions.element),
    h('div', { class: 'field' }, h('label', { for: 'captionMode' }, 'Caption style'), captionMode),
    quality.element);
  element.addEventListener('change', onChange);

  updateDurationHint();
  showRate();
  syncCaptionMode();
  return { element, read, duration: durationNumber, validDuration, range };
}
