// escucha-bench: generates at least 200 MB per source kind from corpora/demo and measures the release
// `escucha ingest` on each (all cores, then one core): MB/s as the median of several runs, and peak
// memory. Beside them, in the same run, the baselines a reviewer asks for: libxml2's parse alone on the
// same pages, CSV.swift on the same CSV, Foundation's JSONSerialization on the same JSON Lines.
// Thresholds in thresholds.json fail the run when a figure regresses.
import CSV
import Dispatch
import EscuchaIngest
import EscuchaNormalize
import EscuchaSentiment
import EscuchaText
import Foundation

struct Settings {
    var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    var megabytes = 200
    var runs = 3
    var escucha: String?
    var only: Set<String> = []

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--size-mb": megabytes = Int(iterator.next() ?? "") ?? megabytes
            case "--runs": runs = Int(iterator.next() ?? "") ?? runs
            case "--escucha": escucha = iterator.next()
            case "--only": only = Set((iterator.next() ?? "").split(separator: ",").map(String.init))
            default:
                print("usage: escucha-bench [--size-mb N] [--runs N] [--escucha PATH] [--only csv,jsonl,...]")
                exit(2)
            }
        }
    }

    var data: String { "\(root)/Benchmarks/data" }
    var binary: String { escucha ?? "\(root)/.build/release/escucha" }
    var targetBytes: Int { megabytes * 1_000_000 }
}

// MARK: Corpus generation (deterministic: the demo corpora repeated to size)

func bytes(_ path: String) -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }

/// Writes `header` then `body` repeated until the file holds at least `target` bytes.
func repeatToSize(_ path: String, header: [UInt8], body: [UInt8], separator: [UInt8] = [], footer: [UInt8] = [], target: Int) {
    if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size >= target { return }
    FileManager.default.createFile(atPath: path, contents: nil)
    let handle = FileHandle(forWritingAtPath: path)!
    var written = header.count
    handle.write(Data(header))
    var first = true
    while written < target {
        if !first { handle.write(Data(separator)); written += separator.count }
        handle.write(Data(body))
        written += body.count
        first = false
    }
    handle.write(Data(footer))
    try? handle.close()
}

func splitFirstLine(_ data: [UInt8]) -> (header: [UInt8], body: [UInt8]) {
    var start = 0
    if data.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
    let newline = data[start...].firstIndex(of: 0x0A)!
    var body = Array(data[(newline + 1)...])
    if body.last != 0x0A { body.append(0x0A) }
    return (Array(data[start...newline]), body)
}

func generate(_ settings: Settings) throws -> [(name: String, path: String)] {
    let demo = "\(settings.root)/corpora/demo"
    let data = settings.data
    try FileManager.default.createDirectory(atPath: "\(data)/forums", withIntermediateDirectories: true)
    let target = settings.targetBytes

    let reviews = splitFirstLine(bytes("\(demo)/reviews/tienda-online-es.csv"))
    repeatToSize("\(data)/reviews.csv", header: reviews.header, body: reviews.body, target: target)

    let surveys = splitFirstLine(bytes("\(demo)/surveys/nps-movilnet-2024t1.csv"))
    repeatToSize("\(data)/surveys.csv", header: surveys.header, body: surveys.body, target: target)

    var social = bytes("\(demo)/social/menciones-marcas.jsonl")
    if social.last != 0x0A { social.append(0x0A) }
    repeatToSize("\(data)/social.jsonl", header: [], body: social, target: target)

    // A JSON array of app reviews.
    let appLines = String(decoding: bytes("\(demo)/reviews/app-resenas.jsonl"), as: UTF8.self)
        .split(separator: "\n").joined(separator: ",\n")
    repeatToSize("\(data)/reviews-array.json", header: Array("[\n".utf8), body: Array(appLines.utf8),
                 separator: Array(",\n".utf8), footer: Array("\n]\n".utf8), target: target)

    // One X API v2 response object with its tweets repeated (read in two passes: users, then data).
    let x = try JSONParser.parse(bytes("\(demo)/social/x-api-v2-movilnet.json"))
    let tweets = (x["data"]?.arrayValue ?? []).map(\.compactJSON).joined(separator: ",\n")
    let includes = x["includes"]?.compactJSON ?? "{}"
    repeatToSize("\(data)/x-v2.json", header: Array("{\"data\": [\n".utf8), body: Array(tweets.utf8),
                 separator: Array(",\n".utf8), footer: Array("\n],\n\"includes\": \(includes)\n}\n".utf8), target: target)

    // Forum pages: the six demo pages copied until the folder holds the target size.
    let pages = try FileManager.default.contentsOfDirectory(atPath: "\(demo)/forums").filter { $0.hasSuffix(".html") }.sorted()
    var total = 0
    var index = 0
    let existing = (try? FileManager.default.contentsOfDirectory(atPath: "\(data)/forums")) ?? []
    if existing.isEmpty {
        while total < target {
            let page = bytes("\(demo)/forums/\(pages[index % pages.count])")
            FileManager.default.createFile(atPath: String(format: "%@/forums/%06d-%@", data, index, pages[index % pages.count]),
                                           contents: Data(page))
            total += page.count
            index += 1
        }
    }
    return [("csv (reviews)", "\(data)/reviews.csv"), ("csv (surveys)", "\(data)/surveys.csv"),
            ("jsonl (social)", "\(data)/social.jsonl"), ("json array (reviews)", "\(data)/reviews-array.json"),
            ("json X v2 object (social)", "\(data)/x-v2.json"), ("html (forums)", "\(data)/forums")]
}

