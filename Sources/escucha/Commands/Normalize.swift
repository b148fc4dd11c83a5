import ArgumentParser
import Foundation
import EscuchaCore
import EscuchaIngest
import EscuchaLexicon
import EscuchaNormalize

/// `escucha normalize`: tokens of texts or documents, as JSON Lines, or a readable breakdown of one text.
struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tokenize and normalize Spanish text: one JSON object of tokens and sentences per input.",
        discussion: """
        Reads documents (JSON Lines, as `escucha ingest` writes them) or, with --lines, plain text one per line, \
        from files or stdin. `--explain "texto"` prints a table for a person instead.
        """)

    @Argument(help: "Files to read (documents JSON Lines, or text with --lines); stdin when none.")
    var files: [String] = []

    @Flag(help: "Inputs are plain text, one text per line.")
    var lines = false

    @Option(help: "Print a readable breakdown of this one text instead.")
    var explain: String?

    @Option(help: "The lexicon folder (default: lexicons/es of this checkout, or $ESCUCHA_LEXICONS).")
    var lexicons: String?

    @Flag(help: "Mask emails, phones, national ids and card numbers in the output.")
    var maskPersonalData = false

    func run() throws {
        let normalizer = try LexiconOptions.normalizer(lexicons)
        if let explain {
            print(NormalizeExplanation.render(normalizer.normalize(explain)))
            return
        }
        let output = OutputFile(standardOutput: ())
        var writer = JSONWriter(reservingCapacity: 1 << 16)
        var lineNumber = 0
        try TextInput.forEachLine(files) { line, source in
            lineNumber += 1
            let input: (id: String?, text: String)
            if lines {
                input = (nil, line)
            } else {
                guard let value = try? JSONParser.parse(Array(line.utf8)), let text = value["text"]?.scalarText else {
                    Console.error("escucha: \(source):\(lineNumber): not a document with a \"text\" member (use --lines for plain text)")
                    throw ExitStatus.unreadableInput
                }
                input = (value["id"]?.scalarText, text)
            }
            let normalized = normalizer.normalize(input.text)
            writer.reset()
            NormalizedJSON.write(normalized, id: input.id, masked: maskPersonalData, to: &writer)
            writer.newline()
            output.write(writer.bytes)
        }
        try output.finish()
    }
}

/// The lexicon folder of `--lexicons`, or the default one; a missing or invalid lexicon is exit 3 with
/// the file and line on stderr.
enum LexiconOptions {
    static func load<Loaded>(_ directory: String?, _ make: (String) throws -> Loaded) throws -> Loaded {
        guard let folder = directory ?? LexiconLocator.defaultDirectory() else {
            Console.error("escucha: no lexicons found; run from the repository, set ESCUCHA_LEXICONS or pass --lexicons DIR")
            throw ExitStatus.unreadableInput
        }
        do {
            return try make(folder)
        } catch {
            Console.error("escucha: \(error)")
            throw ExitStatus.unreadableInput
        }
    }

    static func normalizer(_ directory: String?) throws -> Normalizer {
        try load(directory) { try Normalizer(lexiconDirectory: $0) }
    }
}

/// Lines from files, or stdin when there are none.
enum TextInput {
    static func forEachLine(_ files: [String], _ body: (String, String) throws -> Void) throws {
        if files.isEmpty {
            while let line = readLine(strippingNewline: true) { try body(line, "<stdin>") }
            return
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.error("escucha: cannot read \(file)")
                throw ExitStatus.unreadableInput
            }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                let text = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                if text.isEmpty { continue }
                try body(text, file)
            }
        }
    }
}

/// The tokens JSON: offsets in UTF-8 bytes and UTF-16 units, so highlights land on the characters written.
enum NormalizedJSON {
    static func write(_ text: NormalizedText, id: String?, masked: Bool, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("schema_version", Document.schemaVersion)
        writer.member("id", id)
        writer.key("text")
        writer.string(masked ? PersonalDataMasker().mask(text: text.text) : text.text)
        writer.key("tokens")
        writer.beginArray()
        for token in text.tokens {
            let hide = masked && token.kind.isPersonalData
            writer.beginObject()
            writer.member("kind", token.kind.rawValue)
            writer.member("surface", hide ? "[\(token.kind.rawValue.uppercased())]" : token.surface)
            if !hide {
                if token.folded != token.surface { writer.member("folded", token.folded) }
                if token.normalized != token.folded { writer.member("normalized", token.normalized) }
                if token.key != token.normalized { writer.member("key", token.key) }
                if token.lemma != token.normalized { writer.member("lemma", token.lemma) }
            }
            writer.key("utf8")
            writer.beginArray(); writer.int(token.utf8.lowerBound); writer.int(token.utf8.upperBound); writer.endArray()
            writer.key("utf16")
            writer.beginArray(); writer.int(token.utf16.lowerBound); writer.int(token.utf16.upperBound); writer.endArray()
            if !token.emphasis.isEmpty {
                writer.key("emphasis")
                writer.beginArray()
                if token.emphasis.contains(.allCaps) { writer.string("all_caps") }
                if token.emphasis.contains(.elongated) { writer.string("elongated") }
                if token.emphasis.contains(.repeated) { writer.string("repeated") }
                writer.endArray()
            }
            if !token.segments.isEmpty {
                writer.key("segments")
                writer.beginArray()
                for segment in token.segments { writer.string(segment) }
                writer.endArray()
            }
            if !token.steps.isEmpty {
                writer.key("steps")
                writer.beginArray()
                for step in token.steps { writer.string(step) }
                writer.endArray()
            }
            writer.endObject()
        }
        writer.endArray()
        writer.key("sentences")
        writer.beginArray()
        for sentence in text.sentences {
            writer.beginObject()
            writer.key("utf8"); writer.beginArray(); writer.int(sentence.utf8.lowerBound); writer.int(sentence.utf8.upperBound); writer.endArray()
            writer.key("utf16"); writer.beginArray(); writer.int(sentence.utf16.lowerBound); writer.int(sentence.utf16.upperBound); writer.endArray()
            writer.key("tokens"); writer.beginArray(); writer.int(sentence.tokens.lowerBound); writer.int(sentence.tokens.upperBound); writer.endArray()
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

/// The readable view of `escucha normalize --explain`.
enum NormalizeExplanation {
    static func render(_ text: NormalizedText) -> String {
        var rows: [[String]] = [["#", "token", "kind", "normalized", "key", "lemma", "emphasis", "steps", "bytes"]]
        for (index, token) in text.tokens.enumerated() {
            var emphasis: [String] = []
            if token.emphasis.contains(.allCaps) { emphasis.append("caps") }
            if token.emphasis.contains(.elongated) { emphasis.append("elongated") }
            if token.emphasis.contains(.repeated) { emphasis.append("repeated") }
            let normalized = token.segments.isEmpty ? token.normalized : token.segments.joined(separator: " + ")
            rows.append([String(index), token.surface, token.kind.rawValue, normalized, token.key, token.lemma,
                         emphasis.joined(separator: ","), token.steps.joined(separator: ","),
                         "\(token.utf8.lowerBound)–\(token.utf8.upperBound)"])
        }
        var out = IngestSummary.align(rows, numericFrom: 99, totalRow: false) + "\n\nsentences:\n"
        for (index, sentence) in text.sentences.enumerated() {
            let bytes = Array(text.text.utf8)[sentence.utf8]
            out += "  \(index + 1). \(String(decoding: bytes, as: UTF8.self))\n"
        }
        return out
    }
}
