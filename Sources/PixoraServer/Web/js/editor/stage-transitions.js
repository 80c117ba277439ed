// The preview's transitions: each ffmpeg xfade transition approximated with CSS on the two stacked <video>
// elements (and a colour layer for the fades through black or white).

// Slides: the axis, and the signs of the incoming and outgoing clips' offsets.
const SLIDES = {
  slideleft: ['X', '', '-'], slideright: ['X', '-', ''], slideup: ['Y', '', '-'], slidedown: ['Y', '-', ''],
};

// Wipes: the incoming clip's visible part, from the share not shown yet (`rest`, in %).
const WIPES = {
  wipeleft: (rest) => `inset(0 0 0 ${rest}%)`,
  smoothleft: (rest) => `inset(0 0 0 ${rest}%)`,
  wiperight: (rest) => `inset(0 ${rest}% 0 0)`,
  wipeup: (rest) => `inset(${rest}% 0 0 0)`,
  wipedown: (rest) => `inset(0 0 ${rest}% 0)`,
};

/** Shows transition `kind` at progress `p` (0 → 1); the incoming clip is on top. */
export function applyTransition(kind, p, incoming, outgoing, fadeLayer) {
  const rest = ((1 - p) * 100).toFixed(2);
  const done = (p * 100).toFixed(2);
  if (SLIDES[kind]) {
    const [axis, incomingSign, outgoingSign] = SLIDES[kind];
    incoming.style.transform = `translate${axis}(${incomingSign}${rest}%)`;
    outgoing.style.transform = `translate${axis}(${outgoingSign}${done}%)`;
  } else if (WIPES[kind]) {
    incoming.style.clipPath = WIPES[kind](rest);
  } else if (kind === 'fadeblack' || kind === 'fadewhite') {
    // Out to a colour over the first half, in from it over the second.
    fadeLayer.style.background = kind === 'fadeblack' ? '#000' : '#fff';
    fadeLayer.style.opacity = String(Math.min(1, p * 2));
    incoming.style.opacity = String(Math.max(0, p * 2 - 1));
    incoming.style.zIndex = '4';
  } else if (kind === 'circleopen') {
    incoming.style.clipPath = `circle(${(p * 72).toFixed(2)}% at 50% 50%)`;
  } else if (kind === 'radial') {
    const mask = `conic-gradient(#000 ${(p * 360).toFixed(1)}deg, transparent 0)`;
    incoming.style.webkitMaskImage = mask;
    incoming.style.maskImage = mask;
  } else {
    // fade, dissolve, and any kind this preview does not know.
    incoming.style.opacity = String(p);
  }
}

/** Clears what a transition left on a <video> layer. */
export function resetLayer(video) {
  video.style.opacity = '1';
  video.style.transform = '';
  video.style.clipPath = '';
  video.style.webkitMaskImage = '';
  video.style.maskImage = '';
}
