/// A record (or a whole file) that could not become a `Document`, with enough context to fix it.
public struct Reject: Sendable, Equatable, Error {
    public var location: SourceLocation
    public var reason: RejectReason
    /// What was wrong and what to do, in one or two sentences.
    public var message: String
    /// The start of the offending record as it was read (at most `RejectReason.snippetLimit` bytes).
    public var snippet: String

    public init(location: SourceLocation, reason: RejectReason, message: String, snippet: String = "") {
        self.location = location
        self.reason = reason
        self.message = message
        self.snippet = snippet
    }

    /// A printable snippet from raw bytes: invalid UTF-8 shown as U+FFFD, cut at `snippetLimit` bytes.
    public static func snippet(_ bytes: some Collection<UInt8>) -> String {
        var cut = Array(bytes.prefix(RejectReason.snippetLimit))
        // Do not cut a character in half: drop a trailing incomplete UTF-8 sequence.
        if cut.count == RejectReason.snippetLimit, bytes.count > cut.count {
            var start = cut.count - 1
            while start > 0, cut[start] & 0xC0 == 0x80 { start -= 1 }
            let lead = cut[start]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if start + length > cut.count { cut.removeSubrange(start...) }
        }
        return String(decoding: cut, as: UTF8.self)
    }
}

/// The catalogue of reasons a record is rejected. Codes are stable: pipelines filter on them.
public enum RejectReason: String, Sendable, CaseIterable {
    // Whole files.
    case emptyFile = "empty_file"
    case binaryFile = "binary_file"
    case unreadableFile = "unreadable_file"
    case unknownFormat = "unknown_format"
    case fileTooLarge = "file_too_large"
    // CSV.
    case csvUnbalancedQuote = "csv_unbalanced_quote"
    case csvFieldCount = "csv_field_count"
    case csvNoTextColumn = "csv_no_text_column"
    // JSON.
    case invalidJSON = "invalid_json"
    case truncatedJSON = "truncated_json"
    case unexpectedJSONShape = "unexpected_json_shape"
    // Encoding and size.
    case invalidUTF8 = "invalid_utf8"
    case recordTooLarge = "record_too_large"
    // Content.
    case emptyRecord = "empty_record"
    case invalidRating = "invalid_rating"
    case invalidScore = "invalid_score"
    case noPosts = "no_posts"
    // Customer profiles.
    case profileNoID = "profile_no_id"
    case profileDuplicateID = "profile_duplicate_id"

    /// Longest raw snippet kept in a reject.
    public static let snippetLimit = 240

    /// True for reasons that describe a whole file rather than one record of it.
    public var isFileLevel: Bool {
        switch self {
        case .emptyFile, .binaryFile, .unreadableFile, .unknownFormat, .fileTooLarge, .noPosts: return true
        default: return false
        }
    }
}
