import ArgumentParser
import Foundation
import EscuchaCore
import EscuchaIngest

extension DocumentKind: ExpressibleByArgument {}

/// Options shared by every command that reads input files.
struct IngestArguments: ParsableArguments {
    @Argument(help: "Files or folders to read (folders are walked recursively).")
    var paths: [String] = []

    @Option(help: "Read every file as this kind: review, social, forum or survey (default: detected per file).")
    var kind: DocumentKind?

    @Option(help: "Channel name for every document (default: from the source, e.g. twitter, reviews:FILE).")
    var channel: String?

    @Option(name: .customLong("map"), help: ArgumentHelp(
        "Say which column holds what: ROLE=COLUMN, repeatable (e.g. --map text=Comentario --map rating=Nota).",
        discussion: "Roles: \(FieldRole.allCases.map(\.rawValue).joined(separator: ", "))."))
    var assignments: [String] = []

    @Option(help: "A JSON mapping file: {\"text\": \"Comentario\", \"rating\": [\"Nota\", \"Stars\"]}.")
    var mapping: String?

    @Option(help: "Time zone for dates written without one: an IANA name (Europe/Madrid) or an offset (-05:00).")
    var timezone: String = "UTC"

    @Option(help: "The moment relative dates (`hace 2 días`, `ayer`) count back from, ISO 8601 (default: now).")
    var referenceTime: String?

    @Flag(help: "Numeric dates are month first (03/21/2024), as in US exports (default: day first).")
    var monthFirst = false

    @Option(help: "Reject records longer than this many bytes.")
    var maxRecordBytes: Int = 8 << 20

    @Option(help: "Forum posts: XPath of the post elements (overrides the presets).")
    var postXpath: String?
    @Option(help: "Forum posts: XPath of the author, relative to a post.")
    var authorXpath: String?
    @Option(help: "Forum posts: XPath of the date, relative to a post.")
    var dateXpath: String?
    @Option(help: "Forum posts: XPath of the body, relative to a post.")
    var bodyXpath: String?
    @Option(help: "Forum posts: XPath of parts of the body to drop (quotes, signatures); repeatable.")
    var excludeXpath: [String] = []

    @Flag(help: "Mask emails, phone numbers and customer ids in every output.")
    var maskPersonalData = false

    @Flag(help: "Exit with status 1 when any record was rejected.")
    var strict = false

    @Option(help: "Worker threads (default: one per core).")
    var jobs: Int = 0

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or folder to read") }
        if TimeZoneRule(timezone) == nil { throw ValidationError("unknown time zone '\(timezone)': use an IANA name such as Europe/Madrid or an offset such as -05:00") }
        if let referenceTime, Self.parseInstant(referenceTime) == nil {
            throw ValidationError("--reference-time '\(referenceTime)' is not an ISO 8601 date-time such as 2024-06-28T12:00:00Z")
        }
        if maxRecordBytes < 1024 { throw ValidationError("--max-record-bytes must be at least 1024") }
        if jobs < 0 { throw ValidationError("--jobs must be positive") }
        for assignment in assignments {
            var probe = FieldMapping()
            do { try probe.add(assignment: assignment) } catch { throw ValidationError("--map: \(error)") }
        }
        if postXpath == nil, authorXpath != nil || dateXpath != nil || bodyXpath != nil || !excludeXpath.isEmpty {
            throw ValidationError("--author-xpath, --date-xpath, --body-xpath and --exclude-xpath need --post-xpath")
        }
        for expression in [postXpath, authorXpath, dateXpath, bodyXpath].compactMap({ $0 }) + excludeXpath
        where !ForumSelectorValidation.isValid(expression) {
            throw ValidationError("'\(expression)' is not a valid XPath expression")
        }
    }

    static func parseInstant(_ text: String) -> Timestamp? {
        ExportDateParser(reference: Timestamp(secondsSinceEpoch: 0)).parse(text)
    }

    /// Builds the library's options; throws a usage error for a bad mapping file.
    func options() throws -> IngestOptions {
        let now = Timestamp(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let reference = referenceTime.flatMap(Self.parseInstant) ?? now
        var fieldMapping = FieldMapping()
        if let mapping {
            guard let data = FileManager.default.contents(atPath: mapping) else {
                throw ValidationError("cannot read the mapping file '\(mapping)'")
            }
            do { fieldMapping = try FieldMapping.parse(json: Array(data), file: mapping) } catch {
                throw ValidationError("\(error)")
            }
        }
        for assignment in assignments { try? fieldMapping.add(assignment: assignment) }
        let selectors = postXpath.map {
            ForumSelectors(name: "user", post: $0, author: authorXpath, date: dateXpath, body: bodyXpath, exclude: excludeXpath)
        }
        return IngestOptions(
            kind: kind, channel: channel, mapping: fieldMapping,
            dates: ExportDateParser(reference: reference, zone: TimeZoneRule(timezone) ?? .utc, dayFirst: !monthFirst),
            maximumRecordBytes: maxRecordBytes, forumSelectors: selectors, workers: jobs)
    }

    /// The files to read; exits with status 3 when a path does not exist.
    func inputFiles() throws -> InputWalker.Listing {
        let listing = InputWalker.expand(paths)
        if !listing.missing.isEmpty {
            for path in listing.missing { Console.error("escucha: no such file or folder: \(path)") }
            throw ExitStatus.unreadableInput
        }
        if listing.files.isEmpty {
            Console.error("escucha: no input files (.csv, .tsv, .json, .jsonl, .ndjson, .html) under \(paths.joined(separator: ", "))")
            throw ExitStatus.unreadableInput
        }
        return listing
    }
}
