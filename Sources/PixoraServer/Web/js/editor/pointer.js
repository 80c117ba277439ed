// Following one press of the pointer on an element, from the press to the release (the drags of the timeline
// and of text on the stage).

/** Calls `move(event)` for each pointer move over `target`, then `end(event)` once at pointerup or pointercancel. */
export function trackPointer(target, move, end) {
  const stop = (event) => {
    target.removeEventListener('pointermove', move);
    target.removeEventListener('pointerup', stop);
    target.removeEventListener('pointercancel', stop);
    end(event);
  };
  target.addEventListener('pointermove', move);
  target.addEventListener('pointerup', stop);
  target.addEventListener('pointercancel', stop);
}
