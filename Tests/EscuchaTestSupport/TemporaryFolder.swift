import Foundation

/// A temporary folder removed when the last reference to it goes, so that test runs leave nothing behind
/// in the system's temporary directory.
public final class TemporaryFolder: @unchecked Sendable {
    public let path: String

    public init(_ prefix: String = "escucha-tests") {
        path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the folder; nothing is created.
    public func file(_ name: String) -> String { "\(path)/\(name)" }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        let file = file(name)
        // A fixture that cannot be written would make every test that reads it fail for the wrong reason.
        precondition(FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot write \(file)")
        return file
    }

    @discardableResult
    public func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }
}
