import EscuchaTestSupport
import Foundation
import Testing

@Suite("Scan, triage and report on the demo corpora")
struct TriageCommandTests {
    static let reference = ["--reference-time", "2024-06-28T12:00:00Z"]

    @Test("scan writes the queue, customers and report; triage and report on its documents give the same queue")
    func scanThenTriage() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let folder = scratch.file("triage-scan")
        let scan = try run(["scan", "corpora/demo", "--out", folder] + Self.reference)
        #expect(scan.status == 0)
        for name in ["documents.jsonl", "rejects.jsonl", "summary.json", "triage.csv", "triage.jsonl", "customers.jsonl", "report.html", "report.md", "report.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/\(name)"), "\(name) missing")
        }
        #expect(scan.stdout.contains("customer profiles: 48 from corpora/demo/customers.csv"))
        #expect(scan.stdout.contains("NPS declarado ") && scan.stdout.contains("linked to a customer: "))
        #expect(scan.stdout.contains("triage: ") && scan.stdout.contains("detractor drivers: "))
        let csv = try String(contentsOfFile: "\(folder)/triage.csv", encoding: .utf8)
        let again = try run(["triage", "\(folder)/documents.jsonl", "--format", "csv"])
        #expect(again.status == 0 && again.stdout == csv)
        // The queue is in priority order and holds only detractors.
        let rows = csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let priorities = rows.map { Double($0[1])! }
        #expect(priorities == priorities.sorted(by: >) && rows.count > 50)
        #expect(rows.allSatisfy { $0[16] == "detractor" })
        // Every linked survey answer carries the customer's segment; a stated class shows its score.
        let documents = try String(contentsOfFile: "\(folder)/documents.jsonl", encoding: .utf8).split(separator: "\n")
        let survey = try #require(documents.first { $0.contains("\"id\":\"survey:nps-movilnet-2024t1/NPS-24-0002\"") })
        #expect(survey.contains(#""class":{"value":"detractor","basis":"score","stated":{"value":"detractor","basis":"score","scale":"nps","from":3}"#))
        #expect(survey.contains(#""link":{"customer_id":"C-20004","method":"customer_id","name":"Fernando Castañeda Ruiz","segment":"particular""#))
        let report = try run(["report", "\(folder)/documents.jsonl", "--out", "\(folder)/again"])
        #expect(report.status == 0)
        #expect(try String(contentsOfFile: "\(folder)/again/report.json", encoding: .utf8) == String(contentsOfFile: "\(folder)/report.json", encoding: .utf8))
        // Filters.
        let legal = try run(["triage", "\(folder)/documents.jsonl", "--format", "jsonl", "--signal", "legal", "--channel", "twitter"])
        let legalRows = legal.stdout.split(separator: "\n")
        #expect(!legalRows.isEmpty && legalRows.allSatisfy { $0.contains(#""legal""#) && $0.contains(#""channel":"twitter""#) })
        let bad = try run(["triage", "\(folder)/summary.json"])
        #expect(bad.status == 2 && bad.stderr.contains("summary.json:1: not a scored document"))
    }

    @Test("with --mask-personal-data no output of the scan carries a customer id, an email or a phone")
    func masked() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let folder = scratch.file("triage-masked")
        #expect(try run(["scan", "corpora/demo", "--out", folder, "--mask-personal-data"] + Self.reference).status == 0)
        let ids = try String(contentsOfFile: "\(repositoryRoot)/corpora/demo/customers.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { String($0.prefix { $0 != "," }) }
        for name in ["documents.jsonl", "triage.csv", "triage.jsonl", "customers.jsonl", "report.html", "report.md"] {
            let text = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
            for id in ids { #expect(!text.contains("\"\(id)\"") && !text.contains(",\(id),") && !text.contains(">\(id) "), "\(id) in \(name)") }
            #expect(!text.contains("luciafer42@outlook.es") && !text.contains("@gmail.com"), "an email in \(name)")
        }
        let triage = try String(contentsOfFile: "\(folder)/triage.csv", encoding: .utf8)
        #expect(triage.contains("[ID]"))
    }

    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].contains { FileManager.default.isExecutableFile(atPath: $0) }

    /// CI installs Chromium (`.ci/run`); on a machine without it this test is reported as skipped.
    @Test("the HTML report renders in headless Chromium with its charts and fetches nothing", .enabled(if: chromium))
    func rendered() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let folder = scratch.file("triage-render")
        #expect(try run(["scan", "corpora/demo", "--out", folder] + Self.reference).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(repositoryRoot)/scripts/check-report")
        process.arguments = ["\(folder)/report.html", "\(folder)/report.png"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("charts drawn, nothing fetched"))
    }

    @Test("calibrate reports agreement with stated classes and the sweep")
    func calibrate() throws {
        let result = try run(["calibrate", "corpora/demo/surveys", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect((json["documents"] as? Int ?? 0) > 190)
        // The issue's target on the demo surveys: detractor recall 0.8 at precision 0.7.
        #expect((json["detractor_precision"] as? Double ?? 0) >= 0.70 && (json["detractor_recall"] as? Double ?? 0) >= 0.80)
        #expect((json["sweep"] as? [Any])?.count == 19)
    }
}
