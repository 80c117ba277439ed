import Foundation
import PixoraAPI
import PixoraStore

extension Schemas.User {
    init(_ user: PixoraStore.User, tokens: TokenService) {
        self.init(
            id: user.id, email: user.email, name: user.name, role: user.role.contract(), credits: user.credits,
            avatarUrl: user.avatarKey == nil ? nil : tokens.signedPath("/api/v1/users/me/avatar", user: user.id),
            createdAt: Date(milliseconds: user.createdAt))
    }
}

extension Schemas.Transaction {
    init(_ row: CreditTransaction) {
        self.init(
            id: row.id, delta: row.delta, balanceAfter: row.balanceAfter, reason: row.reason.contract(),
            reference: row.reference, createdAt: Date(milliseconds: row.createdAt))
    }
}

extension Schemas.Session {
    init(accessToken: String, refreshToken: String, expiresIn: Int, user: Schemas.User) {
        self.init(
            accessToken: accessToken, refreshToken: refreshToken, tokenType: .bearer, expiresIn: expiresIn, user: user)
    }
}
