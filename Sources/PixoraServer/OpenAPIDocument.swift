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
            guard let node = try Yams.compose(yaml: yaml) else { fatalError("Contract/openapi.yaml is empty") }
            return try JSONSerialization.data(
                withJSONObject: jsonValue(node), options: [.sortedKeys, .withoutEscapingSlashes])
        } catch {
            fatalError("Contract/openapi.yaml does not parse: \(error)")
        }
    }()

    /// YAML → JSON by each scalar's resolved tag. Yams' own `load` turns an integer beyond `Int` (a seed's
    /// maximum, 2^64 − 1) into a string, which is not a valid `maximum`.
    static func jsonValue(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return NSNull()
            case .bool: return Bool.construct(from: scalar) ?? scalar.string
            case .int:
                if let value = Int.construct(from: scalar) { return value }
                if let value = UInt64.construct(from: scalar) { return NSNumber(value: value) }
                return Double.construct(from: scalar) ?? scalar.string
            case .float: return Double.construct(from: scalar) ?? scalar.string
            default: return scalar.string
            }
        case .mapping(let mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = jsonValue(value) }
            return object
        case .sequence(let sequence):
            return sequence.map(jsonValue)
        case .alias:
            return NSNull()
        }
    }
}
