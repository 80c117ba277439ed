import Logging
import PixoraCore

/// Log lines that stay one line each, whatever user text reaches them (an error quoting a title, a provider's
/// message, a prompt). A line break in a message or metadata value would otherwise print a second line that looks
/// like the server's own, and bidirectional controls could reorder what an operator reads on a terminal.
///
/// Wraps the real handler and hands it only escaped text: line breaks, control characters and bidirectional
/// controls are written visibly (`\n`, `\u{1F}`, `\u{202E}`) in the message, in every metadata key and value
/// (nested ones too) and in an attached error, which is folded into metadata the way `StreamLogHandler` shows it.
/// The handler's own metadata and metadata provider are kept here, so nothing reaches the wrapped handler unescaped.
public struct EscapingLogHandler: LogHandler {
    private var upstream: any LogHandler
    public var metadata: Logger.Metadata
    public var metadataProvider: Logger.MetadataProvider?

    public var logLevel: Logger.Level {
        get { upstream.logLevel }
        set { upstream.logLevel = newValue }
    }

    public init(wrapping upstream: any LogHandler) {
        self.upstream = upstream
        metadata = upstream.metadata
        metadataProvider = upstream.metadataProvider
        self.upstream.metadata = [:]
        // Only when set: handlers without provider support warn (through a log line) when it is assigned.
        if metadataProvider != nil { self.upstream.metadataProvider = nil }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var all = metadataProvider?.get() ?? [:]
        all.merge(metadata) { $1 }
        all.merge(event.metadata ?? [:]) { $1 }
        if let error = event.error {
            all["error.message"] = .string("\(error)")
            all["error.type"] = .string(String(reflecting: type(of: error)))
        }
        var clean = event
        clean.message = Logger.Message(stringLiteral: Self.escaped(event.message.description))
        clean.error = nil
        clean.metadata = Self.escaped(all)
        upstream.log(event: clean)
    }

    static func escaped(_ metadata: Logger.Metadata) -> Logger.Metadata {
        Dictionary(metadata.map { (escaped($0.key), escaped($0.value)) }, uniquingKeysWith: { $1 })
    }

    static func escaped(_ value: Logger.MetadataValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(escaped(text))
        case .stringConvertible(let item): .string(escaped(item.description))
        case .array(let items): .array(items.map(escaped))
        case .dictionary(let items): .dictionary(escaped(items))
        }
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _
            where TextSanitizer.isControl(scalar) || TextSanitizer.isLineBreak(scalar)
                || TextSanitizer.isBidiControl(scalar):
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
