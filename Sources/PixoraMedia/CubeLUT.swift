import Foundation

/// A 3D colour lookup table in the Adobe/Resolve `.cube` text format, as users upload it.
///
/// Only what ffmpeg's `lut3d` reads the same way is accepted: a `LUT_3D_SIZE` from 2 to 65, the 0–1 domain,
/// exactly size³ rows of three numbers from 0 to 1 (red changing fastest). What is stored and rendered is the
/// `canonical` text this parser writes back, never the upload, so a title or comment cannot reach the renderer.
public struct CubeLUT: Sendable, Equatable {
    public static let sizeRange: ClosedRange<Int> = 2...65
    /// Bytes of the largest upload: a 65-point LUT written with generous precision and comments.
    public static let maximumBytes = 16 << 20

    public let size: Int
    /// Red, green, blue of each entry, size³ × 3 values.
    public let values: [Float]

    /// A malformed table; `line` is 1-based, nil for a problem of the whole file.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var line: Int?
        public var message: String
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    public init(size: Int, values: [Float]) {
        self.size = size
        self.values = values
    }

    /// The table that changes nothing.
    public static func identity(size: Int) -> CubeLUT {
        var values: [Float] = []
        values.reserveCapacity(size * size * size * 3)
        let top = Float(size - 1)
        for b in 0..<size {
            for g in 0..<size {
                for r in 0..<size { values += [Float(r) / top, Float(g) / top, Float(b) / top] }
            }
        }
        return CubeLUT(size: size, values: values)
    }

    public static func parse(_ data: Data) throws -> CubeLUT {
        guard data.count <= maximumBytes else {
            throw Problem(line: nil, message: "is \(data.count) bytes; a LUT may be at most \(maximumBytes) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Problem(line: nil, message: "is not UTF-8 text; a .cube LUT is a text file")
        }
        var size: Int?
        var values: [Float] = []
        var rows = 0
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            let keyword = fields[0].uppercased()
            if let first = fields[0].first, first.isLetter {
                switch keyword {
                case "TITLE": continue
                case "LUT_3D_SIZE":
                    guard size == nil else { throw Problem(line: lineNumber, message: "LUT_3D_SIZE is given twice") }
                    guard rows == 0 else {
                        throw Problem(line: lineNumber, message: "LUT_3D_SIZE must come before the table rows")
                    }
                    guard fields.count == 2, let value = Int(fields[1]), sizeRange.contains(value) else {
                        throw Problem(
                            line: lineNumber,
                            message:
                                "LUT_3D_SIZE must be a whole number from 2 to 65, got '\(fields.dropFirst().joined(separator: " "))'"
                        )
                    }
                    size = value
                    values.reserveCapacity(value * value * value * 3)
                case "DOMAIN_MIN", "DOMAIN_MAX":
                    let wanted: Double = keyword == "DOMAIN_MIN" ? 0 : 1
                    let numbers = fields.dropFirst().compactMap { Double($0) }
                    guard fields.count == 4, numbers.count == 3, numbers.allSatisfy({ abs($0 - wanted) < 1e-6 }) else {
                        throw Problem(
                            line: lineNumber,
                            message:
                                "only the 0–1 domain is supported (\(keyword) \(Int(wanted)) \(Int(wanted)) \(Int(wanted)))"
                        )
                    }
                case "LUT_1D_SIZE", "LUT_1D_INPUT_RANGE", "LUT_3D_INPUT_RANGE":
                    throw Problem(
                        line: lineNumber, message: "\(keyword) is not supported; upload a 3D LUT (LUT_3D_SIZE)")
                default:
                    throw Problem(line: lineNumber, message: "unknown keyword '\(fields[0].prefix(40))'")
                }
                continue
            }
            guard let size else {
                throw Problem(line: lineNumber, message: "a table row comes before LUT_3D_SIZE")
            }
            guard fields.count == 3 else {
                throw Problem(
                    line: lineNumber, message: "a table row has three numbers (red green blue), got \(fields.count)")
            }
            rows += 1
            guard rows <= size * size * size else {
                throw Problem(
                    line: lineNumber, message: "more than \(size * size * size) rows (\(size)³) for LUT_3D_SIZE \(size)"
                )
            }
            for field in fields {
                guard let value = Double(field), value.isFinite else {
                    throw Problem(line: lineNumber, message: "'\(field.prefix(40))' is not a number")
                }
                guard value >= -1e-4, value <= 1 + 1e-4 else {
                    throw Problem(
                        line: lineNumber, message: "\(field.prefix(40)) is out of range; values must be from 0 to 1")
                }
                values.append(Float(min(max(value, 0), 1)))
            }
        }
        guard let size else { throw Problem(line: nil, message: "has no LUT_3D_SIZE line; is it a .cube 3D LUT?") }
        guard rows == size * size * size else {
            throw Problem(
                line: nil, message: "has \(rows) table rows; LUT_3D_SIZE \(size) needs \(size * size * size) (\(size)³)"
            )
        }
        return CubeLUT(size: size, values: values)
    }

    /// The table mixed with the identity: `intensity` 0 changes nothing, 1 is the table itself. Interpolation is
    /// linear in the entries, so this is exactly the blend of the graded and the original picture.
    public func blended(_ intensity: Double) -> CubeLUT {
        let weight = Float(min(max(intensity, 0), 1))
        let identity = Self.identity(size: size).values
        return CubeLUT(size: size, values: zip(values, identity).map { $1 + ($0 - $1) * weight })
    }

    /// The text that is stored and rendered.
    public var canonical: Data {
        var text = "LUT_3D_SIZE \(size)\n"
        text.reserveCapacity(values.count * 9 + 16)
        var index = 0
        while index < values.count {
            text +=
                "\(Self.number(values[index])) \(Self.number(values[index + 1])) \(Self.number(values[index + 2]))\n"
            index += 3
        }
        return Data(text.utf8)
    }

    static func number(_ value: Float) -> String { String(format: "%.6f", Double(value)) }
}
