// The word-by-word caption style in the preview, as the renderer draws it (Sources/PixoraMedia/WordPages.swift):
// a cue's words in pages of a few (3 on a portrait frame, 4 otherwise), the page of the moment shown with its
// spoken word lit until the next word starts. The renderer also ends a page at one line's width; the preview
// only counts words.

/** Highlight colour of the spoken word (the renderer's, white when the captions are that yellow). */
export function highlightColour(style) {
  return (style?.color || '').toUpperCase() === '#FFD23F' ? '#FFFFFF' : '#FFD23F';
}

/**
 * The page showing at time `t` of `cue`: {words: [text], active: index of the lit word, key}, or null when the
 * cue has no word times that match its text (the preview then shows the whole line).
 */
export function spokenPage(cue, t, portrait) {
  const texts = cue.text.split(/\s+/).filter(Boolean);
  const words = cue.words;
  if (!Array.isArray(words) || words.length !== texts.length || !words.length) return null;
  const size = portrait ? 3 : 4;
  let index = 0;
  for (let i = 0; i < words.length; i++) if (words[i].start <= t) index = i;
  const first = index - (index % size);
  return {
    words: texts.slice(first, first + size),
    active: index - first,
    key: `words:${cue.start}:${index}`,
  };
}
