import EscuchaCore
import EscuchaText

/// Reads one saved forum page from disk and turns its posts into documents (runs on a worker thread).
struct ForumFileDecoder: Sendable {
    var options: IngestOptions
    var reader: ForumPageReader

    func decode(file: String, info: UnitInfoBox) -> UnitOutcome {
        let decoded: DecodedFile
        do { decoded = try DecodedFile(path: file, isHTML: true) } catch {
            return UnitOutcome(documents: [], rejects: [error], read: 1)
        }
        info.encoding = decoded.decision.encoding
        let location = SourceLocation(file: file, record: 0, byteOffset: 0, encoding: decoded.decision.encoding)
        guard var bytes = decoded.readAll(limit: options.maximumHTMLBytes) else {
            return UnitOutcome(documents: [], rejects: [Reject(location: location, reason: .fileTooLarge,
                message: "the page is larger than \(options.maximumHTMLBytes) bytes: not a saved thread page")], read: 1)
        }
        // libxml2 is told the page is UTF-8: stray invalid bytes become U+FFFD first, and the posts holding
        // them are marked.
        bytes = UTF8Validation.repairing(bytes)
        let page = bytes.withUnsafeBufferPointer { reader.read(utf8: $0, file: file) }
        guard let page, !page.posts.isEmpty else {
            info.engine = page?.engine
            return UnitOutcome(documents: [], rejects: [Reject(location: location, reason: .noPosts,
                message: "no forum posts found with the built-in presets (phpBB, vBulletin, Discourse, XenForo) or the generic rules; give selectors with --post-xpath and friends",
                snippet: Reject.snippet(bytes.prefix(RejectReason.snippetLimit)))], read: 1)
        }
        info.engine = page.engine
        let host = page.url.flatMap(Self.host)
        let channel = options.channel ?? "forum:\(host ?? UnitPlanner.stem(file))"
        // Ids stay stable when the same thread is saved again: the page's path on its host plus the post's
        // element id; the file name when the page does not say its address.
        let pageKey = page.url.map { Self.pathAndQuery(Self.stripFragment($0)) } ?? UnitPlanner.stem(file)
        var outcome = UnitOutcome()
        outcome.read = page.posts.count
        for (index, post) in page.posts.enumerated() {
            var postLocation = location
            postLocation.record = index
            postLocation.byteOffset = nil
            postLocation.path = post.xpath
            var text = post.body
            var flags: [DocumentFlag] = decoded.isTranscoded ? [.transcoded] : []
            if let repaired = MojibakeRepair.repair(text) {
                text = repaired
                flags.append(.mojibakeRepaired)
            }
            if Whitespace.containsReplacementCharacter(text) { flags.append(.replacementCharacters) }
            guard !text.isEmpty else {
                outcome.rejects.append(Reject(location: postLocation, reason: .emptyRecord,
                                              message: "the post has no text of its own (only a quote, an image or a signature)",
                                              snippet: post.author.map { "author: \($0)" } ?? ""))
                continue
            }
            let timestamp = post.date.flatMap { options.dates.parse($0) }
            if post.date != nil, timestamp == nil { flags.append(.unparsedDate) }
            let id = post.elementID.map { DocumentID.fromSource(channel: channel, sourceID: "\(pageKey)#\($0)") }
                ?? DocumentID.fromContent(channel: channel, source: file, position: index, text: text)
            outcome.documents.append(Document(
                id: id, kind: .forum, channel: channel, author: Author(name: post.author, handle: post.author),
                timestamp: timestamp, timestampRaw: post.date, title: page.title, text: text,
                url: page.url.map { url in post.elementID.map { "\(Self.stripFragment(url))#\($0)" } ?? url },
                location: postLocation, flags: flags,
                fields: [Field(name: "forum_engine", value: .string(page.engine))]))
        }
        return outcome
    }

    static func host(_ url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix(while: { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" })
        return host.isEmpty ? nil : String(host.lowercased())
    }

    static func pathAndQuery(_ url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }

    static func stripFragment(_ url: String) -> String {
        url.firstIndex(of: "#").map { String(url[..<$0]) } ?? url
    }
}
