import Foundation

/// Expands the paths given on the command line into the files to read: files as given, folders walked
/// recursively in a deterministic order (byte order of the path), skipping hidden entries and files whose
/// extension is not an input format.
public enum InputWalker {
    public struct Listing: Sendable, Equatable {
        public var files: [String] = []
        /// Files inside folders that were left alone because their extension is not an input format.
        public var skipped: [String] = []
        /// Paths that do not exist.
        public var missing: [String] = []
    }

    public static func expand(_ paths: [String]) -> Listing {
        var listing = Listing()
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                listing.missing.append(path)
                continue
            }
            guard isDirectory.boolValue else {
                listing.files.append(path)
                continue
            }
            var found: [String] = []
            walk(path, manager: manager, into: &found, skipped: &listing.skipped)
            listing.files.append(contentsOf: found.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }))
        }
        listing.skipped.sort(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        return listing
    }

    private static func walk(_ directory: String, manager: FileManager, into files: inout [String], skipped: inout [String]) {
        guard let entries = try? manager.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where !entry.hasPrefix(".") {
            let path = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                walk(path, manager: manager, into: &files, skipped: &skipped)
            } else if FileFormat.fromExtension(path) != nil {
                files.append(path)
            } else {
                skipped.append(path)
            }
        }
    }
}
