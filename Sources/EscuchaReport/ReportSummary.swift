import EscuchaClassify
import EscuchaCore
import Foundation

/// The report as Markdown (for a wiki or a ticket) and as JSON (for pipelines).
public struct ReportSummary {
    public var report: NPSReport
    public var triage: TriageOutput

    public init(report: NPSReport, triage: TriageOutput) {
        self.report = report
        self.triage = triage
    }

    static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }

    public func markdown(title: String = "Informe NPS · Escucha") -> String {
        var out = "# \(title)\n\n"
        let overall = report.overall
        out += "| | NPS | ± (95 %) | n |\n|---|---:|---:|---:|\n"
        for (name, count) in [("declarado", overall.stated), ("inferido", overall.inferred), ("total", overall.all)] {
            out += "| \(name) | \(ReportHTML.nps(count)) | \(ReportHTML.margin(count)) | \(count.n) |\n"
        }
        out += "\n\(overall.documents) documentos, sentimiento medio \(String(format: "%+.2f", overall.meanCompound)). "
        out += "Declarado: la respuesta del cliente (NPS 0–10, CSAT o estrellas). Inferido: del texto, solo donde no hay declarado.\n"
        out += "\n## Qué resta NPS\n\n" + drivers(report.detractorDrivers)
        out += "\n## Qué suma NPS\n\n" + drivers(report.praiseDrivers)
        for dimension in NPSReport.Dimension.allCases {
            guard let rows = report.breakdowns[dimension], !rows.isEmpty else { continue }
            out += "\n## NPS por \(dimension.label.lowercased())\n\n| \(dimension.label) | docs | declarado | inferido | total | sentimiento |\n|---|---:|---:|---:|---:|---:|\n"
            for row in rows {
                out += "| \(Self.cell(row.key)) | \(row.documents) | \(row.stated.formatted) | \(row.inferred.formatted) | \(row.all.formatted) | \(String(format: "%+.2f", row.meanCompound)) |\n"
            }
        }
        out += "\n## Vinculación con clientes\n\n| Fuente | documentos | vinculados | tasa |\n|---|---:|---:|---:|\n"
        for link in report.links {
            out += "| \(Self.cell(link.channel)) | \(link.documents) | \(link.linked) | \(String(format: "%.0f %%", link.documents == 0 ? 0 : 100 * Double(link.linked) / Double(link.documents))) |\n"
        }
        out += "\n## Cola de detractores\n\n\(report.triageCount) detractores. Los 10 primeros:\n\n| # | prioridad | cliente | canal | fecha | clase | señales | fragmento |\n|---:|---:|---|---|---|---|---|---|\n"
        for (index, row) in report.triage.prefix(10).enumerated() {
            let record = row.record
            out += "| \(index + 1) | \(String(format: "%.1f", row.priority.total)) | \(Self.cell(triage.customerCell(record))) | \(Self.cell(record.channel)) | \(TriageOutput.date(record)) | \(Self.cell(TriageOutput.classCell(record))) | \(record.signals.joined(separator: ", ")) | \(Self.cell(triage.snippet(record))) |\n"
        }
        return out
    }

    func drivers(_ list: [Driver]) -> String {
        guard !list.isEmpty else { return "Ningún tema con al menos \(NPSReport.minimumDriverMentions) menciones.\n" }
        var out = "| Tema | menciones | negativas | NPS con el tema | impacto |\n|---|---:|---:|---:|---:|\n"
        for driver in list.prefix(10) {
            out += "| \(Self.cell(driver.label)) | \(driver.count.n) | \(driver.negativeMentions) | \(ReportHTML.nps(driver.count)) | \(String(format: "%+.1f", driver.impact)) |\n"
        }
        return out
    }

    public static let schemaVersion = "1.0"

    public func json() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 16_384)
        func count(_ name: StaticString, _ value: NPSCount) {
            writer.key(name)
            writer.beginObject()
            writer.key("n"); writer.int(value.n)
            writer.key("promoters"); writer.int(value.promoters)
            writer.key("passives"); writer.int(value.passives)
            writer.key("detractors"); writer.int(value.detractors)
            if let score = value.score { writer.key("nps"); writer.number(score, decimals: 1) } else { writer.key("nps"); writer.null() }
            if let margin = value.marginOfError { writer.key("margin"); writer.number(margin, decimals: 1) } else { writer.key("margin"); writer.null() }
            writer.endObject()
        }
        func breakdown(_ row: NPSBreakdown) {
            writer.beginObject()
            writer.member("key", row.key)
            writer.key("documents"); writer.int(row.documents)
            writer.key("mean_compound"); writer.number(row.meanCompound, decimals: 3)
            count("stated", row.stated)
            count("inferred", row.inferred)
            count("all", row.all)
            writer.endObject()
        }
        writer.beginObject()
        writer.member("schema_version", Self.schemaVersion)
        writer.key("overall"); breakdown(report.overall)
        writer.member("period", report.period.rawValue)
        writer.key("breakdowns")
        writer.beginObject()
        for dimension in NPSReport.Dimension.allCases {
            writer.key(dimension.rawValue)
            writer.beginArray()
            for row in report.breakdowns[dimension] ?? [] { breakdown(row) }
            writer.endArray()
        }
        writer.endObject()
        for (name, list) in [("detractor_drivers", report.detractorDrivers), ("praise_drivers", report.praiseDrivers)] {
            writer.key(name)
            writer.beginArray()
            for driver in list {
                writer.beginObject()
                writer.member("topic", driver.topic)
                writer.member("label", driver.label)
                writer.key("mentions"); writer.int(driver.count.n)
                writer.key("negative_mentions"); writer.int(driver.negativeMentions)
                if let score = driver.count.score { writer.key("nps"); writer.number(score, decimals: 1) }
                writer.key("impact"); writer.number(driver.impact, decimals: 2)
                writer.endObject()
            }
            writer.endArray()
        }
        writer.key("links")
        writer.beginArray()
        for link in report.links {
            writer.beginObject()
            writer.member("channel", link.channel)
            writer.key("documents"); writer.int(link.documents)
            writer.key("linked"); writer.int(link.linked)
            writer.endObject()
        }
        writer.endArray()
        writer.key("link_methods")
        writer.beginObject()
        for (method, n) in report.linkMethods.sorted(by: { $0.key < $1.key }) { writer.key(method); writer.int(n) }
        writer.endObject()
        writer.key("triage")
        writer.beginObject()
        writer.key("detractors"); writer.int(report.triageCount)
        writer.key("signals")
        writer.beginObject()
        for (signal, n) in report.triageSignals.sorted(by: { $0.key < $1.key }) { writer.key(signal); writer.int(n) }
        writer.endObject()
        writer.endObject()
        writer.endObject()
        writer.newline()
        return writer.bytes
    }
}
