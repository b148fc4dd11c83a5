import Foundation
import EscuchaTestSupport
import Testing

/// Runs the built `escucha` binary, as a user would, and compares what it prints.
struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// The `escucha` executable next to the test bundle (debug or release, whichever is running).
let escuchaBinary: String = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [here, here.deletingLastPathComponent()] {
        let path = candidate.appendingPathComponent("escucha").path
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return "\(repositoryRoot)/.build/debug/escucha"
}()

func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: escuchaBinary)
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    process.currentDirectoryURL = URL(fileURLWithPath: repositoryRoot)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let stdin = Pipe()
    if input != nil { process.standardInput = stdin }
    try process.run()
    if let input {
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                         stderr: String(decoding: stderr, as: UTF8.self))
}

@Suite("escucha command")
struct CLITests {
    @Test("ingest writes documents to stdout and the reconciled counts to stderr")
    func ingestStdout() throws {
        let result = try run(["ingest", "corpora/encodings/utf8-bom-crlf.csv", "--timezone", "Europe/Madrid"])
        #expect(result.status == 0)
        let expected = """
        {"schema_version":"1.4","id":"reviews:utf8-bom-crlf/1","kind":"review","channel":"reviews:utf8-bom-crlf","timestamp":"2024-03-21T00:00:00+01:00","timestamp_raw":"21/03/2024","text":"¡Atención de diez! El envío llegó en 24 h, gracias a Begoña.","rating":5,"source":{"file":"corpora/encodings/utf8-bom-crlf.csv","line":2,"record":0,"offset":33,"encoding":"UTF-8"}}
        {"schema_version":"1.4","id":"reviews:utf8-bom-crlf/2","kind":"review","channel":"reviews:utf8-bom-crlf","timestamp":"2024-03-22T00:00:00+01:00","timestamp_raw":"22/03/2024","text":"Pésimo: me cobraron 49,90 € de más y nadie responde “ya lo miramos”…","rating":1,"source":{"file":"corpora/encodings/utf8-bom-crlf.csv","line":3,"record":1,"offset":115,"encoding":"UTF-8"}}
        {"schema_version":"1.4","id":"reviews:utf8-bom-crlf/3","kind":"review","channel":"reviews:utf8-bom-crlf","timestamp":"2024-03-23T00:00:00+01:00","timestamp_raw":"23/03/2024","text":"Bien, aunque la app falla — a veces.","rating":4,"source":{"file":"corpora/encodings/utf8-bom-crlf.csv","line":4,"record":2,"offset":210,"encoding":"UTF-8"}}

        """
        #expect(result.stdout == expected)
        #expect(result.stderr.contains("records read 3 = accepted 3 + rejected 0 (reconciles)"))
    }

