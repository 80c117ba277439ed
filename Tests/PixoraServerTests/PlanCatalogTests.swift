import Foundation
import PixoraCore
import Testing

@testable import PixoraServer

@Suite("The plan catalogue")
struct PlanCatalogTests {
    func write(_ text: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plans-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    func catalog(_ environment: [String: String]) throws -> PlanCatalog {
        try PlanCatalog.from(configuration: Configuration(environment: environment))
    }

    func failure(_ text: String, name: String = "plans.yaml") throws -> String {
        let file = try write(text, name: name)
        do {
            _ = try catalog(["PIXORA_PLANS_FILE": file.path])
        } catch {
            return "\(error)".replacingOccurrences(of: file.path, with: name)
        }
        throw TestFailure("\(name) was accepted")
    }

    @Test("billing is off without Stripe or a plans file: one unlimited self-hosted plan")
    func selfHosted() throws {
        let plans = try catalog([:])
        #expect(!plans.billingEnabled)
        #expect(plans.plans.map(\.id) == ["self-hosted"])
        let plan = plans.effectivePlan(subscribed: "pro")
        #expect(plan.id == "self-hosted" && plan.maxDurationSeconds == nil && plan.concurrentJobs == nil)
    }

    @Test("Stripe alone turns billing on with Free, Pro and Enterprise; new accounts are on Free (60 s, 720p, 1 job)")
    func builtIn() throws {
        guard ConfigCatalogue.byName["STRIPE_SECRET_KEY"] != nil else { return }
        let plans = try catalog(["STRIPE_SECRET_KEY": "sk_test_123"])
        #expect(plans.billingEnabled)
        #expect(plans.plans.map(\.id) == ["free", "pro", "enterprise"])
        let free = plans.effectivePlan(subscribed: nil)
        #expect(free.id == "free" && free.maxDurationSeconds == 60 && free.maxQuality == .p720)
        #expect(free.concurrentJobs == 1)
        // A plan the catalogue no longer has falls back to the default rather than locking the account out.
        #expect(plans.effectivePlan(subscribed: "gold").id == "free")
    }

    @Test("a YAML plans file is read field by field, and names the default")
    func yaml() throws {
        let file = try write(
            """
            default: starter
            plans:
              - id: starter
                name: Starter
                price: {cents: 0}
                monthlyCredits: 50
                maxDurationSeconds: 30
                maxQuality: 480p
                concurrentJobs: 2
                generationsPerHour: 5
                retentionDays: 3
                allowedProviders: [embedded]
              - id: studio
                name: Studio
                price: {cents: 4900, currency: eur, stripePriceId: price_123}
                monthlyCredits: 5000
                queuePriority: 8
                allowedModels: [embedded]
            """, name: "plans.yaml")
        let plans = try catalog(["PIXORA_PLANS_FILE": file.path])
        #expect(plans.billingEnabled && plans.defaultPlanID == "starter")
        let starter = try #require(plans.plan(id: "starter"))
        #expect(starter.price == SubscriptionPlan.Price(cents: 0, currency: "usd"))
        #expect(starter.maxQuality == .p480 && starter.maxDurationSeconds == 30 && starter.generationsPerHour == 5)
        #expect(starter.retentionDays == 3 && starter.queuePriority == 0 && starter.allowedProviders == ["embedded"])
        let studio = try #require(plans.plan(id: "studio"))
        #expect(studio.price == SubscriptionPlan.Price(cents: 4900, currency: "eur", stripePriceId: "price_123"))
        #expect(studio.maxDurationSeconds == nil && studio.queuePriority == 8 && studio.allowedModels == ["embedded"])
        #expect(!studio.allows(model: "fal-ai/kling") && studio.allows(quality: .p1080))
        #expect(!starter.allows(quality: .p720) && starter.allows(quality: .p480))
    }

    @Test("a JSON plans file is read the same way; without a default, free is the default when it exists")
    func json() throws {
        let file = try write(
            #"{"plans": [{"id": "pro", "name": "Pro", "price": {"cents": 1900}, "monthlyCredits": 10},"#
                + #" {"id": "free", "name": "Free", "price": {"cents": 0}, "monthlyCredits": 0}]}"#,
            name: "plans.json")
        let plans = try catalog(["PIXORA_PLANS_FILE": file.path])
        #expect(plans.plans.map(\.id) == ["pro", "free"] && plans.defaultPlanID == "free")
    }

    @Test("a bad plans file is refused with the file and the field named")
    func errors() throws {
        let one = "plans:\n  - id: free\n    name: Free\n    price: {cents: 0}\n    monthlyCredits: 0\n"
        #expect(
            try failure(one + "    maxQuality: 4k\n")
                == "PIXORA_PLANS_FILE: plans.yaml: plans[0].maxQuality: must be one of 480p, 720p, 1080p, got '4k'")
        #expect(
            try failure(one + "    maxDurationSeconds: 600\n")
                == "PIXORA_PLANS_FILE: plans.yaml: plans[0].maxDurationSeconds: must be a whole number from 5 to 120,"
                + " got 600")
        #expect(
            try failure(one + "    concurrentJobs: 1.5\n")
                .hasPrefix("PIXORA_PLANS_FILE: plans.yaml: plans[0].concurrentJobs: must be a whole number"))
        #expect(
            try failure(one + "    maxDuration: 60\n")
                .hasPrefix("PIXORA_PLANS_FILE: plans.yaml: plans[0].maxDuration: is not a plan field"))
        #expect(
            try failure(one + "    allowedProviders: [embedded, runway]\n")
                .hasPrefix("PIXORA_PLANS_FILE: plans.yaml: plans[0].allowedProviders: 'runway' is not a provider"))
        #expect(
            try failure(one + one.replacingOccurrences(of: "plans:\n", with: ""))
                == "PIXORA_PLANS_FILE: plans.yaml: plans[1].id: 'free' is used by an earlier plan")
        #expect(
            try failure("default: gold\n" + one)
                == "PIXORA_PLANS_FILE: plans.yaml: default: 'gold' is not the id of a plan in the file")
        #expect(
            try failure("plans:\n  - id: Free Plan\n    name: x\n    price: {cents: 0}\n    monthlyCredits: 0\n")
                .hasPrefix("PIXORA_PLANS_FILE: plans.yaml: plans[0].id: must be 1 to 40 lowercase"))
        #expect(
            try failure("plans:\n  - id: free\n    name: Free\n    monthlyCredits: 0\n")
                == "PIXORA_PLANS_FILE: plans.yaml: plans[0].price: must be a mapping of fields")
        #expect(
            try failure(one.replacingOccurrences(of: "{cents: 0}", with: "{cents: 0, currency: dollars}"))
                .hasPrefix("PIXORA_PLANS_FILE: plans.yaml: plans[0].price.currency: must be a three-letter"))
        #expect(
            try failure("plans: []\n") == "PIXORA_PLANS_FILE: plans.yaml: plans: must be a list of at least one plan")
        #expect(
            try failure("{\"plans\": [", name: "plans.json").hasPrefix("PIXORA_PLANS_FILE: plans.json: does not parse"))
        #expect(
            try failure(
                #"{"plans": [{"id": "free", "name": "Free", "price": {"cents": 0}, "monthlyCredits": true}]}"#,
                name: "plans.json"
            )
            .hasPrefix("PIXORA_PLANS_FILE: plans.json: plans[0].monthlyCredits: must be a whole number"))
    }

    @Test("a monthly period runs from one anniversary of the account to the next, clamped to short months")
    func periods() throws {
        func millis(_ text: String) -> Int64 {
            Int64(try! Date(text, strategy: .iso8601).timeIntervalSince1970 * 1000)
        }
        let anchor = millis("2026-01-31T10:00:00Z")
        let first = BillingPeriod(anchor: anchor, containing: millis("2026-02-27T09:00:00Z"))
        #expect(first.index == 0 && first.start == anchor && first.end == millis("2026-02-28T10:00:00Z"))
        let second = BillingPeriod(anchor: anchor, containing: millis("2026-02-28T10:00:00Z"))
        #expect(second.index == 1 && second.key == "month:2026-02-28")
        let third = BillingPeriod(anchor: anchor, containing: millis("2026-03-31T09:59:59Z"))
        #expect(third.index == 1 && third.end == millis("2026-03-31T10:00:00Z"))
        #expect(BillingPeriod(anchor: anchor, containing: millis("2026-03-31T10:00:00Z")).key == "month:2026-03-31")
        #expect(BillingPeriod(anchor: anchor, containing: anchor - 1).index == 0)
    }

    @Test("a plan refuses models and providers it does not list, naming the limit")
    func modelsAndProviders() throws {
        let plan = SubscriptionPlan(
            id: "basic", name: "Basic", price: .init(cents: 0), monthlyCredits: 0, allowedProviders: ["embedded"],
            allowedModels: ["embedded"])
        #expect(throws: Never.self) {
            try AppServices.checkShape(plan, PlanAsk(models: ["embedded"]), providers: ["embedded"])
        }
        do {
            try AppServices.checkShape(plan, PlanAsk(models: ["fal-ai/kling-video"]), providers: ["embedded"])
            Issue.record("a model outside the plan was accepted")
        } catch let error as APIError {
            #expect(error.code == .planLimit && error.details?["limit"] == .string("allowedModels"))
            #expect(error.details?["requested"] == .string("fal-ai/kling-video"))
        }
        do {
            try AppServices.checkShape(plan, PlanAsk(), providers: ["embedded", "fal"])
            Issue.record("a provider outside the plan was accepted")
        } catch let error as APIError {
            #expect(error.code == .planLimit && error.details?["limit"] == .string("allowedProviders"))
            #expect(error.details?["value"] == .array([.string("embedded")]) && error.status == .forbidden)
        }
    }
}
