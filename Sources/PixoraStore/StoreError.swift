import PixoraCore

/// Failures of the store that callers map to answers: a conflict, a missing row, bad configuration, or a row
/// whose stored value the code cannot read (a server fault: answered 500 and logged, never skipped).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case configuration(String)
    case corrupt(table: String, column: String, problem: String)
    case unavailable(String)
    case notFound(String)
    case conflict(String)
    case insufficientCredits(balance: Int, price: Int)

    public var description: String {
        switch self {
        case .configuration(let message), .unavailable(let message), .notFound(let message), .conflict(let message):
            return message
        case .insufficientCredits(let balance, let price):
            return "not enough credits: this costs \(price), the balance is \(balance)"
        case .corrupt(let table, let column, let problem):
            return "corrupt row in \(table).\(column): \(problem)"
        }
    }
}
