import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaCore
import EscuchaIngest
import EscuchaLexicon
import EscuchaNormalize
import EscuchaSentiment

/// `escucha score`: the sentiment of each input, one JSON object per input, in input order.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score the sentiment of documents (JSON Lines) or plain text lines: one JSON object per input.",
        discussion: """
        Documents (as `escucha ingest` writes them, or any JSON object with a "text" member) come back whole \
        with a "sentiment" member added. With --lines each output is {"line", "text", "sentiment"}. Input order \
        is kept; all cores are used. A line that is not a document gives {"line", "error"} and a message on stderr.
        """)

    @Argument(help: "Files to read; stdin when none or '-'.")
    var files: [String] = []

    @Flag(help: "Inputs are plain text, one text per line.")
    var lines = false

    @Flag(inversion: .prefixedNo, help: "Include every contribution with its rules (the explanation).")
    var contributions = true

    @Flag(help: "Mask emails, phones, national ids and card numbers in every string of the output.")
    var maskPersonalData = false

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    @Option(help: "Lines longer than this many bytes are not scored, and never held in memory (default 8 MiB, as ingest).")
    var maxRecordBytes: Int = 8 << 20

    @OptionGroup var analysis: AnalysisOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if maxRecordBytes < 1024 { throw ValidationError("--max-record-bytes must be at least 1024") }
    }

    func run() throws {
        let analyzer = try analysis.analyzers()
        let output = OutputFile(standardOutput: ())
        let plain = lines
        let withContributions = contributions
        let masked = maskPersonalData
        var failures = 0
        var scored = 0
        for path in files.isEmpty ? ["-"] : files {
            let stream = try LineStream(path: path, maximumBytes: maxRecordBytes)
            let limit = maxRecordBytes
            try OrderedBatches.run(workers: jobs, lines: {
                while let line = stream.next() {
                    if case .text(let text) = line, text.isEmpty { continue }
                    return (line, stream.lineNumber)
                }
                return nil
            }, transform: { line, number in
                switch line {
                case .text(let text):
                    return ScoredLine.render(text, number: number, plain: plain, analyzer: analyzer,
                                             contributions: withContributions, masked: masked)
                case .tooLong(let bytes):
                    return ScoredLine.failure("the line is \(bytes) bytes, longer than --max-record-bytes \(limit): not scored", number)
                }
            }, emit: { result in
                output.write(result.bytes)
                if let error = result.error {
                    failures += 1
                    Console.error("escucha: \(stream.source):\(result.line): \(error)")
                } else {
                    scored += 1
                }
            })
        }
        try output.finish()
        if failures > 0 { Console.error("escucha: scored \(scored), not scored \(failures)") }
    }
}

/// One input line, scored and written.
enum ScoredLine {
    struct Result: Sendable {
        var bytes: [UInt8]
        var line: Int
        var error: String?
    }

    /// Each thread's writer, kept between lines: a new one zero-filled and freed a 1 KB buffer for every line.
    private final class WriterSlot {
        var writer: JSONWriter? = JSONWriter(reservingCapacity: 1024)
    }
    private static let writers = ThreadLocal { WriterSlot() }

    static func render(_ line: String, number: Int, plain: Bool, analyzer: Analyzers,
                       contributions: Bool, masked: Bool) -> Result {
        // Moved out of the slot (not copied, which would copy its buffer on the first write) and put back empty.
        let slot = writers.value
        var writer = slot.writer.take() ?? JSONWriter(reservingCapacity: 1024)
        defer {
            // A buffer grown for a huge line is not kept for the rest of the run.
            if writer.count <= 1 << 20 {
                writer.reset()
                slot.writer = writer
            }
        }
        let masker = PersonalDataMasker()
        if plain {
            var analysis = analyzer.analyze(line)
            writer.beginObject()
            writer.member("line", number)
            writer.member("text", masked ? masker.mask(text: line) : line)
            analyzer.writeMembers(analysis, contributions: contributions, to: &writer)
            analyzer.sentiment.normalizer.recycle(&analysis.text)
            writer.endObject()
            writer.newline()
            return Result(bytes: writer.bytes, line: number)
        }
        guard let value = try? JSONParser.parse(Array(line.utf8)), case .object(let members) = value else {
            return failure("not a JSON object (use --lines for plain text)", number)
        }
        guard let text = value["text"]?.scalarText else {
            return failure("the document has no \"text\" member", number)
        }
        // A scanned review's title is scored as `scan` scores it, so scoring `documents.jsonl` again gives the same members.
        let headline = Document.headline(kind: value["kind"]?.scalarText.flatMap(DocumentKind.init(rawValue:)), title: value["title"]?.scalarText)
        var analysis = analyzer.analyze(text, headline: headline)
        writer.beginObject()
        for member in members where !["sentiment", "title_sentiment", "topics", "signals", "emotions"].contains(member.key) {
            writer.key(member.key)
            (masked ? mask(member.value, masker) : member.value).write(to: &writer)
        }
        analyzer.writeMembers(analysis, contributions: contributions, to: &writer)
        analyzer.sentiment.normalizer.recycle(&analysis.text)
        writer.endObject()
        writer.newline()
        return Result(bytes: writer.bytes, line: number)
    }

    static func failure(_ message: String, _ number: Int) -> Result {
        var writer = JSONWriter(reservingCapacity: 128)
        writer.beginObject()
        writer.member("line", number)
        writer.member("error", message)
        writer.endObject()
        writer.newline()
        return Result(bytes: writer.bytes, line: number, error: message)
    }

    /// Every string of a value with its personal data masked.
    static func mask(_ value: JSONValue, _ masker: PersonalDataMasker) -> JSONValue {
        switch value {
        case .string(let text): return .string(masker.mask(text: text))
        case .array(let values): return .array(values.map { mask($0, masker) })
        case .object(let members): return .object(members.map { ($0.key, mask($0.value, masker)) })
        default: return value
        }
    }
}
