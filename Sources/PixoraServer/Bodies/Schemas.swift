import PixoraAPI

/// The contract's body types (generated into PixoraAPI from openapi.yaml), named short in the routes; `Schemas.Scene`
/// and `Schemas.User` stay apart from the store's rows of the same names.
typealias Schemas = Components.Schemas
