import EscuchaClassify
import EscuchaCore
import Foundation

/// The triage queue written for people (an aligned table), spreadsheets (CSV) and pipelines (JSON Lines).
/// With a masker, customer ids are `[ID]` and emails and phone numbers in snippets are masked; names
/// and public handles stay, as in every Escucha output.
public struct TriageOutput {
    public var masker: PersonalDataMasker?

    public init(masker: PersonalDataMasker? = nil) { self.masker = masker }

    func customerCell(_ record: FeedbackRecord) -> String {
        if let customer = record.customer {
            let id = masker == nil ? customer.id : PersonalDataMasker.idMask
            return [id, customer.name].compactMap { $0 }.joined(separator: " ")
        }
        return record.author ?? "—"
    }

    func snippet(_ record: FeedbackRecord) -> String {
        let masker = self.masker
        return record.snippet.rendered(open: "**", close: "**", escape: { masker?.mask(text: $0) ?? $0 })
    }

    static func classCell(_ record: FeedbackRecord) -> String {
        guard let value = record.value, let basis = record.basis else { return "—" }
        if let stated = record.stated {
            let number = stated.from.rounded() == stated.from ? String(Int(stated.from)) : String(stated.from)
            let scale = stated.scale == .nps ? "NPS \(number)" : stated.scale == .csat ? "CSAT \(number)" : "\(number)★"
            return "\(value.label) (\(scale))"
        }
        return "\(value.label) (\(basis == .text ? "texto" : basis.rawValue))"
    }

    static func date(_ record: FeedbackRecord) -> String {
        guard let time = record.timestamp else { return "—" }
        return String(time.iso8601.prefix(10))
    }

    static func topics(_ record: FeedbackRecord, limit: Int = 3) -> String {
        // The most negative topics first: those are the reasons.
        record.topics.sorted { $0.value < $1.value }.prefix(limit).map(\.label).joined(separator: ", ")
    }

    /// An aligned table; each row's snippet goes on the line below it, indented, cut to `width`.
    public func table(_ rows: [TriageRow], limit: Int? = nil, width: Int = 160) -> String {
        var cells: [[String]] = [["#", "prioridad", "cliente", "canal", "fecha", "clase", "temas", "señales"]]
        var snippets: [String] = [""]
        for (index, row) in rows.prefix(limit ?? rows.count).enumerated() {
            let record = row.record
            let cut = { (text: String) in
                let shown = Self.printable(text)
                return shown.count > 34 ? String(shown.prefix(33)) + "…" : shown
            }
            cells.append([String(index + 1), String(format: "%.1f", row.priority.total), cut(customerCell(record)), cut(record.channel),
                          Self.date(record), Self.classCell(record), cut(Self.topics(record, limit: 2)), record.signals.joined(separator: ",")])
            snippets.append(Self.printable(snippet(record)))
        }
        let widths = cells[0].indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in cells.enumerated() {
            let line = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return column <= 1 ? pad + cell : cell + pad
            }.joined(separator: "  ")
            lines.append(line.trimmingCharacters(in: .whitespaces))
            if index == 0 {
                lines.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "))
            } else {
                let room = max(40, width - 6)
                let text = snippets[index]
                lines.append("      " + (text.count > room ? String(text.prefix(room - 1)) + "…" : text))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Customer text made safe for a terminal: line breaks and tabs become spaces (a snippet stays on its line),
    /// and control characters, escape sequences and bidirectional overrides, which would move the cursor or
    /// reverse the rest of the line, become `�`.
    public static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnprintable) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            default: out.append(isUnprintable(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    static func isUnprintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    public static let csvHeader = ["rank", "priority", "severity", "value", "recency", "reach", "repeat", "customer_id", "customer", "link_method",
                                   "segment", "opt_out", "author", "channel", "kind", "date", "class", "basis", "stated_from", "inferred_class",
                                   "compound", "topics", "signals", "other_complaints", "document_id", "snippet"]

    /// RFC 4180 CSV with a header; the snippet's driving phrases are marked `**like this**`.
    public func csv(_ rows: [TriageRow]) -> String {
        var out = Self.csvHeaderLine
        for (index, row) in rows.enumerated() { out += csvLine(row, rank: index + 1) }
        return out
    }

    public static var csvHeaderLine: String { csvHeader.joined(separator: ",") + "\r\n" }

    /// One row of the CSV, its line break included.
    public func csvLine(_ row: TriageRow, rank: Int) -> String {
        let record = row.record, priority = row.priority
        let fields: [String] = [
            String(rank), String(format: "%.1f", priority.total), String(format: "%.3f", priority.severity), String(format: "%.3f", priority.value),
            String(format: "%.3f", priority.recency), String(format: "%.3f", priority.reach), String(format: "%.3f", priority.repeats),
            record.customer.map { masker == nil ? $0.id : PersonalDataMasker.idMask } ?? "", record.customer?.name ?? "",
            record.customer?.method ?? "", record.customer?.segment ?? "", record.customer.map { $0.optOut ? "yes" : "no" } ?? "",
            record.author ?? "", record.channel, record.kind.rawValue, Self.date(record), record.value?.rawValue ?? "",
            record.basis?.rawValue ?? "", record.stated.map { Self.number($0.from) } ?? "", record.inferred?.value.rawValue ?? "",
            String(format: "%.3f", record.compound), record.topics.map(\.id).joined(separator: ";"), record.signals.joined(separator: ";"),
            String(row.otherComplaints), record.id, snippet(record),
        ]
        return fields.map(Self.csvField).joined(separator: ",") + "\r\n"
    }

    static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(value)
    }

    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One JSON object per row, with the priority's parts and the snippet's marks as byte ranges.
    public func jsonLines(_ rows: [TriageRow]) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: rows.count * 600)
        for (index, row) in rows.enumerated() { jsonLine(row, rank: index + 1, to: &writer) }
        return writer.bytes
    }

