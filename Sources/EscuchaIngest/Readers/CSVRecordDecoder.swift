import EscuchaCore
import EscuchaText

/// Turns CSV rows into documents with the columns resolved from the header.
struct CSVRecordDecoder: Sendable {
    var context: RecordContext
    var columns: ResolvedColumns
    var dialect: CSVDialect

    func decode(_ bytes: UnsafeBufferPointer<UInt8>, item: RecordBatch.Item) -> Result<Document, Reject> {
        let location = context.location(line: item.line, offset: item.offset, record: item.index)
        func reject(_ reason: RejectReason, _ message: String) -> Result<Document, Reject> {
            .failure(Reject(location: location, reason: reason, message: message, snippet: Reject.snippet(bytes)))
        }
        if case .invalid(let offset) = UTF8Validation.validate(bytes) {
            return reject(.invalidUTF8, "byte \(offset) of the record is not valid UTF-8 although the rest of the file is; re-export the file as UTF-8")
        }
        var fields = CSVFields.split(bytes, dialect: dialect)
        if fields.count > columns.names.count, fields[columns.names.count...].allSatisfy({ $0.trimmingSpaces().isEmpty }) {
            fields.removeLast(fields.count - columns.names.count)
        }
        guard fields.count == columns.names.count else {
            let separator = Character(Unicode.Scalar(dialect.separator))
            return reject(.csvFieldCount, "expected \(columns.names.count) fields as in the header, found \(fields.count); an unquoted '\(separator)' or a missing field is the usual cause")
        }
        return DocumentBuilder.build(
            DocumentBuilder.Input(names: columns.names, values: .strings(fields), topLevel: nil, topMembers: nil),
            columns: columns, context: context, location: location, snippet: { Reject.snippet(bytes) })
    }
}
