// How the preview approximates a colour look with CSS filters (the render grades exactly with ffmpeg; an
// uploaded LUT has no CSS equivalent and shows ungraded here).

const PRESET_FILTERS = {
  warm: (i) => `sepia(${0.25 * i}) saturate(${1 + 0.2 * i}) hue-rotate(${-8 * i}deg)`,
  cool: (i) => `saturate(${1 - 0.1 * i}) hue-rotate(${14 * i}deg) brightness(${1 + 0.02 * i})`,
  vintage: (i) => `sepia(${0.45 * i}) contrast(${1 - 0.12 * i}) brightness(${1 + 0.03 * i}) saturate(${1 - 0.25 * i})`,
  bw: (i) => `grayscale(${i}) contrast(${1 + 0.1 * i})`,
  'teal-orange': (i) => `contrast(${1 + 0.1 * i}) saturate(${1 + 0.25 * i}) sepia(${0.1 * i})`,
  'high-contrast': (i) => `contrast(${1 + 0.35 * i}) saturate(${1 + 0.2 * i})`,
};

export const LOOK_PRESETS = [
  ['none', 'None'], ['warm', 'Warm'], ['cool', 'Cool'], ['vintage', 'Vintage'], ['bw', 'Black and white'],
  ['teal-orange', 'Teal and orange'], ['high-contrast', 'High contrast'],
];

/** The look clip `index` is rendered with: its own, else the video's (null for none). */
export function clipLook(state, index) {
  return state.clips[index]?.look ?? state.look ?? null;
}

/** A CSS `filter` value for a look ('' when it changes nothing the preview can show). */
export function lookFilter(look) {
  if (!look || look.lut || !look.preset) return '';
  const intensity = Math.min(Math.max(look.intensity ?? 1, 0), 1);
  const filter = PRESET_FILTERS[look.preset];
  return filter && intensity > 0 ? filter(intensity) : '';
}
