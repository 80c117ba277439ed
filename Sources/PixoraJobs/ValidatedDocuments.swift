import PixoraCore

/// The store decodes documents; rules that may have tightened since a document was saved are checked by the job
/// about to use it, so a plan or timeline that no longer holds fails that job as a usage error, not every read.
extension Plan {
    func validated() throws -> Plan {
        let issues = validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "plan", issues: issues) }
        return self
    }
}

extension EditorState {
    func validated() throws -> EditorState {
        let issues = validate()
        guard issues.isEmpty else { throw InvalidDocument(document: "editor state", issues: issues) }
        return self
    }
}
