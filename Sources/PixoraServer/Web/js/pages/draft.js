// The prompt draft shared by the landing page, the auth pages and the scene breakdown. It lives in
// localStorage ('pixora.draft') so a visitor's prompt survives signing up, and breakdown edits survive a reload.
//
// Shape: {prompt, settings, plan?, planFor?, edited?, idempotencyKey?, savedAt}
//   planFor: the prompt + settings the plan was made from; a plan made for other words is stale.
//   idempotencyKey: sent with POST /videos so a double-click or a retry never charges twice.

const KEY = 'pixora.draft';

// The settings the landing page edits, in this order (the frame rate is left to the server's default). The
// choices and the defaults come from the server (../options.js).
const SETTING_KEYS = Object.freeze([
  'aspectRatio', 'durationSeconds', 'style', 'tone', 'voice', 'speechRate', 'music', 'captions', 'captionMode',
  'quality',
]);

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

/**
 * The settings a draft asks for, limited to what the landing page edits and completed with `defaults` (the
 * server's, from GET /settings/options).
 */
export function draftSettings(draft, defaults) {
  const out = {};
  for (const key of SETTING_KEYS) out[key] = draft?.settings?.[key] !== undefined ? draft.settings[key] : defaults[key];
  return out;
}

/** Identifies the words and settings a plan was made from. */
export function planKey(prompt, settings) {
  const picked = {};
  for (const key of SETTING_KEYS) picked[key] = settings?.[key];
  return JSON.stringify({ prompt: (prompt || '').trim(), settings: picked });
}

/** The draft's plan when it still matches its prompt and settings (`defaults` as for draftSettings). */
export function currentPlan(draft, defaults) {
  if (!draft?.plan || !draft.planFor) return null;
  return draft.planFor === planKey(draft.prompt, draftSettings(draft, defaults)) ? draft.plan : null;
}

/** A short, safe place to go after signing in: only paths inside the studio. */
export function safeNext(value) {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
