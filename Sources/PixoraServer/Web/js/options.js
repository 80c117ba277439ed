// The video settings a user may choose (aspect ratios, styles, tones, voices, qualities, moods, transitions, the
// limits and the defaults), as the server lists them: GET /settings/options, asked once per page load.

import { api } from './api.js';
import { errorSentence, failure } from './ui.js';

let answer = null;

/** The server's settings options; one request per page load (a failed one is asked again next time). */
export function settingsOptions() {
  if (!answer) {
    answer = api('/settings/options', { auth: false }).catch((error) => {
      answer = null;
      throw error;
    });
  }
  return answer;
}

/** The label of `value` in a list of choices ({value, label}), else `fallback`. */
export function labelOf(choices, value, fallback = value) {
  return choices?.find((choice) => choice.value === value)?.label ?? fallback;
}

/** The options' failed request in words, for a page's error box or a toast. */
export function optionsError(error) {
  return new Error(`The video settings could not be loaded. ${errorSentence(error)}`);
}

/** The failed-load box (with Try again) for pages that cannot show their choices without the options. */
export function optionsFailure(error, retry) {
  return failure(optionsError(error), retry);
}
