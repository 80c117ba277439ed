// How the preview approximates an overlay's entrance and exit (the render draws them exactly with ASS tags):
// opacity, an offset as a share of the stage, a scale, and how many characters the typewriter shows.

function phase(overlay, t) {
  const animation = overlay.animation || {};
  const local = t - overlay.start;
  const left = overlay.end - t;
  if (animation.in && local >= 0 && local < animation.in.duration) {
    return { step: animation.in, progress: local / animation.in.duration, entering: true };
  }
  if (animation.out && left >= 0 && left < animation.out.duration) {
    return { step: animation.out, progress: left / animation.out.duration, entering: false };
  }
  return null;
}

/** { opacity, dx, dy (fractions of the stage), scale, shown (characters, or null for all) } at time `t`. */
export function overlayMotion(overlay, t) {
  const still = { opacity: 1, dx: 0, dy: 0, scale: 1, shown: null };
  const now = phase(overlay, t);
  if (!now) return still;
  const p = Math.min(Math.max(now.progress, 0), 1);
  const away = 1 - p;
  switch (now.step.type) {
    case 'fade': return { ...still, opacity: p };
    case 'slide-up': return { ...still, opacity: p, dy: now.entering ? 0.06 * away : -0.06 * away };
    case 'slide-left': return { ...still, opacity: p, dx: now.entering ? 0.12 * away : -0.12 * away };
    case 'pop': {
      // Grows past full size and settles; the exit (progress running back) swells a little, then shrinks.
      const scale = p < 0.7 ? 1.12 * (p / 0.7) : 1.12 - 0.12 * ((p - 0.7) / 0.3);
      return { ...still, scale: Math.max(scale, 0) };
    }
    case 'typewriter': {
      const characters = [...overlay.text];
      return { ...still, shown: Math.min(characters.length, Math.floor(p * characters.length) + 1) };
    }
    default: return still;
  }
}
