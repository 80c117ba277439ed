// How caption and overlay text looks in the preview, following the renderer's TextStyle (font, size as a share
// of the picture's height, colour, bold, box or outline).

const FONTS = {
  sans: '"DejaVu Sans", system-ui, sans-serif',
  serif: '"DejaVu Serif", Georgia, serif',
  mono: '"DejaVu Sans Mono", ui-monospace, monospace',
};

function hexToRgba(hex, alpha) {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  const value = match ? parseInt(match[1], 16) : 0;
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}

/** Applies a TextStyle to a text element; sizes follow --stage-h (the stage height in px). */
export function styleText(element, style = {}) {
  const size = style.size ?? 0.045;
  element.style.fontFamily = FONTS[style.font] || FONTS.sans;
  // ASS font sizes are the line height; CSS sizes the em box, about 1.16 times smaller for DejaVu.
  element.style.fontSize = `calc(var(--stage-h, 360px) * ${(size * 0.86).toFixed(5)})`;
  element.style.fontWeight = style.bold === false ? '400' : '700';
  element.style.color = style.color || '#FFFFFF';
  if (style.box) {
    element.style.backgroundColor = hexToRgba(style.boxColor || '#000000', style.boxOpacity ?? 0.55);
    element.style.webkitTextStroke = '';
    element.style.padding = '0.12em 0.3em';
  } else {
    element.style.backgroundColor = 'transparent';
    element.style.padding = '0';
    const width = (style.outline ?? 0.06) * size * 2;
    element.style.webkitTextStroke = width > 0 ? `calc(var(--stage-h, 360px) * ${width.toFixed(5)}) ${style.outlineColor || '#000000'}` : '';
  }
}
