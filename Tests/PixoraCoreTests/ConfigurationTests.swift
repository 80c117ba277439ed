import Foundation
import PixoraCore
import Testing

@Suite("Configuration: one catalogue, one parser")
struct ConfigurationTests {
    func issue(_ environment: [String: String]) -> ConfigurationError? {
        do {
            _ = try Configuration(environment: environment)
            return nil
        } catch {
            return error
        }
    }

    @Test("nothing set: every variable at its catalogue default")
    func defaults() throws {
        let configuration = try Configuration(environment: [:])
        #expect(configuration.integer("PIXORA_PORT") == 8080)
        #expect(configuration.text("PIXORA_HOST") == "127.0.0.1")
        #expect(configuration.number("PIXORA_LEASE_SECONDS") == 30)
        #expect(configuration.number("PIXORA_HEARTBEAT_SECONDS") == nil)
        #expect(configuration.flag("PIXORA_LIST_CACHE") == true)
        #expect(configuration.flag("PIXORA_PROVIDER_FALLBACK") == false)
        #expect(configuration.text("PIXORA_LOG_LEVEL") == "info")
        #expect(configuration.text("OPENAI_API_KEY") == nil)
        #expect(configuration.entries.allSatisfy { $0.source == .default })
        #expect(configuration.entries.count == ConfigCatalogue.all.count)
    }

    @Test(
        "each kind: a good value is parsed and comes from the environment",
        arguments: [
            ("PIXORA_PORT", " 9090 ", ConfigValue.integer(9090)),
            ("PIXORA_LEASE_SECONDS", "0.5", .number(0.5)),
            ("PIXORA_LIST_CACHE", "OFF", .boolean(false)),
            ("PIXORA_PROVIDER_FALLBACK", "yes", .boolean(true)),
            ("PIXORA_SPEECH_PROVIDER", "ElevenLabs", .text("elevenlabs")),
            ("PIXORA_PUBLIC_URL", "https://studio.example.com", .text("https://studio.example.com")),
            ("DATABASE_URL", "sqlite:///tmp/p.sqlite", .text("sqlite:///tmp/p.sqlite")),
            ("PIXORA_JWT_SECRET", String(repeating: "k", count: 32), .text(String(repeating: "k", count: 32))),
            ("PIXORA_DATA_DIR", "/var/lib/pixora", .text("/var/lib/pixora")),
        ])
    func good(name: String, text: String, value: ConfigValue) throws {
        let entry = try Configuration(environment: [name: text]).entry(name)
        #expect(entry.value == value)
        #expect(entry.source == .environment)
    }

    @Test(
        "each kind: a bad value is an error naming the variable and what it accepts",
        arguments: [
            ("PIXORA_PORT", "eighty", "PIXORA_PORT must be a whole number from 0 to 65535, got 'eighty'"),
            ("PIXORA_PORT", "70000", "PIXORA_PORT must be a whole number from 0 to 65535, got '70000'"),
            ("PIXORA_JOB_ATTEMPTS", "0", "PIXORA_JOB_ATTEMPTS must be a whole number of at least 1, got '0'"),
            ("PIXORA_LEASE_SECONDS", "0", "PIXORA_LEASE_SECONDS must be a number greater than 0, got '0'"),
            ("PIXORA_CREDITS_PER_SECOND", "-1", "PIXORA_CREDITS_PER_SECOND must be a number from 0 to 10000, got '-1'"),
            ("PIXORA_COST_IMAGE", "nan", "PIXORA_COST_IMAGE must be a number of at least 0, got 'nan'"),
            (
                "PIXORA_LIST_CACHE", "sometimes",
                "PIXORA_LIST_CACHE must be 1, true, yes, on, 0, false, no or off, got 'sometimes'"
            ),
            (
                "PIXORA_LOG_LEVEL", "loud",
                "PIXORA_LOG_LEVEL must be one of trace, debug, info, notice, warning, error or critical, got 'loud'"
            ),
            ("PIXORA_IMAGE_PROVIDER", "openai", "PIXORA_IMAGE_PROVIDER must be one of fal or embedded, got 'openai'"),
            (
                "OPENAI_BASE_URL", "localhost:11434",
                "OPENAI_BASE_URL must be a URL starting with http:// or https://, got"
            ),
            ("PIXORA_PUBLIC_URL", "https://", "PIXORA_PUBLIC_URL must be a URL starting with http:// or https://, got"),
        ])
    func bad(name: String, text: String, message: String) throws {
        let error = try #require(issue([name: text]))
        #expect(error.description.hasPrefix(message), "\(error)")
        #expect(error.isUsageError)
    }

