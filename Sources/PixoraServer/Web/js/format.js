// Words and numbers for people: durations, clock times, dates, counts, credits and sentences. One copy of each,
// shared by every page.

/** 75.4 → "1:15". */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** 75.43 → "1:15.4": the editor's clock, to a tenth of a second. */
export function formatTime(seconds) {
  const value = Math.max(0, seconds || 0);
  const minutes = Math.floor(value / 60);
  const rest = value - minutes * 60;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** 75 → "1 min 15 s", 3700 → "1 h 1 min": a total length in words. */
export function formatSeconds(total) {
  const seconds = Math.round(total || 0);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A job's estimated time left in words: "About 15 s left", "About 2 minutes left". */
export function formatTimeLeft(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return 'Estimating time left…';
  if (seconds <= 0) return 'Almost done';
  if (seconds < 60) return `About ${Math.max(5, Math.ceil(seconds / 5) * 5)} s left`;
  return `About ${plural(Math.round(seconds / 60), 'minute')} left`;
}

export function formatDate(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/**
 * A calendar day ("2025-01-31") in words, "Jan 31" or with `long` "Fri, Jan 31". Read as a local day, not
 * midnight UTC (which is the day before west of Greenwich).
 */
export function formatDay(text, long = false) {
  const [year, month, day] = String(text).split('-').map(Number);
  const date = new Date(year, (month || 1) - 1, day || 1);
  return date.toLocaleDateString(undefined, long ? { weekday: 'short', month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric' });
}

export function formatNumber(value) {
  return Number(value || 0).toLocaleString();
}

export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 3, 'credit' → "3 credits"; 1 → "1 credit" (the count as it is). */
export function plural(count, word, words = `${word}s`) {
  return `${count} ${count === 1 ? word : words}`;
}

/** 1500 → "1,500 credits"; "–" when the amount is unknown. */
export function formatCredits(count) {
  if (typeof count !== 'number') return '–';
  return `${formatNumber(count)} ${count === 1 ? 'credit' : 'credits'}`;
}

/** "fade" → "Fade". */
export function capitalize(text) {
  return text ? text[0].toUpperCase() + text.slice(1) : '';
}

/** The server's words as a sentence ("the file is …" → "The file is ….") to follow our own sentence. */
export function sentence(text) {
  const trimmed = String(text || '').trim();
  if (!trimmed) return '';
  const capital = capitalize(trimmed);
  return /[.!?…]$/.test(capital) ? capital : `${capital}.`;
}

/** At most `length` characters, cut with "…". */
export function shorten(text, length) {
  const clean = (text || '').trim();
  return clean.length > length ? clean.slice(0, length - 1).trimEnd() + '…' : clean;
}

/** round(1.2345, 2) → 1.23. */
export function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
