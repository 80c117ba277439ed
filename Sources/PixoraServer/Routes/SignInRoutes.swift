import Foundation
import Hummingbird
import PixoraAPI
import PixoraStore

/// Sign in with an OpenID Connect provider (Google, or the one configured by issuer). The browser goes to
/// `start`, which sends it to the provider; the provider sends it back to `callback`, which signs the person in
/// (or makes their account) and sends the browser to `/signin#signin=<one-time code>`; the studio exchanges that
/// code for the usual session with a POST. Failures go back to `/signin?signin_error=<reason>`.
struct SignInRoutes {
    let services: AppServices

    func register(_ routes: RouteRegistrar<AppRequestContext>) {
        routes.add(.get, "auth/oidc/providers", providers)
        routes.add(.post, "auth/oidc/exchange", exchange)
        routes.add(.get, "auth/oidc/:provider/start", start)
        routes.add(.get, "auth/oidc/:provider/callback", callback)
    }

    @Sendable func providers(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.SignInProviders
    > {
        JSONResponse(
            Schemas.SignInProviders(
                providers: services.signIn.providers.map { Schemas.SignInProvider(id: $0.id, name: $0.name) }))
    }

    func provider(_ context: AppRequestContext) throws -> SignInProvider {
        let id = try context.parameters.require("provider")
        guard let provider = services.signIn.provider(id) else { throw APIError.notFound("sign-in provider") }
        return provider
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let provider = try provider(context)
        do {
            let location = try await services.signIn.start(provider, database: services.database, now: services.now())
            return Self.redirect(location)
        } catch let failure as SignInFailure {
            return failed(failure, provider: provider, context: context)
        }
    }

    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        let provider = try provider(context)
        let query = request.uri.queryParameters
        let state = query["state"].map(String.init) ?? ""
        let code = query["code"].map(String.init) ?? ""
        do {
            // A refusal at the provider still uses up the state: the same callback cannot be tried again.
            if let error = query["error"] {
                _ = try await PendingSignIns.finish(
                    in: services.database, state: state, provider: provider.id, now: services.now())
                throw SignInFailure(.cancelled, "the provider answered error=\(error)")
            }
            guard !state.isEmpty, state.utf8.count <= 200 else {
                throw SignInFailure(.expired, "the callback has no usable state")
            }
            guard !code.isEmpty, code.utf8.count <= 4096 else {
                _ = try await PendingSignIns.finish(
                    in: services.database, state: state, provider: provider.id, now: services.now())
                throw SignInFailure(.rejected, "the callback has no usable code")
            }
            let identity = try await services.signIn.finish(
                provider, code: code, state: state, database: services.database, now: services.now())
            let (user, outcome) = try await ProviderIdentities.signIn(
                in: services.database, identity: identity, grant: services.pricing.signupGrant, now: services.now())
            context.logger.info(
                "signed in with \(provider.id)",
                metadata: ["user": .string(user.id), "outcome": .string(outcome.rawValue)])
            let handoff = try await SignInHandoffs.issue(
                in: services.database, user: user.id, lifetime: ProviderSignIn.handoffLifetime, now: services.now())
            // In the fragment: never sent to a server, so it stays out of access logs and Referer headers.
            return Self.redirect("/signin#signin=\(handoff)")
        } catch let failure as SignInFailure {
            return failed(failure, provider: provider, context: context)
        }
    }

    func failed(_ failure: SignInFailure, provider: SignInProvider, context: AppRequestContext) -> Response {
        context.logger.warning(
            "sign-in with \(provider.id) failed",
            metadata: ["reason": .string(failure.reason.rawValue), "detail": .string(failure.detail)])
        return Self.redirect("/signin?signin_error=\(failure.reason.rawValue)&provider=\(provider.id)")
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }

    @Sendable func exchange(_ request: Request, context: AppRequestContext) async throws -> JSONResponse<
        Schemas.Session
    > {
        let body = try await request.decodeJSON(Schemas.SignInExchangeRequest.self)
        let redeemed = try await SignInHandoffs.redeem(in: services.database, code: body.code, now: services.now())
        guard let userId = redeemed,
            let user = try await services.database.read({ db in try await Users.find(db, id: userId) })
        else {
            throw APIError(
                .badRequest, .invalidToken, "this sign-in code is not valid, was already used, or has expired")
        }
        return JSONResponse(try await AuthRoutes(services: services).session(for: user))
    }
}
