import Foundation
import PixoraCore
import Yams

extension PlanCatalog {
    /// The deployment's plans: `PIXORA_PLANS_FILE` (YAML, or JSON by its `.json` name) when given, else the built-in
    /// Free, Pro and Enterprise when `STRIPE_SECRET_KEY` is set, else billing off (`selfHosted`). A file that cannot
    /// be read or checked throws `UsageError` naming the file and the field, so the server does not start on it.
    public static func from(configuration: Configuration) throws -> PlanCatalog {
        guard let path = configuration.text("PIXORA_PLANS_FILE") else {
            return stripeConfigured(configuration) ? .builtIn : .selfHosted
        }
        do {
            return try load(file: URL(fileURLWithPath: path))
        } catch let error as PlanFileError {
            throw UsageError("PIXORA_PLANS_FILE: \(error)")
        }
    }

    /// Reads and checks one plans file.
    static func load(file: URL) throws -> PlanCatalog {
        let name = file.lastPathComponent
        guard let data = try? Data(contentsOf: file) else {
            throw PlanFileError(file: file.path, field: "", problem: "cannot be read")
        }
        let document: Any?
        do {
            if file.pathExtension.lowercased() == "json" {
                document = try JSONSerialization.jsonObject(with: data)
            } else {
                guard let text = String(data: data, encoding: .utf8) else {
                    throw PlanFileError(file: name, field: "", problem: "is not UTF-8 text")
                }
                document = try Yams.compose(yaml: text).map(OpenAPIDocument.jsonValue)
            }
        } catch let error as PlanFileError {
            throw error
        } catch {
            throw PlanFileError(file: file.path, field: "", problem: "does not parse: \(error)")
        }
        return try PlanFile.catalog(from: document, file: file.path)
    }

    /// Whether Stripe is configured (its variables are declared by the Stripe billing's catalogue entries).
    static func stripeConfigured(_ configuration: Configuration) -> Bool {
        ConfigCatalogue.byName["STRIPE_SECRET_KEY"] != nil && configuration.isSet("STRIPE_SECRET_KEY")
    }
}
