// Where clips start and how long a video or a plan lasts, for drawing and showing prices; the server does the
// real timeline arithmetic (POST /editor/apply) and charges its own figures.

/** Seconds two clips overlap at a cut (a plain cut overlaps nothing). */
export function overlap(transition) {
  if (!transition || transition.kind === 'cut') return 0;
  return transition.duration || 0;
}

/** Where each clip of an EditorState starts on the output timeline. */
export function clipStarts(state) {
  const starts = [];
  let time = 0;
  state.clips.forEach((clip, index) => {
    starts.push(time);
    time += clip.duration - overlap(state.transitions[index]);
  });
  return starts;
}

/** Length of the rendered video in seconds. */
export function totalDuration(state) {
  if (!state?.clips?.length) return 0;
  const clips = state.clips.reduce((sum, clip) => sum + clip.duration, 0);
  const overlaps = state.transitions.slice(0, state.clips.length - 1).reduce((sum, t) => sum + overlap(t), 0);
  return Math.max(0, clips - overlaps);
}

/** The longest transition allowed at cut `index` (half the shorter neighbour, at most 3 s). */
export function maxTransition(state, index) {
  const a = state.clips[index]?.duration ?? 0;
  const b = state.clips[index + 1]?.duration ?? 0;
  return Math.max(0, Math.min(3, Math.min(a, b) / 2));
}

/** A plan's length: its scenes one after another, less the overlap of each transition into the next scene. */
export function plannedLength(scenes) {
  const total = scenes.reduce((sum, scene) => sum + scene.duration, 0);
  return total - scenes.slice(0, -1).reduce((sum, scene) => sum + overlap(scene.transition), 0);
}