    @Test("exit status 3 for a missing input, 2 for usage errors, 0 for --help")
    func exitCodes() throws {
        let missing = try run(["ingest", "corpora/no-such-folder"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no such file or folder: corpora/no-such-folder"))
        #expect(try run(["ingest", "--no-such-flag", "corpora/demo"]).status == 2)
        #expect(try run(["ingest", "--timezone", "Mars/Olympus", "corpora/demo"]).status == 2)
        #expect(try run(["ingest", "--map", "texto=X", "corpora/demo"]).status == 2)
        #expect(try run(["ingest", "--post-xpath", "//div[", "corpora/demo"]).status == 2)
        #expect(try run(["ingest"]).status == 2)
        let help = try run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Exit codes: 0 success"))
    }

    @Test("--strict exits 1 when records were rejected, and the rejects file holds them")
    func strict() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let rejects = scratch.file("rejects.jsonl")
        let result = try run(["ingest", "corpora/malformed/field-count.csv", "--strict", "-o", scratch.file("docs.jsonl"),
                              "--rejects", rejects])
        #expect(result.status == 1)
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.contains(#""reason":"csv_field_count""#) })
        #expect(try run(["ingest", "corpora/malformed/field-count.csv", "-o", scratch.file("docs.jsonl"),
                         "--rejects", scratch.file("r.jsonl")]).status == 0)
    }

    @Test("exit status 4 when the output cannot be written")
    func unwritable() throws {
        #expect(try run(["ingest", "corpora/encodings", "-o", "/proc/escucha/documents.jsonl"]).status == 4)
    }

    @Test("scan writes documents, rejects and a summary that agree with each other")
    func scan() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let folder = scratch.file("out")
        let result = try run(["scan", "corpora/demo", "--out", folder, "--reference-time", "2024-06-28T12:00:00Z"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("records read 875 = accepted 874 + rejected 1 (reconciles)"))
        #expect(result.stdout.contains("customer profile export"))
        let documents = try String(contentsOfFile: "\(folder)/documents.jsonl", encoding: .utf8).split(separator: "\n")
        let rejects = try String(contentsOfFile: "\(folder)/rejects.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(documents.count == 874)
        #expect(rejects.count == 1)
        // A review's title is scored on its own and read as its verdict; a forum post's (its thread's) is not.
        let titled = documents.first { $0.contains("\"title\":\"Cobrado y cancelado\"") }.map(String.init) ?? ""
        #expect(titled.contains("\"title_sentiment\":{\"compound\":-0.643,\"label\":\"neg\""))
        #expect(titled.contains("\"reasons\":[\"title compound -0.64 ≤ -0.30\",\"compound -0.43 < 0.55\"]"))
        #expect(!documents.contains { $0.contains("\"kind\":\"forum\"") && $0.contains("title_sentiment") })
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/summary.json"))) as? [String: Any]
        let totals = summary?["totals"] as? [String: Int]
        #expect(totals == ["read": 875, "accepted": 874, "rejected": 1])
        // Each source's sector, where one dominates its texts: a telecom survey is telecom; Google reviews of
        // taquerías, banks and hotels, or mentions of many brands, have none.
        let sectors = Dictionary(uniqueKeysWithValues: ((summary?["files"] as? [[String: Any]]) ?? []).map {
            (URL(fileURLWithPath: $0["file"] as? String ?? "").lastPathComponent, $0["sector"] as? String ?? "-")
        })
        #expect(sectors["nps-movilnet-2024t1.csv"] == "telecom" && sectors["encuesta-banco-austral.csv"] == "banking")
        #expect(sectors["discourse-aerosol-equipaje.html"] == "airline")
        #expect(sectors["google-reviews-latam.csv"] == "-" && sectors["menciones-marcas.jsonl"] == "-")
        let surveyRow = result.stdout.split(separator: "\n").first { $0.hasPrefix("corpora/demo/surveys/nps-movilnet-2024t1.csv") }
        #expect(surveyRow?.split(separator: " ").contains("telecom") == true)  // the table's sector column
        // Quiet when stderr is not a terminal: no progress line.
        #expect(result.stderr.isEmpty)
        // The README's quick start shows this same run (`scripts/demo`): from the profiles to the list of files
        // written, what it shows is what the command prints.
        let readme = try String(contentsOfFile: "\(repositoryRoot)/README.md", encoding: .utf8)
        func quickStart(_ text: String) -> String? {
            guard let start = text.range(of: "customer profiles: 48"), let end = text.range(of: "report:", range: start.upperBound..<text.endIndex)
            else { return nil }
            return String(text[start.lowerBound..<end.lowerBound])
        }
        #expect(quickStart(readme)?.replacingOccurrences(of: "escucha-out", with: folder) == quickStart(result.stdout))
    }

    @Test("--mask-personal-data masks emails, phones and ids in documents and rejects")
    func masking() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let output = scratch.file("masked.jsonl")
        let result = try run(["ingest", "corpora/demo/reviews/tienda-online-es.csv", "corpora/demo/surveys", "--mask-personal-data",
                              "-o", output])
        #expect(result.status == 0)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(!text.contains("@gmail.com"))
        #expect(!text.contains("\"customer_id\":\"C-"))
        #expect(text.contains(#""email":"[EMAIL]""#))
        #expect(text.contains(#""customer_id":"[ID]""#))
    }

    @Test("--map and --kind override what is detected")
    func overrides() throws {
        let result = try run(["ingest", "corpora/malformed/no-text-column.csv", "--map", "text=tienda", "--kind", "survey"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""kind":"survey","channel":"survey:no-text-column""#) == true)
        #expect(lines.first?.contains(#""text":"Madrid""#) == true)
    }
}

@Suite("Output schema")
struct OutputSchemaTests {
    @Test("every document and reject line written for corpora/ conforms to the published JSON Schema")
    func conforms() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let folder = scratch.file("schema")
        let result = try run(["scan", "corpora", "--out", folder, "--reference-time", "2024-06-28T12:00:00Z"])
        #expect(result.status == 0)
        let validator = try SchemaValidator(folder: "\(repositoryRoot)/docs/schema")
        for (file, schema) in [("documents.jsonl", "documents.schema.json"), ("rejects.jsonl", "rejects.schema.json")] {
            let lines = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8).split(separator: "\n")
            #expect(lines.count > 30)
            for line in lines {
                let value = try JSONSerialization.jsonObject(with: Data(line.utf8))
                let problems = validator.validate(value, against: schema)
                #expect(problems.isEmpty, "\(file): \(problems.joined(separator: "; ")) in \(line.prefix(200))")
            }
        }
    }

    @Test("the validator catches what it claims to")
    func validatorWorks() throws {
        let validator = try SchemaValidator(folder: "\(repositoryRoot)/docs/schema")
        let bad: [String: Any] = ["schema_version": "0.9", "id": "x", "kind": "tweet", "channel": "c", "text": "t",
                                  "rating": 7, "extra": 1, "source": ["file": "f", "record": 0]]
        let problems = validator.validate(bad, against: "documents.schema.json")
        #expect(problems.count == 5)  // schema_version, kind, rating, extra, source.encoding
    }
}

