import Foundation
import PixoraCore
import Testing

/// The README documents every variable of the catalogue and names no variable the catalogue lacks.
@Suite("README configuration tables")
struct ReadmeConfigurationTests {
    static var readme: String {
        get throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        }
    }

    /// Words shaped like Pixora's variables: PIXORA_…, AWS_…, STRIPE_…, and the providers' …_KEY, …_URL, …_HOME.
    static func variables(in text: String) -> Set<String> {
        let pattern =
            /\b((?:PIXORA|AWS|STRIPE)_[A-Z0-9_]*[A-Z0-9]|[A-Z][A-Z0-9]*_(?:[A-Z0-9]+_)*(?:KEY|URL|HOME))\b/
        return Set(text.matches(of: pattern).map { String($0.output.1) })
    }

    @Test("every catalogued variable appears in README.md")
    func documented() throws {
        let named = Self.variables(in: try Self.readme)
        let missing = ConfigCatalogue.all.map(\.name).filter { !named.contains($0) }
        #expect(missing.isEmpty, "in ConfigCatalogue but not in README.md: \(missing)")
    }

    @Test("every variable README.md names is in the catalogue")
    func declared() throws {
        let unknown = Self.variables(in: try Self.readme).subtracting(ConfigCatalogue.byName.keys)
            .filter { !ConfigCatalogue.isTooling($0) }
        #expect(unknown.isEmpty, "in README.md but not in ConfigCatalogue: \(unknown.sorted())")
    }
}
