import CLibXML2
import EscuchaCore
import EscuchaText

/// Extracts the posts of one saved forum thread page: author, date and body of each, without quoted
/// replies, signatures, navigation, scripts and styles. Tries the user's selectors, then the built-in
/// presets (phpBB, vBulletin, Discourse, XenForo), then a generic fallback.
public struct ForumPageReader: Sendable {
    public var userSelectors: ForumSelectors?

    public init(userSelectors: ForumSelectors? = nil) {
        self.userSelectors = userSelectors
    }

    public struct Post: Sendable, Equatable {
        public var author: String?
        public var date: String?
        public var body: String
        /// The post element's `id` attribute, when it has one.
        public var elementID: String?
        public var xpath: String?
    }

    public struct Page: Sendable, Equatable {
        /// Which selectors found the posts: `phpbb`, `vbulletin`, `discourse`, `xenforo`, `generic` or `user`.
        public var engine: String
        public var posts: [Post]
        /// The page's own address (canonical link, `og:url`, or the browser's "saved from" comment).
        public var url: String?
        public var title: String?
    }

    /// libxml2's parse alone, building and freeing the tree: the baseline the benchmark puts beside the
    /// full post extraction.
    public static func parseOnly(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        HTMLDocument(utf8: bytes, url: "") != nil
    }

