import Foundation

/// One problem in a document (settings, plan, editor state): where it is and what is wrong.
public struct DocumentIssue: Sendable, Hashable, CustomStringConvertible {
    /// A field path such as `clips[2].duration`.
    public var path: String
    public var message: String

    public init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// A document that failed to parse or validate, with every issue found.
public struct InvalidDocument: Error, Sendable, CustomStringConvertible {
    public var document: String
    public var issues: [DocumentIssue]

    public init(document: String, issues: [DocumentIssue]) {
        self.document = document
        self.issues = issues
    }

    public var description: String {
        "invalid \(document):\n" + issues.map { "  - \($0)" }.joined(separator: "\n")
    }
}

extension Array where Element == any CodingKey {
    /// `clips[2].duration` style rendering of a decoding path.
    public var dottedPath: String {
        var text = ""
        for key in self {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

extension DecodingError {
    /// The decoding failure as a field-level issue with a plain-language message.
    public var issue: DocumentIssue {
        switch self {
        case .keyNotFound(let key, let context):
            return DocumentIssue(context.codingPath.dottedPath, "missing field '\(key.stringValue)'")
        case .typeMismatch(let type, let context):
            return DocumentIssue(context.codingPath.dottedPath, "expected \(Self.describe(type))")
        case .valueNotFound(let type, let context):
            return DocumentIssue(context.codingPath.dottedPath, "expected \(Self.describe(type)), got null")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                let underlying =
                    context.underlyingError.map { error in
                        (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
                    } ?? context.debugDescription
                return DocumentIssue("", "not valid JSON (\(underlying))")
            }
            return DocumentIssue(context.codingPath.dottedPath, context.debugDescription)
        @unknown default:
            return DocumentIssue("", "\(self)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Double.Type, is Float.Type: "a number"
        case is Int.Type, is UInt64.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        default:
            "\(type)".hasPrefix("Array")
                ? "an array" : (("\(type)".hasPrefix("Dictionary")) ? "an object" : "a \(type)")
        }
    }
}
