// The assets column: the scenes (picture, narration, regeneration of the picture, the voice or both, with
// the price and the revision history) and the audio of the timeline (voices and music with play buttons).

import { api } from '../api.js';
import { h, errorText, confirmDialog, toast } from '../ui.js';
import { refreshUser } from '../app.js';
import { formatDateTime, formatTime, plural } from '../format.js';
import { assetOf } from '../scenes.js';

const REASONS = { initial: 'First version', visual: 'New picture', audio: 'New voice', both: 'New picture and voice' };

/** What a regeneration of each kind makes, in words ("Make a new picture for scene 2?"). */
export const REGENERATED = { visual: 'a new picture', audio: 'a new voice', both: 'a new picture and voice' };

/**
 * options: videoId, getScenes() → scene list, getState(), getAssets(), pricing() → {sceneVisual, sceneAudio},
 * balance() → number|null, isBusy() → bool, onRegenerate({scene, regeneration, kind}), onPreviewAudio(key, button).
 */
export class AssetsPanel {
  constructor(options) {
    Object.assign(this, options);
    this.open = null; // {sceneId, kind}
    this.sceneList = h('div', { class: 'scene-list' });
    this.audioList = h('div', { class: 'audio-list' });
    this.versionsSlot = h('div', { class: 'versions-slot' });
    this.tabs = [
      { id: 'scenes', label: 'Scenes', panel: this.sceneList },
      { id: 'audio', label: 'Audio', panel: this.audioList },
      { id: 'versions', label: 'Versions', panel: this.versionsSlot },
    ];
    const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Assets' });
    for (const [index, tab] of this.tabs.entries()) {
      tab.button = h('button', {
        type: 'button', role: 'tab', id: `assets-tab-${tab.id}`, class: 'tab', 'aria-controls': `assets-panel-${tab.id}`,
        onclick: () => this.showTab(tab.id),
        onkeydown: (event) => this.tabKey(event, index),
      }, tab.label);
      tab.wrapper = h('div', { role: 'tabpanel', id: `assets-panel-${tab.id}`, 'aria-labelledby': `assets-tab-${tab.id}`, class: 'tab-panel', tabindex: '0' }, tab.panel);
      tablist.append(tab.button);
    }
    this.element = h('section', { class: 'assets panel', 'aria-labelledby': 'assets-title' },
      h('h2', { id: 'assets-title', class: 'panel-title' }, 'Assets'),
      tablist, ...this.tabs.map((tab) => tab.wrapper));
    this.showTab('scenes');
  }

  tabKey(event, index) {
    const keys = { ArrowRight: 1, ArrowLeft: -1 };
    if (!(event.key in keys)) return;
    event.preventDefault();
    const next = this.tabs[(index + keys[event.key] + this.tabs.length) % this.tabs.length];
    this.showTab(next.id);
    next.button.focus();
  }

  showTab(id) {
    for (const tab of this.tabs) {
      const selected = tab.id === id;
      tab.button.setAttribute('aria-selected', String(selected));
      tab.button.tabIndex = selected ? 0 : -1;
      tab.wrapper.hidden = !selected;
    }
  }

  render() {
    this.renderScenes();
    this.renderAudio();
  }

  // Scenes

  renderScenes() {
    const scenes = this.getScenes();
    if (!scenes) {
      this.sceneList.replaceChildren(h('p', { class: 'muted small' }, 'Loading scenes…'));
      return;
    }
    if (!scenes.length) {
      this.sceneList.replaceChildren(h('p', { class: 'muted small' }, 'This video has no scenes.'));
      return;
    }
    this.sceneList.replaceChildren(...scenes.map((scene, index) => this.sceneCard(scene, index)));
  }

  sceneCard(scene, index) {
    const image = assetOf(scene, 'image');
    const content = scene.scene || {};
    const pending = scene.revisions?.some((revision) => revision.status === 'queued');
    const busy = this.isBusy();
    const card = h('article', { class: 'scene-card', dataset: { scene: scene.id } },
      h('div', { class: 'scene-card-top' },
        image ? h('img', { class: 'scene-thumb', src: image.url, alt: `Picture of scene ${index + 1}`, loading: 'lazy' })
          : h('div', { class: 'scene-thumb placeholder', 'aria-hidden': 'true' }, String(index + 1)),
        h('div', { class: 'scene-card-text' },
          h('h3', {}, `Scene ${index + 1}`,
            h('span', { class: 'muted small' }, ` · ${formatTime(content.duration || 0)} · revision ${scene.currentRevision}`)),
          h('p', { class: 'scene-narration' }, content.narration || h('span', { class: 'muted' }, 'No narration')))),
      pending ? h('p', { class: 'scene-pending small' }, h('span', { class: 'spinner small-spinner', 'aria-hidden': 'true' }), ' Regenerating…') : null,
      h('div', { class: 'button-row scene-actions' },
        this.actionButton(scene, 'visual', 'New picture', busy || pending),
        this.actionButton(scene, 'audio', 'New voice', busy || pending),
        this.actionButton(scene, 'both', 'Both', busy || pending)),
      this.open?.sceneId === scene.id ? this.regenerateForm(scene, index, this.open.kind) : null,
      this.history(scene));
    return card;
  }

