import Foundation

extension Configuration {
    /// One line of `pixora config`.
    public struct ReportLine: Sendable, Equatable {
        public let name: String
        public let value: String
        public let source: Source
    }

    /// Every variable with its effective value and where it came from. Secrets show only whether they are set.
    public var report: [ReportLine] {
        entries.map { entry in
            let variable = entry.variable
            let value: String
            if variable.isSecret {
                value = entry.source == .environment ? "****" : "(not set)"
            } else if let parsed = entry.value {
                value = parsed.shown
            } else {
                value = variable.defaultDescription == "unset" ? "(not set)" : "(\(variable.defaultDescription))"
            }
            return ReportLine(name: variable.name, value: value, source: entry.source)
        }
    }

    /// The report as aligned text columns.
    public var reportText: String {
        let lines = report
        let width = lines.map(\.name.count).max() ?? 0
        let valueWidth = min(lines.map(\.value.count).max() ?? 0, 44)
        return lines.map { line in
            let name = line.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let value =
                line.value.count < valueWidth
                ? line.value.padding(toLength: valueWidth, withPad: " ", startingAt: 0) : line.value
            return "\(name)  \(value)  \(line.source.rawValue)"
        }.joined(separator: "\n")
    }
}
