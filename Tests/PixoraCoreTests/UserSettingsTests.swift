import Foundation
import PixoraCore
import Testing

@Suite("User settings documents")
struct UserSettingsTests {
    @Test("settings documents refuse unknown fields and values, naming them")
    func settingsValidation() throws {
        func issue(_ json: String) -> String? {
            do {
                _ = try CanonicalJSON.decode(UserSettings.self, from: Data(json.utf8), document: "settings")
                return nil
            } catch let error as InvalidDocument {
                return error.issues.first?.description
            } catch {
                return "\(error)"
            }
        }
        #expect(issue(#"{"theme": "dark"}"#) == nil)
        #expect(
            issue(#"{"defaults": {"aspectRatio": "4:3"}}"#)?.hasPrefix("defaults.aspectRatio: unknown value '4:3'")
                == true)
        #expect(
            issue(#"{"defaults": {"durationSeconds": 500}}"#)?.hasPrefix("defaults.durationSeconds: must be") == true)
        #expect(
            issue(#"{"notifications": {"videoReady": {"sms": true}}}"#)?.hasPrefix(
                "notifications.videoReady.sms: unknown field") == true)
        #expect(issue(#"{"colour": "red"}"#)?.hasPrefix("colour: unknown field") == true)
        #expect(issue(#"{"version": 2}"#)?.hasPrefix("version: unknown version 2") == true)
        #expect(
            issue(#"{"notifications": {"creditsLowBelow": -1}}"#)?.hasPrefix("notifications.creditsLowBelow") == true)
        #expect(issue(#"{"version": null}"#)?.hasPrefix("version: must not be null") == true)
        #expect(issue(#"{"defaults": {"voice": null}}"#)?.hasPrefix("defaults.voice: must not be null") == true)
        #expect(issue(#"{"theme": "sepia"}"#)?.hasPrefix("theme: unknown value 'sepia'") == true)
        let partial = try CanonicalJSON.decode(
            UserSettings.self, from: Data(#"{"defaults": {"style": "retro"}}"#.utf8), document: "settings")
        #expect(partial.defaults.style == .retro && partial.defaults.durationSeconds == 30 && partial.theme == .system)
        let round = try CanonicalJSON.decode(
            UserSettings.self, from: try CanonicalJSON.encode(partial), document: "settings")
        #expect(round == partial)
    }
}
