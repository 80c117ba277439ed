extension APIError {
    /// Every `error.code` the API answers with: stable, for programs. The document's `ErrorCode` schema lists the
    /// same values, and a test holds the two together.
    public enum Code: String, CaseIterable, Sendable {
        case badRequest = "bad_request"
        case invalidJSON = "invalid_json"
        case invalidIdempotencyKey = "invalid_idempotency_key"
        case invalidRequestId = "invalid_request_id"
        case invalidMultipart = "invalid_multipart"
        case invalidToken = "invalid_token"
        case unauthorized
        case tokenExpired = "token_expired"
        case tokenReused = "token_reused"
        case invalidCredentials = "invalid_credentials"
        /// 401: the account was made by signing in with a provider and has no password (yet).
        case passwordNotSet = "password_not_set"
        case invalidLink = "invalid_link"
        case insufficientCredits = "insufficient_credits"
        /// 403: beyond a limit of the caller's plan (`details`: limit, plan, value, requested).
        case planLimit = "plan_limit"
        case forbidden
        case notFound = "not_found"
        case notRendered = "not_rendered"
        case methodNotAllowed = "method_not_allowed"
        case emailTaken = "email_taken"
        case conflict
        case notRunning = "not_running"
        /// 409: resume of a video whose generation is not paused.
        case notPaused = "not_paused"
        case videoNotReady = "video_not_ready"
        case stepLocked = "step_locked"
        case stepRunning = "step_running"
        /// 409: another step's run is paused; it must be resumed or cancelled first.
        case stepPaused = "step_paused"
        case stepNotInReview = "step_not_in_review"
        case notStudio = "not_studio"
        case videoBusy = "video_busy"
        case versionNotReady = "version_not_ready"
        case alreadyApplied = "already_applied"
        case notAnalyzed = "not_analyzed"
        case noPlan = "no_plan"
        /// 409: agent mode asked of a server without a language model.
        case noLanguageModel = "no_language_model"
        case payloadTooLarge = "payload_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case rangeNotSatisfiable = "range_not_satisfiable"
        case validationFailed = "validation_failed"
        case notUnderstood = "not_understood"
        case rateLimited = "rate_limited"
        case internalError = "internal_error"
        case unavailable
        /// 410: the video's retention ended and its files were deleted.
        case expired
        /// 403: deleting the account needs its password, and this is not it.
        case wrongPassword = "wrong_password"
        /// 503: this server takes no payments (Stripe is not configured).
        case billingUnavailable = "billing_unavailable"
        /// 502: Stripe refused a call or did not answer.
        case paymentProviderFailed = "payment_provider_failed"
        /// 400: a Stripe webhook delivery whose signature is missing, stale or wrong.
        case invalidSignature = "invalid_signature"
    }
}