// MARK: Measuring the real binary

struct Measurement {
    var seconds: Double
    var peakKilobytes: Int
}

/// Runs `escucha ingest PATH -o /dev/null` and reports wall time and the child's peak RSS (wait4).
func measure(_ binary: String, _ path: String, jobs: Int?) -> Measurement {
    var arguments = [binary, "ingest", path, "-o", "/dev/null", "--rejects", "/dev/null"]
    if let jobs { arguments += ["--jobs", String(jobs)] }
    return measure(arguments)
}

/// Runs a command with stdout and stderr to /dev/null: wall time and peak resident memory.
func measure(_ arguments: [String]) -> Measurement {
    let binary = arguments[0]
    var pid: pid_t = 0
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
    if arguments[1] != "ingest" { posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0) }
    let argv = arguments.map { strdup($0) } + [nil]
    let start = Date()
    let status = posix_spawn(&pid, binary, &fileActions, nil, argv, environ)
    precondition(status == 0, "cannot run \(binary): build it with `swift build -c release` first")
    var usage = rusage()
    var exitStatus: Int32 = 0
    wait4(pid, &exitStatus, 0, &usage)
    let seconds = Date().timeIntervalSince(start)
    argv.forEach { free($0) }
    posix_spawn_file_actions_destroy(&fileActions)
    return Measurement(seconds: seconds, peakKilobytes: usage.ru_maxrss)
}

func size(of path: String) -> Int {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return 0 }
    guard isDirectory.boolValue else { return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 }
    return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).reduce(0) { $0 + size(of: "\(path)/\($1)") }
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

// MARK: Baselines in this process (one core)

func timeIt(_ body: () -> Void) -> Double {
    let start = Date()
    body()
    return Date().timeIntervalSince(start)
}

/// The first `limit` bytes of a file, cut at a line end.
func prefix(_ path: String, _ limit: Int) -> [UInt8] {
    let handle = FileHandle(forReadingAtPath: path)!
    var data = Array(handle.readData(ofLength: limit))
    if let last = data.lastIndex(of: 0x0A) { data.removeSubrange((last + 1)...) }
    return data
}

func libxml2Baseline(_ folder: String) -> (megabytesPerSecond: Double, bytes: Int) {
    let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { "\(folder)/\($0)" }
    let pages = files.prefix(1500).map { path -> [UInt8] in
        // Parse-alone baseline on UTF-8 input, as the reader passes it after decoding.
        let raw = bytes(path)
        return Array(String(decoding: raw, as: UTF8.self).utf8)
    }
    let total = pages.reduce(0) { $0 + $1.count }
    let seconds = median((0..<3).map { _ in
        timeIt { for page in pages { _ = page.withUnsafeBufferPointer { ForumPageReader.parseOnly(utf8: $0) } } }
    })
    return (Double(total) / 1e6 / seconds, total)
}

