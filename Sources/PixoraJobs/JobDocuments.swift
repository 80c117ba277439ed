import Foundation
import PixoraStore

/// The job row's JSON columns, decoded here and only here: their types live in this module, not in the store.
/// A document that does not decode is a corrupt row (`StoreError.corrupt`), so the job fails with a reason
/// instead of running, or being reported, with something made up.
extension Job {
    public func payload<P: Decodable>(as type: P.Type) throws -> P {
        try decodeDocument(type, from: payload, table: "jobs", column: "payload")
    }

    /// The latest progress report, if the job has made one.
    public func progressReport() throws -> JobProgress? {
        try progress.map { try decodeDocument(JobProgress.self, from: $0, table: "jobs", column: "progress") }
    }
}
