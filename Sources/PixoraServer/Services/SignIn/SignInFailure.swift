/// Why a provider sign-in did not finish. `reason` is what the sign-in page tells the person (a fixed word it
/// turns into a sentence, so nothing from the provider or the URL is ever shown); `detail` goes to the log.
struct SignInFailure: Error, Sendable, Equatable {
    enum Reason: String, Sendable {
        /// The person said no at the provider, or the provider sent an error back.
        case cancelled
        /// The state is unknown, used or expired (a replayed or stale callback, or a sign-in older than
        /// ten minutes).
        case expired
        /// The provider could not be reached or answered something that is not OpenID Connect.
        case unavailable
        /// The provider's answer did not prove who signed in (signature, issuer, audience, expiry, nonce).
        case rejected
        /// The provider did not vouch for the email address.
        case unverifiedEmail = "unverified_email"
    }

    var reason: Reason
    var detail: String

    init(_ reason: Reason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