    @Test("every invalid variable is listed in the one error")
    func all() throws {
        let error = try #require(issue(["PIXORA_PORT": "x", "PIXORA_BCRYPT_COST": "99", "PIXORA_HOST": "ok"]))
        #expect(error.issues.map(\.variable.name).sorted() == ["PIXORA_BCRYPT_COST", "PIXORA_PORT"])
        #expect(error.description.contains("PIXORA_BCRYPT_COST must be a whole number from 4 to 16, got '99'"))
    }

    @Test("an empty value counts as unset")
    func empty() throws {
        let configuration = try Configuration(environment: ["PIXORA_PORT": "", "OPENAI_API_KEY": "  "])
        #expect(configuration.integer("PIXORA_PORT") == 8080 && !configuration.isSet("OPENAI_API_KEY"))
    }

    @Test("secrets appear neither in error messages nor in the report")
    func secrets() throws {
        let short = "hunter2-short-secret"
        let error = try #require(issue(["PIXORA_JWT_SECRET": short, "DATABASE_URL": "mysql://root:pw-9f3@db/x"]))
        #expect(!error.description.contains(short) && !error.description.contains("pw-9f3"), "\(error)")
        #expect(error.description.contains("PIXORA_JWT_SECRET must be text of at least 32 characters"))
        #expect(
            error.description.contains(
                "DATABASE_URL must be a URL starting with postgres://, postgresql:// or sqlite://"))

        let key = "sk-live-0123456789abcdef"
        let configuration = try Configuration(environment: ["OPENAI_API_KEY": key, "PIXORA_HOST": "0.0.0.0"])
        let text = configuration.reportText
        #expect(!text.contains(key))
        let lines = Dictionary(uniqueKeysWithValues: configuration.report.map { ($0.name, $0) })
        #expect(lines["OPENAI_API_KEY"]?.value == "****" && lines["OPENAI_API_KEY"]?.source == .environment)
        #expect(lines["FAL_KEY"]?.value == "(not set)" && lines["FAL_KEY"]?.source == .default)
        #expect(lines["PIXORA_HOST"]?.value == "0.0.0.0")
        #expect(lines["PIXORA_HEARTBEAT_SECONDS"]?.value == "(lease / 3)")
    }

    @Test("unknown PIXORA_ variables are warned about, with the likely name; tooling names are not")
    func unknown() throws {
        let configuration = try Configuration(environment: [
            "PIXORA_LEASE_SECOND": "10", "PIXORA_TEST_POSTGRES_URL": "x", "PIXORA_BIN": "x", "HOME": "/root",
        ])
        #expect(
            configuration.warnings == [
                "PIXORA_LEASE_SECOND is not a Pixora setting and is ignored (did you mean PIXORA_LEASE_SECONDS?)"
            ])
    }

    @Test("the catalogue: unique names, a description each, literal defaults valid for their kind")
    func catalogue() {
        #expect(Set(ConfigCatalogue.all.map(\.name)).count == ConfigCatalogue.all.count)
        for variable in ConfigCatalogue.all {
            #expect(!variable.summary.isEmpty, "\(variable.name)")
            if let value = variable.defaultValue {
                let parsed = Configuration.defaults.entry(variable.name).value
                #expect(parsed != nil, "\(variable.name) default '\(value)'")
            }
        }
    }
}
