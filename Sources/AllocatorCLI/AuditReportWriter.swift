import Allocator
import Audit
import Report

/// Writes an audit's files into the scaled run: the comparison JSON and
/// Markdown, then `report.html`.
enum AuditReportWriter {
    /// Encodes every file first, then writes them (each atomically); returns their paths.
    static func write(_ audit: TwoPassAudit, into run: RunDirectory) throws(AuditError) -> [String] {
        let report = AuditReport.html(for: AuditReportModel(audit: audit))
        let files = audit.files + [ArtifactFile(name: RunDirectory.AuditFile.report, text: report)]
        do {
            try run.write(files)
            try run.sealGeneration()
        } catch { throw .run(error) }
        return files.map { run.file($0.name) }
    }
}