  actionButton(scene, kind, label, disabled) {
    const expanded = this.open?.sceneId === scene.id && this.open.kind === kind;
    return h('button', {
      type: 'button', class: `button small${expanded ? ' primary' : ''}`, disabled,
      'aria-expanded': String(expanded),
      title: disabled ? 'Wait until the current job of this video has finished.' : null,
      onclick: () => {
        this.open = expanded ? null : { sceneId: scene.id, kind };
        this.renderScenes();
        this.sceneList.querySelector(`[data-scene="${CSS.escape(scene.id)}"] textarea`)?.focus();
      },
    }, label);
  }

  price(kind) {
    const pricing = this.pricing() || { sceneVisual: 3, sceneAudio: 1 };
    if (kind === 'visual') return pricing.sceneVisual;
    if (kind === 'audio') return pricing.sceneAudio;
    return pricing.sceneVisual + pricing.sceneAudio;
  }

  regenerateForm(scene, index, kind) {
    const content = scene.scene || {};
    const withVisual = kind === 'visual' || kind === 'both';
    const withAudio = kind === 'audio' || kind === 'both';
    const visual = withVisual ? h('textarea', { name: 'visual', id: `regen-visual-${scene.id}`, rows: '3', maxlength: '500' }, content.visual || '') : null;
    const narration = withAudio ? h('textarea', { name: 'narration', id: `regen-narration-${scene.id}`, rows: '3', maxlength: '1000' }, content.narration || '') : null;
    const error = h('p', { class: 'form-error', hidden: true, role: 'alert' });
    const priceLine = h('p', { class: 'small price-line' });
    const updatePrice = () => {
      // "Both" with an unchanged narration only makes a new picture (and costs only that).
      const changedNarration = narration && narration.value.trim() !== (content.narration || '').trim();
      const effective = kind === 'both' && !changedNarration ? 'visual' : kind;
      const cost = this.price(effective);
      const balance = this.balance();
      priceLine.replaceChildren(`Costs ${plural(cost, 'credit')}`,
        balance !== null ? ` · your balance: ${balance}` : '',
        kind === 'both' && !changedNarration ? ' (narration unchanged: only a new picture)' : '');
      priceLine.classList.toggle('insufficient', balance !== null && balance < cost);
      return { cost, effective };
    };
    narration?.addEventListener('input', updatePrice);
    updatePrice();
    const form = h('form', {
      class: 'regen-form', novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.hidden = true;
        const body = { regenerate: kind };
        if (visual) {
          const text = visual.value.trim();
          if (text.length > 500) return this.formError(error, 'The picture description can be at most 500 characters.', visual);
          if (text && text !== (content.visual || '').trim()) body.visual = text;
        }
        if (narration) {
          const text = narration.value.trim();
          if (kind === 'audio' && !text) return this.formError(error, 'Write the narration to speak.', narration);
          if (kind === 'audio' && text === (content.narration || '').trim()) {
            return this.formError(error, 'Change the narration first: a new voice speaks the edited text.', narration);
          }
          if (text.length > 1000) return this.formError(error, 'The narration can be at most 1000 characters.', narration);
          if (text !== (content.narration || '').trim()) body.narration = text;
        }
        const { cost } = updatePrice();
        const balance = this.balance();
        if (balance !== null && balance < cost) {
          return this.formError(error, `This costs ${cost} credits and your balance is ${balance}.`);
        }
        const what = REGENERATED[kind];
        const ok = await confirmDialog({
          title: `Make ${what} for scene ${index + 1}?`,
          message: `This costs ${plural(cost, 'credit')}. The video is re-rendered with it as a new version; you are refunded if it fails.`,
          confirm: `Spend ${plural(cost, 'credit')}`,
        });
        if (!ok) return;
        submit.disabled = true;
        try {
          const regeneration = await api(`/videos/${encodeURIComponent(this.videoId)}/scenes/${encodeURIComponent(scene.id)}`, { method: 'POST', body });
          this.open = null;
          refreshUser();
          this.onRegenerate({ scene, index, kind, regeneration });
        } catch (err) {
          submit.disabled = false;
          this.formError(error, errorText(err));
        }
      },
    },
    visual ? h('div', { class: 'field' }, h('label', { for: visual.id }, 'Picture description', h('span', { class: 'hint' }, ' (optional: leave it to get another take)')), visual) : null,
    narration ? h('div', { class: 'field' }, h('label', { for: narration.id }, 'Narration', kind === 'both' ? h('span', { class: 'hint' }, ' (change it for a new voice)') : null), narration) : null,
    priceLine,
    error);
    const submit = h('button', { type: 'submit', class: 'button small primary' }, 'Regenerate');
    form.append(h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button small ghost', onclick: () => { this.open = null; this.renderScenes(); } }, 'Cancel'),
      submit));
    return form;
  }

  formError(box, message, input) {
    box.textContent = message;
    box.hidden = false;
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.focus();
    }
  }

  history(scene) {
    const revisions = [...(scene.revisions || [])].reverse();
    if (!revisions.length) return null;
    return h('details', { class: 'revisions' },
      h('summary', {}, `Revision history (${revisions.length})`),
      h('ol', { class: 'revision-list' },
        ...revisions.map((revision) => h('li', { class: revision.number === scene.currentRevision ? 'current' : '' },
          h('div', { class: 'revision-head' },
            h('strong', {}, `#${revision.number}`), ' ',
            REASONS[revision.reason] || revision.reason,
            revision.number === scene.currentRevision ? h('span', { class: 'badge status-ready' }, 'In use') : null,
            revision.status !== 'ready' ? h('span', { class: `badge status-${revision.status === 'queued' ? 'queued' : 'failed'}` }, revision.status) : null),
          h('div', { class: 'muted small' }, formatDateTime(revision.createdAt)),
          revision.narration ? h('p', { class: 'small revision-narration' }, revision.narration) : null))));
  }

  // Audio

  renderAudio() {
    const state = this.getState();
    if (!state) return;
    const assets = this.getAssets();
    const voices = state.audio.voice.segments;
    const music = state.audio.music.segments;
    const row = (title, detail, key) => h('li', { class: 'audio-item' },
      h('button', {
        type: 'button', class: 'icon-button play-audio', 'aria-label': `Play ${title}`, title: `Play ${title}`,
        disabled: !assets[key], onclick: (event) => this.onPreviewAudio(key, event.currentTarget, title),
      }, '▶'),
      h('div', {}, h('div', { class: 'audio-title' }, title), h('div', { class: 'muted small' }, detail)));
    this.audioList.replaceChildren(
      h('h3', {}, 'Voices'),
      voices.length
        ? h('ul', { class: 'audio-items' }, ...voices.map((segment, index) => row(`Voice ${index + 1}`,
          `${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)} · ${Math.round(segment.volume * 100)} %`, segment.asset)))
        : h('p', { class: 'muted small' }, 'No narration.'),
      h('h3', {}, 'Music'),
      music.length
        ? h('ul', { class: 'audio-items' }, ...music.map((segment, index) => row(`Music ${index + 1}`,
          `${formatTime(segment.start)}–${formatTime(segment.start + segment.duration)}${segment.loop ? ' · looped' : ''}`, segment.asset)))
        : h('p', { class: 'muted small' }, 'No music in this video.'),
      h('p', { class: 'hint' }, `Track volumes: voice ${Math.round(state.audio.voice.volume * 100)} %, music ${Math.round(state.audio.music.volume * 100)} %${state.audio.ducking ? ', music lowered under the voice' : ''}.`));
  }
}

/** Plays one audio asset on its own (the Audio tab's play buttons); one at a time. */
export function createAudioPreview() {
  const audio = new Audio();
  let current = null;
  const reset = () => {
    if (current) {
      current.textContent = '▶';
      current.setAttribute('aria-label', current.getAttribute('aria-label').replace(/^Stop/, 'Play'));
    }
    current = null;
  };
  audio.addEventListener('ended', reset);
  audio.addEventListener('error', () => {
    if (current) toast('This audio could not be played.', 'error');
    reset();
  });
  return {
    play(url, button) {
      if (current === button) {
        audio.pause();
        reset();
        return;
      }
      reset();
      current = button;
      button.textContent = '■';
      button.setAttribute('aria-label', button.getAttribute('aria-label').replace(/^Play/, 'Stop'));
      audio.src = url;
      audio.play().catch(() => reset());
    },
    stop() {
      audio.pause();
      reset();
      audio.removeAttribute('src');
    },
  };
}
