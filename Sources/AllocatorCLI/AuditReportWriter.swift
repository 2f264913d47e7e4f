import Allocator
import Audit

/// Writes an audit's files into the scaled run: the comparison JSON and Markdown.
enum AuditReportWriter {
    /// Encodes every file first, then writes them (each atomically); returns their paths.
    static func write(_ audit: TwoPassAudit, into run: RunDirectory) throws(AuditError) -> [String] {
        let files = audit.files
        do { try run.write(files) } catch { throw .run(error) }
        return files.map { run.file($0.name) }
    }
}
