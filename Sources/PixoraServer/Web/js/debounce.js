// Running something once things have been quiet for a moment (saving a draft while typing, searching).

/**
 * debounce(fn, ms) → a function that runs `fn` `ms` after its last call. `flush()` runs a waiting call now,
 * `cancel()` drops it, `pending` says whether one is waiting.
 */
export function debounce(fn, ms) {
  let timer = null;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  debounced.flush = () => {
    if (timer === null) return;
    debounced.cancel();
    fn();
  };
  Object.defineProperty(debounced, 'pending', { get: () => timer !== null });
  return debounced;
}
