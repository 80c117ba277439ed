/// The namespace of the types generated from the contract's components (Generated/Types+Components+Schemas.swift).
public enum Components {}
