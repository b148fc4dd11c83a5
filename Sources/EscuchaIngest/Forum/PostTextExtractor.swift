import EscuchaText
import CLibXML2

/// Reads the visible text of a post body: a tree walk (iterative, so deeply nested broken markup cannot
/// overflow a worker thread's stack) that skips scripts, styles, excluded nodes (quotes, signatures) and
/// posts nested inside this one, and turns block elements into line breaks.
struct PostTextExtractor {
    /// Elements whose content is never visible text.
    static let invisible: Set<String> = ["script", "style", "noscript", "template", "iframe", "svg", "button",
                                         "select", "textarea", "head", "object", "embed", "canvas"]
    /// Elements that break lines.
    static let blocks: Set<String> = ["p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
                                      "blockquote", "pre", "dd", "dt", "dl", "section", "article", "header", "footer",
                                      "aside", "hr", "figure", "figcaption", "address", "form"]

    /// Nodes not to enter: excluded parts and other posts.
    var skip: Set<UnsafeMutableRawPointer>

    func text(of root: xmlNodePtr) -> String {
        var builder = TextBuilder()
        // Stack of (node, isExit): exit markers close block elements.
        var stack: [(xmlNodePtr, Bool)] = []
        if let first = root.pointee.children { pushSiblings(first, onto: &stack) }
        while let (node, isExit) = stack.popLast() {
            if isExit {
                builder.lineBreak()
                continue
            }
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { builder.append(String(cString: content)) }
            case XML_ELEMENT_NODE:
                if skip.contains(UnsafeMutableRawPointer(node)) { continue }
                let name = HTMLDocument.name(node).lowercased()
                if Self.invisible.contains(name) { continue }
                if name == "br" { builder.lineBreak(); continue }
                if name == "img", let alt = HTMLDocument.attribute(node, "alt"), Self.isEmojiLike(alt) {
                    // Forums render emoji as images with the emoji in `alt`.
                    builder.append(alt)
                    continue
                }
                let isBlock = Self.blocks.contains(name)
                if isBlock {
                    builder.lineBreak()
                    stack.append((node, true))
                }
                if let child = node.pointee.children { pushSiblings(child, onto: &stack) }
            default:
                continue
            }
        }
        return builder.result
    }

    private func pushSiblings(_ first: xmlNodePtr, onto stack: inout [(xmlNodePtr, Bool)]) {
        var siblings: [xmlNodePtr] = []
        var current: xmlNodePtr? = first
        while let node = current {
            siblings.append(node)
            current = node.pointee.next
        }
        for node in siblings.reversed() { stack.append((node, false)) }
    }

    /// Short alt texts without letters (an emoji or an emoticon), not descriptions like "Cita".
    static func isEmojiLike(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.count <= 8 && !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic && $0.value < 0x2000 })
    }
}

/// Collapses whitespace the way a browser shows it: runs of spaces (including no-break spaces) become one,
/// block boundaries become one line break, at most one blank line in a row, no trailing spaces.
struct TextBuilder {
    private var scalars = String.UnicodeScalarView()
    private var pendingSpace = false
    private var pendingBreaks = 0

    mutating func append(_ text: String) {
        for scalar in text.unicodeScalars {
            if Whitespace.isSpace(scalar) {
                pendingSpace = true
                continue
            }
            if !scalars.isEmpty {
                if pendingBreaks > 0 {
                    scalars.append(contentsOf: (pendingBreaks > 1 ? "\n\n" : "\n").unicodeScalars)
                } else if pendingSpace {
                    scalars.append(" ")
                }
            }
            pendingSpace = false
            pendingBreaks = 0
            scalars.append(scalar)
        }
    }

    mutating func lineBreak() {
        pendingBreaks = min(pendingBreaks + 1, 2)
        pendingSpace = false
    }

    var result: String { String(scalars) }
}
