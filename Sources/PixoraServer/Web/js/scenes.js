// The scenes of a video as GET /videos/{id}/scenes lists them: each with its plan scene and its assets.

/** Finds the scene record of a clip (clips carry the plan scene id, e.g. "s2"). */
export function sceneOfClip(scenes, clip) {
  return scenes.find((scene) => (scene.scene?.id || scene.id) === clip.sceneId) || null;
}

/** A scene's asset of one kind (image, clip, voice). */
export function assetOf(scene, kind) {
  return scene?.assets?.find((asset) => asset.kind === kind) || null;
}
