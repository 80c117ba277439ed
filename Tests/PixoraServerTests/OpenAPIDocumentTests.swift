import Foundation
import Testing

@testable import PixoraServer

/// The structure of the OpenAPI document on its own; `ContractTests` holds it to the router's route table.
@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
    static let errorSchema = "#/components/schemas/Error"

    struct Operation {
        var path: String
        var method: String
        var body: [String: Any]
        var name: String { "\(method.uppercased()) \(path)" }
    }

    /// Raw JSON throughout: these tests check the document itself, which the generated body types come from.
    func document() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: OpenAPIDocument.json)
        return try #require(object as? [String: Any], "the document is not a JSON object")
    }

    func operations(_ document: [String: Any]) throws -> [Operation] {
        let paths = try #require(document["paths"] as? [String: Any], "the document has no paths")
        var operations: [Operation] = []
        for (path, item) in paths.sorted(by: { $0.key < $1.key }) {
            let item = try #require(item as? [String: Any], "\(path) is not an object")
            for (method, body) in item.sorted(by: { $0.key < $1.key }) where Self.methods.contains(method) {
                operations.append(Operation(path: path, method: method, body: try #require(body as? [String: Any])))
            }
        }
        return operations
    }

    /// The value a local reference (`#/components/...`) points at, or nil.
    func resolve(_ reference: String, in document: [String: Any]) -> Any? {
        guard reference.hasPrefix("#/") else { return nil }
        var node: Any = document
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            guard let object = node as? [String: Any], let next = object[key] else { return nil }
            node = next
        }
        return node
    }

    /// Every `$ref` in the document, with where it was found.
    func references(in node: Any, at location: String = "#") -> [(reference: String, location: String)] {
        var found: [(String, String)] = []
        if let object = node as? [String: Any] {
            if let reference = object["$ref"] as? String { found.append((reference, location)) }
            for (key, value) in object where key != "$ref" {
                found += references(in: value, at: "\(location)/\(key)")
            }
        } else if let array = node as? [Any] {
            for (index, value) in array.enumerated() { found += references(in: value, at: "\(location)/\(index)") }
        }
        return found
    }

    /// An object, following `$ref`s.
    func dereferenced(_ node: Any?, in document: [String: Any]) -> [String: Any]? {
        var node = node
        for _ in 0..<10 {
            guard let object = node as? [String: Any] else { return nil }
            guard let reference = object["$ref"] as? String else { return object }
            node = resolve(reference, in: document)
        }
        return nil
    }

    /// Whether a schema is the Error schema, refers to it, or extends it with `allOf`.
    func isErrorSchema(_ schema: Any?, in document: [String: Any], depth: Int = 0) -> Bool {
        guard depth < 10, let object = schema as? [String: Any] else { return false }
        if let reference = object["$ref"] as? String {
            return reference == Self.errorSchema
                || isErrorSchema(resolve(reference, in: document), in: document, depth: depth + 1)
        }
        let parts = object["allOf"] as? [Any] ?? []
        return parts.contains { isErrorSchema($0, in: document, depth: depth + 1) }
    }

    /// The responses of an operation, each followed through `$ref`.
    func responses(_ operation: Operation, in document: [String: Any]) -> [String: [String: Any]] {
        let responses = operation.body["responses"] as? [String: Any] ?? [:]
        return responses.compactMapValues { dereferenced($0, in: document) }
    }

    @Test("is valid JSON that declares OpenAPI 3.1.0 and describes paths and components")
    func validJSON() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        let info = try #require(document["info"] as? [String: Any])
        #expect(info["title"] is String && info["version"] is String)
        #expect(try operations(document).count >= 30)
        let components = try #require(document["components"] as? [String: Any])
        let schemes = try #require(components["securitySchemes"] as? [String: Any])
        let bearer = try #require(schemes["bearerAuth"] as? [String: Any])
        #expect(bearer["type"] as? String == "http" && bearer["scheme"] as? String == "bearer")
    }

    @Test("every $ref points at a component that exists")
    func referencesResolve() throws {
        let document = try document()
        let found = references(in: document)
        #expect(!found.isEmpty)
        for (reference, location) in found {
            #expect(reference.hasPrefix("#/components/"), "\(location): \(reference) is not a reference to a component")
            #expect(resolve(reference, in: document) != nil, "\(location): \(reference) does not resolve")
        }
    }

    @Test("every operation has a unique operationId, a summary, tags and at least one response")
    func operationsAreNamed() throws {
        let document = try document()
        var seen: [String: String] = [:]
        for operation in try operations(document) {
            let id = operation.body["operationId"] as? String ?? ""
            #expect(!id.isEmpty, "\(operation.name) has no operationId")
            if let other = seen[id] { Issue.record("operationId '\(id)' is used by \(other) and \(operation.name)") }
            seen[id] = operation.name
            #expect(!(operation.body["summary"] as? String ?? "").isEmpty, "\(operation.name) has no summary")
            #expect(!(operation.body["tags"] as? [String] ?? []).isEmpty, "\(operation.name) has no tags")
            #expect(
                !(operation.body["responses"] as? [String: Any] ?? [:]).isEmpty, "\(operation.name) has no responses")
        }
    }

    @Test("every operation except /healthz, /metrics and /openapi.json documents a 4xx answer with the Error schema")
    func errorsAreDocumented() throws {
        let document = try document()
        for operation in try operations(document)
        where !["/healthz", "/metrics", "/openapi.json"].contains(operation.path) {
            let clientErrors = responses(operation, in: document).filter { $0.key.hasPrefix("4") }
            let withErrorSchema = clientErrors.values.filter { response in
                let content = response["content"] as? [String: Any] ?? [:]
                let json = content["application/json"] as? [String: Any]
                return isErrorSchema(json?["schema"], in: document)
            }
            #expect(!withErrorSchema.isEmpty, "\(operation.name) documents no 4xx answer with the Error schema")
        }
    }

    @Test("signed-in operations document 401, and operations on an {id} document 404")
    func authAndMissingDocumented() throws {
        let document = try document()
        for operation in try operations(document) {
            let codes = Set(responses(operation, in: document).keys)
            let security = (operation.body["security"] ?? document["security"]) as? [[String: Any]] ?? []
            if security.contains(where: { $0["bearerAuth"] != nil }) {
                #expect(codes.contains("401"), "\(operation.name) needs a token but documents no 401")
            }
            if operation.path.contains("{id}") {
                #expect(codes.contains("404"), "\(operation.name) documents no 404")
            }
        }
    }

    @Test("every parameter in a path template is declared as a required path parameter")
    func pathParametersDeclared() throws {
        let document = try document()
        for operation in try operations(document) {
            let template = operation.path.split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }
                .map { String($0.dropFirst().dropLast()) }
            let declared = (operation.body["parameters"] as? [Any] ?? []).compactMap { dereferenced($0, in: document) }
                .filter { $0["in"] as? String == "path" && $0["required"] as? Bool == true }
                .compactMap { $0["name"] as? String }
            #expect(Set(template) == Set(declared), "\(operation.name) declares path parameters \(declared.sorted())")
        }
    }
}
