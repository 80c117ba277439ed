// Each step's part of its panel (choices, outputs), by step id, and the words of its panel.

import { ideaPart } from './idea.js';
import { storyboardPart } from './storyboard.js';
import { heroPart } from './hero.js';
import { framesPart } from './frames.js';
import { clipsPart } from './clips.js';
import { audioPart } from './audio.js';
import { editPart } from './edit.js';
import { exportPart } from './export.js';

export const stepParts = {
  idea: ideaPart,
  storyboard: storyboardPart,
  hero: heroPart,
  frames: framesPart,
  clips: clipsPart,
  audio: audioPart,
  edit: editPart,
  export: exportPart,
};

/** What each panel says: the step in a sentence, and its Run, Run again and Approve buttons. */
export const STEP_WORDS = {
  idea: {
    intro: 'Three ways to tell your topic. Pick one, change its words if you like, and approve it.',
    run: 'Write three concepts',
    rerun: 'Write new concepts',
    approve: 'Approve this concept',
  },
  storyboard: {
    intro: 'The script, split into scenes, each spoken once so its length is known. Change the words and run '
      + 'again with them, or approve.',
    run: 'Write the storyboard',
    rerun: 'Write a new storyboard',
  },
  hero: {
    intro: 'The key visual fixes the palette, style and subject of every later picture. Choose the look you like.',
    run: 'Paint the candidates',
    rerun: 'More variations',
    approve: 'Approve the chosen look',
  },
  frames: {
    intro: 'Each scene gets a first and a last picture in the hero’s look; its clip moves from one to the other. '
      + 'Redraw any picture you do not like.',
    run: 'Draw the frames',
    rerun: 'Draw every frame again',
  },
  clips: {
    intro: 'A clip per scene, moving from its start frame to its end frame. Pixora picks a model per scene from '
      + 'what the scene needs; choose another if you like. The estimate says what a model cannot honour before '
      + 'any charge.',
    run: 'Make the clips',
    rerun: 'Make the clips again',
  },
  audio: {
    intro: 'Describe a sound for each scene (“rain on a window”, “footsteps on gravel”); the narration comes from '
      + 'the storyboard. Effects and music are mixed under the voice.',
    run: 'Make the sounds',
    rerun: 'Make the sounds again',
  },
  edit: {
    intro: 'The clips, voice, music and effects on one timeline. Split a clip at a moment, set the effects’ '
      + 'volume, then approve the timeline.',
    run: 'Assemble the timeline',
    rerun: 'Assemble it again (drops the edits)',
  },
  export: {
    intro: 'Render the timeline into one file.',
    run: 'Export',
    rerun: 'Export again',
    approve: 'Approve the export',
  },
};
