import Foundation
import MCP
import PixoraCore

/// A tool call refused with a sentence for the caller; answered as a tool result with `isError: true`.
public struct MCPToolError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A tool call's arguments, read by name and type against the tool's schema, with a precise message for each
/// mistake (an unknown name, a wrong type, a number out of range).
public struct MCPArguments: Sendable {
    public let values: [String: Value]

    /// Refuses names the tool's schema does not list, so a misspelt setting is not silently ignored.
    public init(_ values: [String: Value]?, tool: Tool) throws {
        self.values = values ?? [:]
        let known = tool.inputSchema.objectValue?["properties"]?.objectValue.map { Set($0.keys) } ?? []
        let unknown = self.values.keys.filter { !known.contains($0) }.sorted()
        if let name = unknown.first {
            throw MCPToolError(
                "unknown argument '\(name)' for \(tool.name); it takes: \(known.sorted().joined(separator: ", "))")
        }
        for name in tool.inputSchema.objectValue?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
        where self.values[name] == nil || self.values[name] == .null {
            throw MCPToolError("\(name) is required")
        }
    }

    public func string(_ name: String, max: Int = 10_000) throws -> String? {
        guard let value = values[name], value != .null else { return nil }
        guard let text = value.stringValue else { throw MCPToolError("\(name) must be a string") }
        guard text.count <= max else { throw MCPToolError("\(name) must be at most \(max) characters") }
        return text
    }

    public func integer(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = values[name], value != .null else { return nil }
        let number: Int? =
            switch value {
            case .int(let int): int
            case .double(let double) where double.rounded() == double && abs(double) < 1e15: Int(double)
            default: nil
            }
        guard let number, range.contains(number) else {
            throw MCPToolError("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// Decodes one argument (an object or array) as a Codable document; problems name the path inside it.
    public func document<T: Decodable>(_ name: String, as type: T.Type) throws -> T? {
        guard let value = values[name], value != .null else { return nil }
        do {
            return try JSONDecoder().decode(T.self, from: try JSONEncoder().encode(value))
        } catch let error as DecodingError {
            let issue = error.issue
            let path =
                issue.path.isEmpty ? name : issue.path.hasPrefix("[") ? name + issue.path : "\(name).\(issue.path)"
            throw MCPToolError(DocumentIssue(path, issue.message).description)
        }
    }

    /// The settings named at the top level, decoded as the API's `SettingsRequest` (choices case-insensitive).
    public func settings() throws -> SettingsRequest {
        let names = Set(MCPToolCatalogue.settingsProperties.keys)
        let given = values.filter { names.contains($0.key) && $0.value != .null }
        do {
            return try JSONDecoder().decode(SettingsRequest.self, from: try JSONEncoder().encode(given))
        } catch let error as DecodingError {
            throw MCPToolError(error.issue.description)
        }
    }
}

/// Tool results as JSON text plus the same value as structured content.
public enum MCPToolResult {
    public static func success(_ value: some Encodable, encoder: JSONEncoder = JSONEncoder()) throws
        -> CallTool.Result
    {
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        let data = try encoder.encode(value)
        let structured = try JSONDecoder().decode(Value.self, from: data)
        return CallTool.Result(
            content: [.text(text: String(decoding: data, as: UTF8.self), annotations: nil, _meta: nil)],
            structuredContent: Optional(structured), isError: false)
    }

    public static func failure(_ message: String) -> CallTool.Result {
        CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
    }
}

/// Sends `notifications/progress` for one call, when the caller asked with a progress token; at most one per
/// change of the rounded percentage or message, so a busy job does not flood the connection.
public actor MCPProgress {
    let token: ProgressToken?
    let server: Server?
    private var last: (Int, String)?

    public init(token: ProgressToken?, server: Server?) {
        self.token = token
        self.server = server
    }

    public func report(_ fraction: Double, _ message: String) async {
        guard let token, let server else { return }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        if let last, last.0 == percent, last.1 == message { return }
        if let last, percent < last.0 { return }
        last = (percent, message)
        try? await server.notify(
            ProgressNotification.message(
                .init(progressToken: token, progress: Double(percent), total: 100, message: message)))
    }
}
