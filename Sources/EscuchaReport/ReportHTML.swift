import EscuchaClassify
import EscuchaCore
import Foundation

/// The NPS report as one self-contained HTML file: inline CSS and SVG charts, no script, no font, no
/// image or link to fetch, so it opens offline and can be mailed. Labels are in Spanish.
public struct ReportHTML {
    public var report: NPSReport
    public var triage: TriageOutput
    public var title: String
    public var generated: String

    public init(report: NPSReport, triage: TriageOutput, title: String = "Informe NPS · Escucha", generated: String) {
        self.report = report
        self.triage = triage
        self.title = title
        self.generated = generated
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static func nps(_ count: NPSCount) -> String {
        guard let score = count.score else { return "—" }
        return String(format: "%+.0f", score)
    }

    static func margin(_ count: NPSCount) -> String {
        count.marginOfError.map { String(format: "±%.0f", $0) } ?? "—"
    }

    public func render() -> String {
        var html = """
        <!DOCTYPE html>
        <html lang="es">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Self.escape(title))</title>
        <style>
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;max-width:1100px;padding:24px;color:#1f2328;background:#fff}
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
        .muted{color:#57606a;font-size:13px}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
        .card{border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;min-width:150px}.card b{display:block;font-size:24px}
        table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        mark{background:#ffd8b5;padding:0 2px;border-radius:2px}.pos{color:#1a7f37}.neg{color:#cf222e}
        svg{max-width:100%;height:auto;font-family:inherit}figure{margin:12px 0}figcaption{font-size:13px;color:#57606a}
        </style>
        </head>
        <body>
        <h1>\(Self.escape(title))</h1>
        <p class="muted">Generado \(Self.escape(generated)) · \(report.overall.documents) documentos · NPS declarado (respuesta del cliente a 0–10, CSAT o estrellas) e inferido (del texto, solo donde no hay declarado) por separado · margen de error al 95 %</p>

        """
        html += cards()
        html += "<h2>NPS por canal</h2>\n" + figure(npsChart(report.breakdowns[.channel] ?? []), caption: "NPS de todos los documentos (declarado + inferido) por canal, con su margen de error al 95 %.")
        html += table(report.breakdowns[.channel] ?? [], dimension: .channel)
        html += "<h2>Volumen y sentimiento en el tiempo</h2>\n" + figure(timelineChart(report.breakdowns[.period] ?? []),
                                                                           caption: "Barras: documentos por \(report.period == .month ? "mes" : "semana"). Línea: sentimiento medio (−1 a 1).\(report.undated > 0 ? " \(report.undated) documentos sin fecha no aparecen." : "")")
        html += table(report.breakdowns[.period] ?? [], dimension: .period)
        html += "<h2>Qué mueve el NPS</h2>\n" + figure(driversChart(), caption: "Puntos de NPS que cada tema resta (rojo) o suma (verde): NPS total menos el NPS sin los documentos que lo mencionan. Temas con al menos \(NPSReport.minimumDriverMentions) menciones.")
        html += driversTable()
        for dimension in [NPSReport.Dimension.kind, .topic, .segment, .region] {
            guard let rows = report.breakdowns[dimension], !rows.isEmpty else { continue }
            html += "<h2>NPS por \(dimension.label.lowercased())</h2>\n" + table(rows, dimension: dimension)
        }
        html += linksSection()
        html += triageSection()
        html += "<p class=\"muted\">Escucha: análisis transparente de la voz del cliente en español. Cada puntuación se explica con `escucha explain`.</p>\n</body>\n</html>\n"
        return html
    }

    func cards() -> String {
        let all = report.overall.all, stated = report.overall.stated, inferred = report.overall.inferred
        func card(_ title: String, _ count: NPSCount) -> String {
            "<div class=\"card\">\(title)<b>\(Self.nps(count))</b><span class=\"muted\">\(Self.margin(count)) · n=\(count.n)</span></div>"
        }
        return "<div class=\"cards\">" + card("NPS declarado", stated) + card("NPS inferido", inferred) + card("NPS total", all)
            + "<div class=\"card\">Detractores en cola<b>\(report.triageCount)</b><span class=\"muted\">\(report.triageSignals.sorted { $0.value > $1.value }.prefix(3).map { "\($0.key) \($0.value)" }.joined(separator: " · "))</span></div></div>\n"
    }

    func figure(_ svg: String, caption: String) -> String {
        "<figure>\(svg)<figcaption>\(Self.escape(caption))</figcaption></figure>\n"
    }

    func table(_ rows: [NPSBreakdown], dimension: NPSReport.Dimension) -> String {
        var html = "<table><thead><tr><th>\(dimension.label)</th><th>docs</th><th>NPS declarado</th><th>±</th><th>n</th><th>NPS inferido</th><th>±</th><th>n</th><th>NPS total</th><th>±</th><th>sentimiento medio</th></tr></thead><tbody>\n"
        for row in rows {
            html += "<tr><td>\(Self.escape(row.key))</td><td class=\"n\">\(row.documents)</td>"
            for count in [row.stated, row.inferred] {
                html += "<td class=\"n\">\(Self.nps(count))</td><td class=\"n\">\(Self.margin(count))</td><td class=\"n\">\(count.n)</td>"
            }
            html += "<td class=\"n\"><b>\(Self.nps(row.all))</b></td><td class=\"n\">\(Self.margin(row.all))</td>"
            html += "<td class=\"n \(row.meanCompound < 0 ? "neg" : "pos")\">\(String(format: "%+.2f", row.meanCompound))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    /// Horizontal bars from −100 to 100 with the margin of error as a whisker.
    func npsChart(_ rows: [NPSBreakdown]) -> String {
        let shown = rows.filter { $0.all.n > 0 }
        let labelWidth = 260.0, plotWidth = 560.0, rowHeight = 26.0, top = 24.0
        let height = top + rowHeight * Double(shown.count) + 24
        let zero = labelWidth + plotWidth / 2
        func x(_ value: Double) -> Double { zero + value / 100 * plotWidth / 2 }
        var svg = "<svg class=\"chart\" data-chart=\"nps\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 80)) \(Int(height))\" role=\"img\" aria-label=\"NPS por canal\">"
        for tick in stride(from: -100, through: 100, by: 50) {
            svg += "<line x1=\"\(x(Double(tick)))\" y1=\"\(top - 6)\" x2=\"\(x(Double(tick)))\" y2=\"\(height - 18)\" stroke=\"#d0d7de\" stroke-width=\"\(tick == 0 ? 1.5 : 0.5)\"/>"
            svg += "<text x=\"\(x(Double(tick)))\" y=\"\(top - 10)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">\(tick)</text>"
        }
        for (index, row) in shown.enumerated() {
            let y = top + rowHeight * Double(index)
            let score = row.all.score ?? 0
            let left = min(x(score), zero), width = abs(x(score) - zero)
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" font-size=\"12\" text-anchor=\"end\">\(Self.escape(String(row.key.prefix(38))))</text>"
            svg += "<rect x=\"\(left)\" y=\"\(y + 5)\" width=\"\(max(width, 1))\" height=\"14\" fill=\"\(score < 0 ? "#cf222e" : "#1a7f37")\" opacity=\"0.8\"><title>\(Self.escape(row.key)): \(row.all.formatted)</title></rect>"
            if let margin = row.all.marginOfError {
                let low = x(max(-100, score - margin)), high = x(min(100, score + margin))
                svg += "<line x1=\"\(low)\" y1=\"\(y + 12)\" x2=\"\(high)\" y2=\"\(y + 12)\" stroke=\"#1f2328\" stroke-width=\"1\"/>"
                svg += "<line x1=\"\(low)\" y1=\"\(y + 8)\" x2=\"\(low)\" y2=\"\(y + 16)\" stroke=\"#1f2328\"/><line x1=\"\(high)\" y1=\"\(y + 8)\" x2=\"\(high)\" y2=\"\(y + 16)\" stroke=\"#1f2328\"/>"
            }
            svg += "<text x=\"\(labelWidth + plotWidth + 8)\" y=\"\(y + 16)\" font-size=\"12\">\(Self.nps(row.all)) (n=\(row.all.n))</text>"
        }
        return svg + "</svg>"
    }

    /// Bars for volume per period and a line for the mean compound.
    func timelineChart(_ rows: [NPSBreakdown]) -> String {
        let width = 840.0, height = 260.0, left = 48.0, right = 48.0, top = 16.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let maxVolume = Double(max(rows.map(\.documents).max() ?? 1, 1))
        let step = plotWidth / Double(max(rows.count, 1))
        var svg = "<svg class=\"chart\" data-chart=\"timeline\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"Volumen y sentimiento en el tiempo\">"
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(left + plotWidth)\" y2=\"\(top + plotHeight)\" stroke=\"#8c959f\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(top + 10)\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">\(Int(maxVolume))</text>"
        svg += "<text x=\"\(left + plotWidth + 6)\" y=\"\(top + 10)\" font-size=\"11\" fill=\"#57606a\">+1</text><text x=\"\(left + plotWidth + 6)\" y=\"\(top + plotHeight)\" font-size=\"11\" fill=\"#57606a\">−1</text>"
        let middle = top + plotHeight / 2
        svg += "<line x1=\"\(left)\" y1=\"\(middle)\" x2=\"\(left + plotWidth)\" y2=\"\(middle)\" stroke=\"#d0d7de\" stroke-dasharray=\"4 3\"/>"
        var points: [String] = []
        for (index, row) in rows.enumerated() {
            let barHeight = Double(row.documents) / maxVolume * plotHeight
            let x = left + step * Double(index)
            svg += "<rect x=\"\(x + step * 0.15)\" y=\"\(top + plotHeight - barHeight)\" width=\"\(step * 0.7)\" height=\"\(barHeight)\" fill=\"#54aeff\" opacity=\"0.6\"><title>\(Self.escape(row.key)): \(row.documents) documentos, sentimiento \(String(format: "%+.2f", row.meanCompound))</title></rect>"
            let y = middle - row.meanCompound * plotHeight / 2
            points.append("\(x + step / 2),\(y)")
            svg += "<circle cx=\"\(x + step / 2)\" cy=\"\(y)\" r=\"3\" fill=\"#cf222e\"/>"
            if rows.count <= 16 || index % 2 == 0 {
                svg += "<text x=\"\(x + step / 2)\" y=\"\(height - bottom + 16)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">\(Self.escape(row.key))</text>"
            }
        }
        if points.count > 1 { svg += "<polyline points=\"\(points.joined(separator: " "))\" fill=\"none\" stroke=\"#cf222e\" stroke-width=\"2\"/>" }
        return svg + "</svg>"
    }

    func driversChart() -> String {
        let rows = Array(report.detractorDrivers.prefix(8)) + Array(report.praiseDrivers.prefix(6))
        let labelWidth = 300.0, plotWidth = 500.0, rowHeight = 24.0, top = 12.0
        let height = top + rowHeight * Double(max(rows.count, 1)) + 12
        let scale = max(rows.map { abs($0.impact) }.max() ?? 1, 1)
        let zero = labelWidth + plotWidth / 2
        var svg = "<svg class=\"chart\" data-chart=\"drivers\" viewBox=\"0 0 \(Int(labelWidth + plotWidth + 90)) \(Int(height))\" role=\"img\" aria-label=\"Temas que mueven el NPS\">"
        svg += "<line x1=\"\(zero)\" y1=\"\(top - 4)\" x2=\"\(zero)\" y2=\"\(height - 8)\" stroke=\"#8c959f\"/>"
        for (index, driver) in rows.enumerated() {
            let y = top + rowHeight * Double(index)
            let width = abs(driver.impact) / scale * plotWidth / 2
            let x = driver.impact < 0 ? zero - width : zero
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\">\(Self.escape(String(driver.label.prefix(40))))</text>"
            svg += "<rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(max(width, 1))\" height=\"14\" fill=\"\(driver.impact < 0 ? "#cf222e" : "#1a7f37")\" opacity=\"0.8\"><title>\(Self.escape(driver.label)): \(String(format: "%+.1f", driver.impact)) puntos, n=\(driver.count.n)</title></rect>"
            svg += "<text x=\"\(labelWidth + plotWidth + 8)\" y=\"\(y + 15)\" font-size=\"12\">\(String(format: "%+.1f", driver.impact)) (n=\(driver.count.n))</text>"
        }
        return svg + "</svg>"
    }

    func driversTable() -> String {
        var html = "<table><thead><tr><th>Tema</th><th>menciones</th><th>menciones negativas</th><th>NPS con el tema</th><th>impacto en el NPS</th></tr></thead><tbody>\n"
        for driver in report.detractorDrivers.prefix(10) + report.praiseDrivers.prefix(10) {
            html += "<tr><td>\(Self.escape(driver.label))</td><td class=\"n\">\(driver.count.n)</td><td class=\"n\">\(driver.negativeMentions)</td><td class=\"n\">\(Self.nps(driver.count))</td>"
            html += "<td class=\"n \(driver.impact < 0 ? "neg" : "pos")\">\(String(format: "%+.1f", driver.impact))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    func linksSection() -> String {
        var html = "<h2>Vinculación con clientes</h2>\n<table><thead><tr><th>Fuente</th><th>documentos</th><th>vinculados</th><th>tasa</th></tr></thead><tbody>\n"
        for link in report.links {
            let rate = link.documents == 0 ? 0 : 100 * Double(link.linked) / Double(link.documents)
            html += "<tr><td>\(Self.escape(link.channel))</td><td class=\"n\">\(link.documents)</td><td class=\"n\">\(link.linked)</td><td class=\"n\">\(String(format: "%.0f %%", rate))</td></tr>\n"
        }
        let methods = report.linkMethods.sorted { $0.value > $1.value }.map { "\($0.key): \($0.value)" }.joined(separator: " · ")
        return html + "</tbody></table>\n<p class=\"muted\">Por método: \(Self.escape(methods.isEmpty ? "ninguno" : methods))</p>\n"
    }

    func triageSection() -> String {
        var html = "<h2>Cola de detractores</h2>\n<p class=\"muted\">\(report.triageCount) detractores, ordenados por prioridad (gravedad, valor del cliente, recencia, alcance y quejas repetidas; ver README). Los 15 primeros:</p>\n"
        html += "<table><thead><tr><th>#</th><th>prioridad</th><th>cliente</th><th>canal</th><th>fecha</th><th>clase</th><th>temas</th><th>señales</th><th>fragmento</th></tr></thead><tbody>\n"
        let masker = triage.masker
        for (index, row) in report.triage.prefix(15).enumerated() {
            let record = row.record
            let snippet = record.snippet.rendered(open: "<mark>", close: "</mark>", escape: { Self.escape(masker?.mask(text: $0) ?? $0) })
            html += "<tr><td class=\"n\">\(index + 1)</td><td class=\"n\">\(String(format: "%.1f", row.priority.total))</td><td>\(Self.escape(triage.customerCell(record)))</td>"
            html += "<td>\(Self.escape(record.channel))</td><td>\(TriageOutput.date(record))</td><td>\(Self.escape(TriageOutput.classCell(record)))</td>"
            html += "<td>\(Self.escape(TriageOutput.topics(record)))</td><td>\(Self.escape(record.signals.joined(separator: ", ")))</td><td>\(snippet)</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }
}