func csvSwiftBaseline(_ path: String) -> Double {
    let data = prefix(path, 50_000_000)
    let seconds = median((0..<3).map { _ in
        timeIt {
            let reader = try! CSVReader(stream: InputStream(data: Data(data)), hasHeaderRow: true, delimiter: ";")
            var rows = 0
            while reader.next() != nil { rows += 1 }
        }
    })
    return Double(data.count) / 1e6 / seconds
}

func jsonBaselines(_ path: String) -> (foundation: Double, escucha: Double) {
    let data = prefix(path, 50_000_000)
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    for (index, byte) in data.enumerated() where byte == 0x0A {
        lines.append(data[start..<index])
        start = index + 1
    }
    let foundation = median((0..<3).map { _ in
        timeIt { for line in lines { _ = try? JSONSerialization.jsonObject(with: Data(line)) } }
    })
    let ours = median((0..<3).map { _ in
        timeIt { for line in lines { _ = try? JSONParser.parse(line) } }
    })
    return (Double(data.count) / 1e6 / foundation, Double(data.count) / 1e6 / ours)
}

// MARK: Main

let settings = Settings(arguments: CommandLine.arguments)
guard FileManager.default.isExecutableFile(atPath: settings.binary) else {
    print("escucha-bench: \(settings.binary) not found; run `swift build -c release` at the repository root first")
    exit(2)
}
print("Generating corpora of at least \(settings.megabytes) MB per kind under \(settings.data) …")
let corpora = try generate(settings).filter { settings.only.isEmpty || settings.only.contains(where: $0.name.hasPrefix) }

// MARK: Scan (issue 6): the whole job on social posts at two sizes. Its memory should not follow the input:
// only the detractors' places are held (the records wait in a temporary file). Measured before this process
// grows: a spawned child's peak memory counts its parent's at the time of the spawn (vfork, then exec).
var scanRows: [(megabytes: Double, seconds: Double, peakMB: Double)] = []
if settings.only.isEmpty || settings.only.contains("scan") {
    let source = "\(settings.data)/social.jsonl"
    print("\nescucha scan of social posts (full analysis, report and triage), all cores, one run each:")
    for fraction in [4, 1] {
        let folder = "\(settings.data)/scan-\(fraction)"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/social.jsonl"
        if size(of: path) == 0 {
            // Whole lines, cut by `head` so that this process never holds the file.
            let shell = Process()
            shell.executableURL = URL(fileURLWithPath: "/bin/sh")
            shell.arguments = ["-c", "head -c \(size(of: source) / fraction) '\(source)' | head -n -1 > '\(path)'"]
            try shell.run()
            shell.waitUntilExit()
        }
        let output = NSTemporaryDirectory() + "/escucha-bench-scan"
        let run = measure([settings.binary, "scan", folder, "-o", output, "--lexicons", "\(settings.root)/lexicons/es"])
        try? FileManager.default.removeItem(atPath: output)
        let megabytes = Double(size(of: path)) / 1e6
        scanRows.append((megabytes, run.seconds, Double(run.peakKilobytes) / 1024))
        print(String(format: "  %.0f MB: %.1f MB/s, peak %.1f MB", megabytes, megabytes / run.seconds, Double(run.peakKilobytes) / 1024))
    }
}

let cores = ProcessInfo.processInfo.activeProcessorCount
print("Measuring \(settings.binary) (\(settings.runs) runs each, median; \(cores) cores)\n")

struct Row {
    var name: String
    var megabytes: Double
    var allCores: Double
    var oneCore: Double
    var peakMB: Double
}

