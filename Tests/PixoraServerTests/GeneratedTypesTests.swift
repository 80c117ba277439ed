import Crypto
import Foundation
import PixoraAPI
import PixoraStore
import Testing

/// The generated body types (Sources/PixoraAPI/Generated) are committed so CI never builds the generator; this
/// catches a contract or generator configuration edited without running scripts/generate-api.sh.
@Suite("Generated types")
struct GeneratedTypesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func sha256(_ path: String) throws -> String {
        let data = try Data(contentsOf: Self.root.appendingPathComponent(path))
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    @Test("were generated from the current document and configuration")
    func upToDate() throws {
        let expected = [
            "// openapi.yaml SHA-256: \(try sha256("Sources/PixoraServer/Contract/openapi.yaml"))",
            "// openapi-generator-config.yaml SHA-256: "
                + (try sha256("scripts/openapi-generator/openapi-generator-config.yaml")),
        ]
        let folder = Self.root.appendingPathComponent("Sources/PixoraAPI/Generated")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no generated files; run scripts/generate-api.sh")
        for file in files.sorted() {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let header = Array(text.split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false).prefix(2))
                .map(String.init)
            #expect(header == expected, "\(file) is out of date with the contract: run scripts/generate-api.sh")
        }
    }

    /// Stored values the contract spells as inline enums, which the generator cannot map to the store's types.
    func spelled<Stored: StoredEnum, Contract: RawRepresentable<String> & CaseIterable>(
        _: Stored.Type, as _: Contract.Type
    ) -> Bool {
        Set(Stored.allCases.map(\.rawValue)) == Set(Contract.allCases.map(\.rawValue))
    }

    @Test("spell every stored role, reason, status and kind as the store does")
    func storedValues() {
        #expect(spelled(UserRole.self, as: Components.Schemas.User.RolePayload.self))
        #expect(spelled(CreditReason.self, as: Components.Schemas.Transaction.ReasonPayload.self))
        #expect(spelled(RevisionReason.self, as: Components.Schemas.Revision.ReasonPayload.self))
        #expect(spelled(RevisionStatus.self, as: Components.Schemas.Revision.StatusPayload.self))
        #expect(spelled(AssetKind.self, as: Components.Schemas.SceneAsset.KindPayload.self))
        #expect(spelled(VersionStatus.self, as: Components.Schemas.Version.StatusPayload.self))
    }
}
