import Foundation
import Hummingbird
import Logging
import NIOCore

/// Who a valid access token says the caller is.
public struct Identity: Sendable, Equatable {
    public var userId: String
    public var role: String
}

/// The context of every request: its id, the caller's address, and the identity a bearer token proved (if any).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var requestID = ""
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies are small; uploads read their own limits.
    public var maxUploadSize: Int { 1 << 20 }
}

/// The context of routes that need a signed-in user: it cannot be made without one, so a handler cannot forget.
public struct AuthenticatedContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let identity: Identity
    public let requestID: String

    public init(context: AppRequestContext) throws {
        guard let identity = context.identity else {
            throw APIError.unauthorized("sign in first: send an access token as 'Authorization: Bearer <token>'")
        }
        coreContext = context.coreContext
        self.identity = identity
        requestID = context.requestID
    }

    public var userId: String { identity.userId }
    public var maxUploadSize: Int { 1 << 20 }
}