    /// Parses decoded UTF-8 HTML. Nil when libxml2 could not build a document at all.
    public func read(utf8 bytes: UnsafeBufferPointer<UInt8>, file: String) -> Page? {
        guard let document = HTMLDocument(utf8: bytes, url: file) else { return nil }
        let url = Self.pageURL(document) ?? Self.savedFromURL(bytes)
        let title = Self.firstText(document, "//title").map { $0.trimmingSpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        let candidates = (userSelectors.map { [$0] } ?? []) + ForumSelectors.presets
        for selectors in candidates {
            guard case .nodes(let posts)? = document.evaluate(selectors.post), !posts.isEmpty else { continue }
            return Page(engine: selectors == userSelectors ? "user" : selectors.name,
                        posts: extract(posts, with: selectors, in: document), url: url, title: title)
        }
        let posts = Self.genericPosts(document)
        return Page(engine: "generic", posts: posts.isEmpty ? [] : extract(posts, with: .generic, in: document),
                    url: url, title: title)
    }

    private func extract(_ posts: [xmlNodePtr], with selectors: ForumSelectors, in document: HTMLDocument) -> [Post] {
        let postSet = Set(posts.map { UnsafeMutableRawPointer($0) })
        return posts.map { post in
            // Is `node` inside another post nested in this one (broken markup)?
            func belongsToThisPost(_ node: xmlNodePtr) -> Bool {
                var current = node.pointee.parent
                while let parent = current, parent != post {
                    if postSet.contains(UnsafeMutableRawPointer(parent)) { return false }
                    current = parent.pointee.parent
                }
                return true
            }
            func firstNode(_ expression: String?) -> (node: xmlNodePtr?, text: String?) {
                guard let expression, let result = document.evaluate(expression, at: post) else { return (nil, nil) }
                switch result {
                case .text(let text): return (nil, text)
                case .nodes(let nodes):
                    let own = nodes.filter { $0 == post || belongsToThisPost($0) }
                    // A <time datetime> is the most precise date there is.
                    if let time = own.first(where: { HTMLDocument.name($0) == "time" && HTMLDocument.attribute($0, "datetime") != nil }) {
                        return (time, HTMLDocument.attribute(time, "datetime"))
                    }
                    return (own.first, nil)
                }
            }
            func plainText(_ node: xmlNodePtr) -> String {
                if node.pointee.type == XML_ATTRIBUTE_NODE || node.pointee.type == XML_TEXT_NODE {
                    var builder = TextBuilder()
                    builder.append(HTMLDocument.content(node))
                    return builder.result
                }
                return PostTextExtractor(skip: postSet.subtracting([UnsafeMutableRawPointer(node)])).text(of: node)
            }

            let author = firstNode(selectors.author)
            let date = firstNode(selectors.date)
            var authorText = author.text ?? author.node.map(plainText)
            if let name = authorText { authorText = Self.cleanAuthor(name) }
            let dateText = (date.text ?? date.node.map(plainText)).map { Self.singleLine($0) }

            var skip = postSet
            skip.remove(UnsafeMutableRawPointer(post))
            let bodyNode = firstNode(selectors.body).node ?? post
            skip.remove(UnsafeMutableRawPointer(bodyNode))
            for expression in selectors.exclude {
                if case .nodes(let nodes)? = document.evaluate(expression, at: bodyNode) {
                    for node in nodes { skip.insert(UnsafeMutableRawPointer(node)) }
                }
            }
            if bodyNode == post {
                // No body element: drop the author and date elements from the post's own text.
                for node in [author.node, date.node].compactMap({ $0 }) where node != post { skip.insert(UnsafeMutableRawPointer(node)) }
            }
            let body = PostTextExtractor(skip: skip).text(of: bodyNode)
            return Post(author: authorText.flatMap { $0.isEmpty ? nil : $0 },
                        date: dateText.flatMap { $0.isEmpty ? nil : $0 },
                        body: body, elementID: HTMLDocument.attribute(post, "id"), xpath: HTMLDocument.path(post))
        }
    }

    /// `por NICK »` → `NICK`; `OTHERNICK dijo:` style decorations are not expected in author fields.
    static func cleanAuthor(_ raw: String) -> String {
        var text = singleLine(raw)
        for prefix in ["por ", "by ", "de "] where text.lowercased().hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
        while let last = text.last, "»:·|-".contains(last) || last == " " { text.removeLast() }
        return text
    }

    static func singleLine(_ text: String) -> String {
        var builder = TextBuilder()
        builder.append(text.replacingAll("\n", with: " "))
        return builder.result
    }

    static func firstText(_ document: HTMLDocument, _ expression: String) -> String? {
        guard case .nodes(let nodes)? = document.evaluate(expression), let node = nodes.first else { return nil }
        return PostTextExtractor(skip: []).text(of: node)
    }

    static func pageURL(_ document: HTMLDocument) -> String? {
        for expression in ["string(//link[@rel='canonical']/@href)", "string(//meta[@property='og:url']/@content)",
                           "string(//base/@href)"] {
            if case .text(let text)? = document.evaluate(expression), text.hasPrefix("http") { return text }
        }
        return nil
    }

    /// Browsers note the address in `<!-- saved from url=(0062)https://... -->`.
    static func savedFromURL(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let head = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<min(bytes.count, 2048)]), as: UTF8.self)
        guard let marker = head.firstRange(of: "saved from url=") else { return nil }
        var rest = head[marker.upperBound...]
        if rest.first == "(", let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
        var text = String(rest.prefix(while: { !$0.isWhitespace }))
        if text.hasSuffix("-->") { text.removeLast(3) }
        return text.hasPrefix("http") ? text : nil
    }

    /// The generic fallback: the most frequent (element name, class word) pair among elements whose class
    /// holds a post-like word, or whose id looks like `post-123` / `comment_45`.
    static func genericPosts(_ document: HTMLDocument) -> [xmlNodePtr] {
        let classTests = ForumSelectors.genericPostClasses.map { ForumSelectors.hasClass($0) }.joined(separator: " or ")
        guard case .nodes(let candidates)? = document.evaluate("//*[\(classTests)]"), !candidates.isEmpty else { return [] }
        var groups: [String: [xmlNodePtr]] = [:]
        var order: [String] = []
        for node in candidates {
            let classes = (HTMLDocument.attribute(node, "class") ?? "").split(separator: " ").map(String.init)
            guard let word = classes.first(where: { ForumSelectors.genericPostClasses.contains($0) }) else { continue }
            let key = HTMLDocument.name(node) + "." + word
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(node)
        }
        guard let best = order.max(by: { groups[$0]!.count < groups[$1]!.count }) else { return [] }
        return groups[best]!
    }
}
