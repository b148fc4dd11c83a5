import Foundation

/// The repository root, found from this file's path (Tests/EscuchaTestSupport/RepositoryRoot.swift), so
/// that every test target reads `lexicons/` and `corpora/` of the checkout it was built from.
public let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
