/// The stored files a render of the state reads.
extension EditorState {
    public var referencedAssets: Set<AssetRef> {
        var refs = Set(clips.map(\.asset)).union(lookLUTs)
        for track in [audio.voice, audio.music, audio.effects] { refs.formUnion(track.segments.map(\.asset)) }
        return refs
    }
}