var rows: [Row] = []
for corpus in corpora {
    let megabytes = Double(size(of: corpus.path)) / 1e6
    let parallel = (0..<settings.runs).map { _ in measure(settings.binary, corpus.path, jobs: nil) }
    let single = (0..<settings.runs).map { _ in measure(settings.binary, corpus.path, jobs: 1) }
    let row = Row(name: corpus.name, megabytes: megabytes,
                  allCores: megabytes / median(parallel.map(\.seconds)),
                  oneCore: megabytes / median(single.map(\.seconds)),
                  peakMB: Double((parallel + single).map(\.peakKilobytes).max() ?? 0) / 1024)
    rows.append(row)
    let name = row.name.padding(toLength: 28, withPad: " ", startingAt: 0)
    print(name + String(format: "%7.1f MB  %7.1f MB/s (%d cores)  %7.1f MB/s (1 core)  peak %6.1f MB",
                        row.megabytes, row.allCores, cores, row.oneCore, row.peakMB))
}

print("\nBaselines on the same data, in this process, one core:")
var baselines: [String: Double] = [:]
if settings.only.isEmpty || settings.only.contains("html") {
    let xml = libxml2Baseline("\(settings.data)/forums")
    baselines["libxml2 parse alone"] = xml.megabytesPerSecond
    print(String(format: "  libxml2 htmlReadMemory alone (%.0f MB of pages): %.1f MB/s", Double(xml.bytes) / 1e6, xml.megabytesPerSecond))
}
if settings.only.isEmpty || settings.only.contains("csv") {
    let csvSwift = csvSwiftBaseline("\(settings.data)/reviews.csv")
    baselines["CSV.swift 2.5.2"] = csvSwift
    print(String(format: "  CSV.swift 2.5.2 reading rows (50 MB of the reviews CSV): %.1f MB/s", csvSwift))
}
if settings.only.isEmpty || settings.only.contains("jsonl") {
    let json = jsonBaselines("\(settings.data)/social.jsonl")
    baselines["JSONSerialization"] = json.foundation
    print(String(format: "  Foundation JSONSerialization, one object per line (50 MB): %.1f MB/s", json.foundation))
    print(String(format: "  Escucha JSONParser, same lines: %.1f MB/s", json.escucha))
}

// MARK: Normalization (issue 3): tokens per core, beside ICU's word break alone on the same text.

func demoTexts(_ root: String) -> [String] {
    let options = IngestOptions(dates: ExportDateParser(reference: .init(secondsSinceEpoch: 0)))
    var texts: [String] = []
    _ = IngestEngine(options: options).run(files: InputWalker.expand(["\(root)/corpora/demo"]).files,
                                           transform: { $0.map(\.text) }, emit: { texts.append(contentsOf: $0.payload) })
    return texts
}

var normalizationRows: [(String, Double)] = []
if settings.only.isEmpty || settings.only.contains("normalize") {
    let normalizer = try Normalizer(lexiconDirectory: ProcessInfo.processInfo.environment["ESCUCHA_LEXICONS"] ?? "\(settings.root)/lexicons/es")
    let base = demoTexts(settings.root)
    var texts: [String] = []
    var total = 0
    // At least 50 MB of the demo texts, repeated (the social texts are most of them by count).
    while total < 50_000_000 {
        for text in base { texts.append(text); total += text.utf8.count }
    }
    let megabytes = Double(total) / 1e6
    let oneCore = median((0..<settings.runs).map { _ in timeIt { for text in texts { _ = normalizer.normalize(text) } } })
    let icu = median((0..<settings.runs).map { _ in timeIt { for text in texts { _ = ICU.breaks(.word, in: text) } } })
    let chunks = cores * 8
    let allCores = median((0..<settings.runs).map { _ in
        timeIt {
            nonisolated(unsafe) let shared = texts
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var index = chunk
                while index < shared.count {
                    _ = normalizer.normalize(shared[index])
                    index += chunks
                }
            }
        }
    })
    normalizationRows = [("normalize (1 core)", megabytes / oneCore), ("normalize (\(cores) cores)", megabytes / allCores),
                         ("ICU word break alone (1 core)", megabytes / icu)]
    print(String(format: "\nNormalization + tokenization of %.0f MB of demo texts (%d texts):", megabytes, texts.count))
    for (name, value) in normalizationRows { print(String(format: "  %@: %.1f MB/s", name, value)) }
}

// MARK: Sentiment (issue 4): `escucha score --lines` end to end, beside VADER 3.3.2 on the same lines.

