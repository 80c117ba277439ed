import PixoraStore

extension StoredEnum {
    /// The contract's inline enum for this stored value (a role, a reason, a status). The document lists exactly
    /// the values the store keeps; `GeneratedTypesTests` checks every case, so the unwrap cannot fail at run time.
    func contract<T: RawRepresentable<String>>(_: T.Type = T.self) -> T {
        guard let value = T(rawValue: rawValue) else { preconditionFailure("\(T.self) has no '\(rawValue)'") }
        return value
    }
}