    /// One row of the JSON Lines, its newline included.
    public func jsonLine(_ row: TriageRow, rank: Int, to writer: inout JSONWriter) {
        let record = row.record
        writer.beginObject()
        writer.key("rank"); writer.int(rank)
        writer.key("priority"); writer.number(row.priority.total, decimals: 1)
        writer.key("parts")
        writer.beginObject()
        writer.key("severity"); writer.number(row.priority.severity, decimals: 3)
        writer.key("value"); writer.number(row.priority.value, decimals: 3)
        writer.key("recency"); writer.number(row.priority.recency, decimals: 3)
        writer.key("reach"); writer.number(row.priority.reach, decimals: 3)
        writer.key("repeat"); writer.number(row.priority.repeats, decimals: 3)
        writer.endObject()
        writer.member("document_id", record.id)
        if let customer = record.customer {
            writer.key("customer")
            writer.beginObject()
            writer.member("id", masker == nil ? customer.id : PersonalDataMasker.idMask)
            writer.member("name", customer.name)
            writer.member("method", customer.method)
            writer.member("segment", customer.segment)
            writer.key("opt_out"); writer.bool(customer.optOut)
            writer.endObject()
        }
        writer.member("author", record.author)
        writer.member("channel", record.channel)
        writer.member("kind", record.kind.rawValue)
        writer.member("timestamp", record.timestamp?.iso8601)
        writer.member("class", record.value?.rawValue)
        writer.member("basis", record.basis?.rawValue)
        writer.key("compound"); writer.number(record.compound, decimals: 3)
        writer.key("topics"); writer.beginArray(); for topic in record.topics { writer.string(topic.id) }; writer.endArray()
        writer.key("signals"); writer.beginArray(); for signal in record.signals { writer.string(signal) }; writer.endArray()
        writer.key("other_complaints"); writer.int(row.otherComplaints)
        writer.member("snippet", snippet(record))
        writer.endObject()
        writer.newline()
    }
}
