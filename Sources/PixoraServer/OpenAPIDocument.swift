import Foundation
import Yams

/// The API contract: `Contract/openapi.yaml` (OpenAPI 3.1), bundled with the server and served at `/openapi.yaml`
/// as written and at `/openapi.json` converted once, at first use.
enum OpenAPIDocument {
    static let yaml: String = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Contract"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("Contract/openapi.yaml is missing from the server's resources") }
        return text
    }()

    /// The same document as JSON. A document that does not parse is a build defect, caught by the tests.
    static let json: Data = {
        do {
            let object = try Yams.load(yaml: yaml) ?? [:]
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            fatalError("Contract/openapi.yaml does not parse: \(error)")
        }
    }()
}