/// Texts one per line (line breaks inside a text become spaces), repeated to at least `target` bytes.
func writeLines(_ texts: [String], to path: String, target: Int) {
    if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size >= target { return }
    var body: [UInt8] = []
    for text in texts { body += Array(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ").utf8) + [0x0A] }
    repeatToSize(path, header: [], body: body, target: target)
}

/// VADER in a virtual environment of its own (Benchmarks/.venv), installed from PyPI on first use.
func vaderMegabytesPerSecond(_ path: String, limit: Int) -> Double? {
    let venv = "\(settings.root)/Benchmarks/.venv"
    func shell(_ command: String) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try? process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
    if !FileManager.default.fileExists(atPath: "\(venv)/bin/python") {
        guard shell("python3 -m venv '\(venv)' && '\(venv)/bin/pip' install -q vaderSentiment==3.3.2").status == 0 else { return nil }
    }
    let result = shell("'\(venv)/bin/python' '\(settings.root)/Benchmarks/vader_baseline.py' '\(path)' \(limit)")
    guard result.status == 0 else { return nil }
    return result.output.split(separator: " ").first.flatMap { Double($0) }
}

var scoreRows: [(String, Double, Double)] = []
var vaderRate: Double?
var longTextRate: Double?
if settings.only.isEmpty || settings.only.contains("score") {
    let base = demoTexts(settings.root)
    let sizes = [20, 60]
    print("\nescucha score --lines (normalization included), sentiment only and with topics, signals and emotions, medians of \(settings.runs):")
    for target in sizes {
        let path = "\(settings.data)/score-\(target)mb.txt"
        writeLines(base, to: path, target: target * 1_000_000)
        let megabytes = Double(size(of: path)) / 1e6
        for (label, extra) in [("sentiment only", ["--sentiment-only"]), ("full analysis", [])] {
            let arguments = [settings.binary, "score", "--lines", "--lexicons", "\(settings.root)/lexicons/es", path] + extra
            let one = (0..<settings.runs).map { _ in measure(arguments + ["--jobs", "1"]) }
            let all = (0..<settings.runs).map { _ in measure(arguments) }
            let peak = Double((one + all).map(\.peakKilobytes).max() ?? 0) / 1024
            if extra.isEmpty == false {
                scoreRows.append(("score \(target) MB (1 core)", megabytes / median(one.map(\.seconds)), peak))
            }
            print(String(format: "  %.0f MB, %@: %.1f MB/s (1 core)  %.1f MB/s (%d cores)  peak %.1f MB", megabytes, label,
                         megabytes / median(one.map(\.seconds)), megabytes / median(all.map(\.seconds)), cores, peak))
        }
    }
    // One very long text (the demo texts run together into one 2 MB line, few sentence breaks): any rule
    // that is quadratic in a sentence's or a text's length shows here long before it shows on the corpus.
    let longPath = "\(settings.data)/score-long-line.txt"
    if size(of: longPath) == 0 {
        var line: [UInt8] = []
        while line.count < 2_000_000 { for text in base { line += Array(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: ".", with: ",").utf8) + [0x20] } }
        FileManager.default.createFile(atPath: longPath, contents: Data(line.prefix(2_000_000) + [0x0A]))
    }
    let longMegabytes = Double(size(of: longPath)) / 1e6
    let long = (0..<settings.runs).map { _ in measure([settings.binary, "score", "--lines", "--lexicons", "\(settings.root)/lexicons/es", longPath, "--jobs", "1"]) }
    longTextRate = longMegabytes / median(long.map(\.seconds))
    print(String(format: "  one %.0f MB line (one text, commas for full stops), full analysis: %.1f MB/s (1 core)  peak %.1f MB",
                 longMegabytes, longTextRate!, Double(long.map(\.peakKilobytes).max() ?? 0) / 1024))
    // In this process, one core, no I/O: where the time goes.
    let analyzer = try SentimentAnalyzer(lexiconDirectory: "\(settings.root)/lexicons/es")
    var bare = analyzer
    bare.disabledRules = Set(SentimentAnalyzer.ruleNames)
    var texts: [String] = []
    var total = 0
    while total < 10_000_000 { for text in base { texts.append(text); total += text.utf8.count } }
    let megabytes = Double(total) / 1e6
    let normalized = texts.map { analyzer.normalizer.normalize($0) }
    let normalizeOnly = median((0..<settings.runs).map { _ in timeIt { for text in texts { _ = analyzer.normalizer.normalize(text) } } })
    let analyzeOnly = median((0..<settings.runs).map { _ in timeIt { for text in normalized { _ = analyzer.analyze(text) } } })
    let lookupOnly = median((0..<settings.runs).map { _ in timeIt { for text in normalized { _ = bare.analyze(text) } } })
    print(String(format: "  in process, %.0f MB: normalize %.1f MB/s, sentiment on normalized text %.1f MB/s (lexicon lookups alone, no rules: %.1f MB/s)",
                 megabytes, megabytes / normalizeOnly, megabytes / analyzeOnly, megabytes / lookupOnly))
    vaderRate = vaderMegabytesPerSecond("\(settings.data)/score-20mb.txt", limit: 3_000_000)
    if let vaderRate {
        print(String(format: "  VADER 3.3.2 polarity_scores, first 3 MB of the same lines, CPU time: %.2f MB/s", vaderRate))
    } else {
        print("  VADER baseline skipped: could not create Benchmarks/.venv with vaderSentiment 3.3.2")
    }
}

// Thresholds: a figure below its floor fails the run.
struct Thresholds: Decodable {
    var minimumMegabytesPerSecond: [String: Double]
    var maximumPeakMegabytes: Double
    var normalizeMegabytesPerSecondPerCore: Double?
    var scoreMegabytesPerSecondPerCore: Double?
    var maximumScanPeakMegabytes: Double?
    var longTextMegabytesPerSecond: Double?
}
let thresholdsPath = "\(settings.root)/Benchmarks/thresholds.json"
var failures: [String] = []
if let data = FileManager.default.contents(atPath: thresholdsPath),
   let thresholds = try? JSONDecoder().decode(Thresholds.self, from: data) {
    for row in rows {
        // The longest matching prefix sets the floor (`csv (surveys)` before `csv`).
        let floor = thresholds.minimumMegabytesPerSecond.filter { row.name.hasPrefix($0.key) }.max { $0.key.count < $1.key.count }?.value
        if let floor, row.allCores < floor {
            failures.append(String(format: "%@: %.1f MB/s is below the %.0f MB/s floor", row.name, row.allCores, floor))
        }
        if row.peakMB > thresholds.maximumPeakMegabytes {
            failures.append(String(format: "%@: peak memory %.1f MB is above %.0f MB", row.name, row.peakMB, thresholds.maximumPeakMegabytes))
        }
    }
    if let floor = thresholds.normalizeMegabytesPerSecondPerCore, let measured = normalizationRows.first?.1, measured < floor {
        failures.append(String(format: "normalize: %.1f MB/s per core is below the %.0f MB/s floor", measured, floor))
    }
    if let ceiling = thresholds.maximumScanPeakMegabytes {
        for row in scanRows where row.peakMB > ceiling {
            failures.append(String(format: "scan %.0f MB: peak memory %.1f MB is above %.0f MB", row.megabytes, row.peakMB, ceiling))
        }
    }
    if let floor = thresholds.longTextMegabytesPerSecond, let measured = longTextRate, measured < floor {
        failures.append(String(format: "score, one long text: %.1f MB/s is below the %.1f MB/s floor (a rule quadratic in the text's length?)", measured, floor))
    }
    if let floor = thresholds.scoreMegabytesPerSecondPerCore {
        for row in scoreRows where row.0.hasSuffix("(1 core)") && row.1 < floor {
            failures.append(String(format: "%@: %.1f MB/s is below the %.0f MB/s floor", row.0, row.1, floor))
        }
    }
}
if failures.isEmpty {
    print("\nAll figures within Benchmarks/thresholds.json.")
} else {
    print("\nBelow thresholds:\n  " + failures.joined(separator: "\n  "))
    exit(1)
}
