import ArgumentParser
import Foundation
import Synchronization
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
            try OrderedBatches.runSlices(workers: jobs, lines: {
                while let line = stream.next() {
                    if case .text(let text) = line, text.isEmpty { continue }
                    return (line, stream.lineNumber)
                }
                return nil
            }, transform: { lines in
                ScoredLine.render(lines, plain: plain, analyzer: analyzer, contributions: withContributions, masked: masked, limit: limit)
            }, emit: { slice in
                slice.writer.written.withUnsafeBytes { output.write(unbuffered: $0) }
                ScoredLine.giveBack(slice.writer)
                for failure in slice.failures { Console.error("escucha: \(stream.source):\(failure.line): \(failure.error)") }
                failures += slice.failures.count
                scored += slice.lines - slice.failures.count
            })
        }
        try output.finish()
        if failures > 0 { Console.error("escucha: scored \(scored), not scored \(failures)") }
    }
}

/// Input lines, scored and written.
enum ScoredLine {
    /// A slice of lines scored: their JSON objects, one a line, in input order, in the writer they were written in,
    /// and the lines not scored.
    struct Slice: Sendable {
        var writer: JSONWriter
        var lines: Int
        var failures: [(line: Int, error: String)]
    }

    /// Writers handed round: a slice's JSON stays in the writer it was written in until it is written out, and the
    /// writer (its buffer) then serves another slice. A buffer per line, or the slice's bytes copied out of a writer
    /// kept by each thread, cost an allocation and a copy of every line's output.
    private static let spareWriters = Mutex<[JSONWriter]>([])

    /// A writer for a slice: a spare one, or a new one while the spares are all in use.
    static func takeWriter() -> JSONWriter {
        spareWriters.withLock { $0.popLast() } ?? JSONWriter(reservingCapacity: 1 << 16)
    }

    /// Makes a writer whose slice is written out a spare, emptied; one grown for huge lines is not kept.
    static func giveBack(_ writer: JSONWriter) {
        guard writer.count <= 8 << 20 else { return }
        var writer = writer
        writer.reset()
        spareWriters.withLock { $0.append(writer) }
    }

    /// The lines of a slice written one after another into one writer.
    static func render(_ lines: ArraySlice<(LineStream.Line, Int)>, plain: Bool, analyzer: Analyzers,
                       contributions: Bool, masked: Bool, limit: Int) -> Slice {
        var writer = takeWriter()
        var failures: [(line: Int, error: String)] = []
        // The lists of each line's result, given back once it is written, for the next line's (`Analyzers.Room`).
        var room = Analyzers.Room()
        // Each line's text, copied out of the chunk's string it is lent from (`LineStream.Line`) into room kept from line to
        // line: once a line is scored nothing else holds the string, so the next line's bytes go into the same storage.
        var text = ""
        text.reserveCapacity(1024)
        for (line, number) in lines {
            let failure: String?
            switch line {
            case .text(let lent):
                text.removeAll(keepingCapacity: true)
                text.append(contentsOf: lent)
                failure = render(text, number: number, plain: plain, analyzer: analyzer, contributions: contributions, masked: masked,
                                 room: &room, into: &writer)
            case .tooLong(let bytes):
                failure = "the line is \(bytes) bytes, longer than --max-record-bytes \(limit): not scored"
                write(failure: failure!, number, into: &writer)
            }
            if let failure { failures.append((number, failure)) }
        }
        return Slice(writer: writer, lines: lines.count, failures: failures)
    }

    /// Writes the line's object and a line break; returns why it was not scored, if it was not.
    static func render(_ line: String, number: Int, plain: Bool, analyzer: Analyzers,
                       contributions: Bool, masked: Bool, room: inout Analyzers.Room, into writer: inout JSONWriter) -> String? {
        let masker = PersonalDataMasker()
        if plain {
            var analysis = analyzer.analyze(line, room: &room)
            writeHead(number, text: masked ? masker.mask(text: line) : line, into: &writer)
            analyzer.writeMembers(analysis, contributions: contributions, to: &writer)
            analyzer.recycle(&analysis, into: &room)
            writer.endObject()
            writer.newline()
            return nil
        }
        guard let value = try? JSONParser.parse(Array(line.utf8)), case .object(let members) = value else {
            return write(failure: "not a JSON object (use --lines for plain text)", number, into: &writer)
        }
        guard let text = value["text"]?.scalarText else {
            return write(failure: "the document has no \"text\" member", number, into: &writer)
        }
        // A scanned review's title is scored as `scan` scores it, so scoring `documents.jsonl` again gives the same members.
        let headline = Document.headline(kind: value["kind"]?.scalarText.flatMap(DocumentKind.init(rawValue:)), title: value["title"]?.scalarText)
        var analysis = analyzer.analyze(text, headline: headline, room: &room)
        writer.beginObject()
        for member in members where !["sentiment", "title_sentiment", "topics", "signals", "emotions"].contains(member.key) {
            writer.key(member.key)
            (masked ? mask(member.value, masker) : member.value).write(to: &writer)
        }
        analyzer.writeMembers(analysis, contributions: contributions, to: &writer)
        analyzer.recycle(&analysis, into: &room)
        writer.endObject()
        writer.newline()
        return nil
    }

    /// A plain line's object opened with its own members, `{"line":N,"text":"…"`, for the analysis's to follow: written
    /// as one run, in room made once (as two members, each made room, placed a comma and wrote its key: about 270
    /// instructions a line more).
    static func writeHead(_ number: Int, text: String, into writer: inout JSONWriter) {
        writer.beginObject()
        // The object now holds a member: the analysis's first member comes after a comma.
        _ = writer.commaDue()
        writer.appendRun(reserving: 16 + JSONWriter.Run.numberRoom + JSONWriter.Run.room(for: text)) { run in
            run.fragment("\"line\":")
            run.int(number)
            run.fragment(",\"text\":")
            run.string(text)
        }
    }

    /// `{"line", "error"}` and a line break; returns `message`.
    @discardableResult
    static func write(failure message: String, _ number: Int, into writer: inout JSONWriter) -> String {
        writer.beginObject()
        writer.member("line", number)
        writer.member("error", message)
        writer.endObject()
        writer.newline()
        return message
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