@Suite("escucha normalize")
struct NormalizeCommandTests {
    @Test("plain text lines in, tokens with offsets out; documents in, their ids kept")
    func lines() throws {
        let scratch = TemporaryFolder("escucha-cli")
        let input = scratch.file("texts.txt")
        try FileManager.default.createDirectory(atPath: (input as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "PÉSIMO servicio xq nadie contesta 😡\nllamad al +34 612 345 678\n".write(toFile: input, atomically: true, encoding: .utf8)
        let result = try run(["normalize", "--lines", input])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let tokens = first?["tokens"] as? [[String: Any]]
        #expect(tokens?.map { $0["surface"] as? String } == ["PÉSIMO", "servicio", "xq", "nadie", "contesta", "😡"])
        #expect(tokens?[2]["normalized"] as? String == "porque")
        #expect(tokens?[0]["emphasis"] as? [String] == ["all_caps"])
        #expect(tokens?[5]["utf16"] as? [Int] == [34, 36])
        #expect(tokens?[5]["utf8"] as? [Int] == [35, 39])  // É is two bytes, 😡 four
        let masked = try run(["normalize", "--lines", "--mask-personal-data", input])
        #expect(masked.stdout.contains(#""kind":"phone","surface":"[PHONE]""#))
        #expect(!masked.stdout.contains("612 345"))
        let ingested = scratch.file("documents.jsonl")
        #expect(try run(["ingest", "corpora/encodings/utf8-bom-crlf.csv", "-o", ingested]).status == 0)
        let documents = try run(["normalize", ingested])
        #expect(documents.stdout.split(separator: "\n").count == 3)
        #expect(documents.stdout.split(separator: "\n").first?.contains(#""id":"reviews:utf8-bom-crlf/1""#) == true)
    }

    @Test("--explain prints a table and the sentences")
    func explain() throws {
        let result = try run(["normalize", "--explain", "Hola Sr. López. #nuncamas"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("nunca + más"))
        #expect(result.stdout.contains("1. Hola Sr. López."))
        #expect(result.stdout.contains("2. #nuncamas"))
    }
}
