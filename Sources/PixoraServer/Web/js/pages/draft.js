// The prompt draft shared by the landing page, the auth pages and the scene breakdown. It lives in
// localStorage ('pixora.draft') so a visitor's prompt survives signing up, and breakdown edits survive a reload.
//
// Shape: {prompt, settings, plan?, planFor?, edited?, idempotencyKey?, savedAt}
//   planFor: the prompt + settings the plan was made from; a plan made for other words is stale.
//   idempotencyKey: sent with POST /videos so a double-click or a retry never charges twice.

const KEY = 'pixora.draft';

export const MAX_PROMPT = 2000;

/** What the landing page offers, with the server's defaults. */
export const DEFAULT_SETTINGS = Object.freeze({
  aspectRatio: '16:9',
  durationSeconds: 30,
  style: 'cinematic',
  tone: 'informative',
  voice: 'slt',
  speechRate: 1,
  music: true,
  captions: true,
  quality: '720p',
});

export const CHOICES = {
  aspectRatio: [
    { value: '16:9', label: '16:9', hint: 'Landscape' },
    { value: '9:16', label: '9:16', hint: 'Vertical' },
    { value: '1:1', label: '1:1', hint: 'Square' },
  ],
  style: ['cinematic', 'minimal', 'vibrant', 'retro', 'pastel'],
  tone: ['informative', 'inspiring', 'playful', 'dramatic', 'calm'],
  voice: [
    { value: 'slt', label: 'Female · US English' },
    { value: 'rms', label: 'Male · US English' },
    { value: 'awb', label: 'Male · Scottish English' },
    { value: 'kal', label: 'Male · US English, robotic' },
  ],
  quality: ['480p', '720p', '1080p'],
  mood: ['calm', 'uplifting', 'energetic', 'dramatic', 'mysterious', 'playful', 'somber', 'warm'],
};

export function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

export function loadDraft() {
  try {
    const draft = JSON.parse(localStorage.getItem(KEY) || 'null');
    return draft && typeof draft === 'object' ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft) {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...draft, savedAt: new Date().toISOString() }));
  } catch (error) {
    // Storage full or disabled (private mode): the page keeps working, only a reload would lose the edits.
    console.warn('draft not saved', error);
  }
}

export function clearDraft() {
  localStorage.removeItem(KEY);
}

/** A draft worth mentioning: it has words in it. */
export function hasDraft() {
  return Boolean(loadDraft()?.prompt?.trim());
}

/** The settings a draft asks for, completed with defaults and limited to what the landing page edits. */
export function draftSettings(draft) {
  const out = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    if (draft?.settings?.[key] !== undefined) out[key] = draft.settings[key];
  }
  return out;
}

/** Identifies the words and settings a plan was made from. */
export function planKey(prompt, settings) {
  const picked = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) picked[key] = settings?.[key];
  return JSON.stringify({ prompt: (prompt || '').trim(), settings: picked });
}

/** The draft's plan when it still matches its prompt and settings. */
export function currentPlan(draft) {
  if (!draft?.plan || !draft.planFor) return null;
  return draft.planFor === planKey(draft.prompt, draftSettings(draft)) ? draft.plan : null;
}

/** A short, safe place to go after signing in: only paths inside the studio. */
export function safeNext(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
