import CLibXML2

/// A parsed HTML page: the one class in the forum reader, because it owns libxml2's document.
/// Not shared between threads: each worker parses its own pages.
final class HTMLDocument {
    let pointer: xmlDocPtr
    private let xpathContext: xmlXPathContextPtr

    /// Parses UTF-8 bytes with libxml2's forgiving HTML parser (unclosed tags, broken nesting, stray
    /// scripts), never touching the network and never printing its complaints.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>, url: String) {
        guard let base = bytes.baseAddress, bytes.count > 0, bytes.count < Int(Int32.max) else { return nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)
        escucha_xml_silence_errors()
        defer { escucha_xml_restore_errors() }
        let parsed = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            htmlReadMemory($0, Int32(bytes.count), url, "UTF-8", options)
        }
        guard let parsed else { return nil }
        guard let context = xmlXPathNewContext(parsed) else {
            xmlFreeDoc(parsed)
            return nil
        }
        pointer = parsed
        xpathContext = context
    }

    deinit {
        xmlXPathFreeContext(xpathContext)
        xmlFreeDoc(pointer)
    }

    enum XPathResult {
        case nodes([xmlNodePtr])
        case text(String)
    }

    /// Evaluates `expression` relative to `node` (the document when nil). Nil when the expression is invalid.
    func evaluate(_ expression: String, at node: xmlNodePtr? = nil) -> XPathResult? {
        xpathContext.pointee.node = node ?? xmlDocGetRootElement(pointer)
        escucha_xml_silence_errors()
        defer { escucha_xml_restore_errors() }
        guard let object = xmlXPathEvalExpression(expression, xpathContext) else { return nil }
        defer { xmlXPathFreeObject(object) }
        switch object.pointee.type {
        case XPATH_NODESET:
            guard let set = object.pointee.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else { return .nodes([]) }
            return .nodes((0..<Int(set.pointee.nodeNr)).compactMap { table[$0] })
        case XPATH_STRING:
            return .text(object.pointee.stringval.map { String(cString: $0) } ?? "")
        case XPATH_NUMBER:
            return .text(String(object.pointee.floatval))
        case XPATH_BOOLEAN:
            return .text(object.pointee.boolval != 0 ? "true" : "false")
        default:
            return .nodes([])
        }
    }

    /// Checks an XPath expression compiles; returns libxml2's error code when it does not.
    static func validate(_ expression: String) -> Bool {
        escucha_xml_silence_errors()
        defer { escucha_xml_restore_errors() }
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    static func name(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
        guard let value = xmlGetProp(node, name) else { return nil }
        defer { escucha_xml_free(value) }
        return String(cString: value)
    }

    /// libxml2's path for a node: `/html/body/div[2]/div[3]`.
    static func path(_ node: xmlNodePtr) -> String? {
        guard let raw = xmlGetNodePath(node) else { return nil }
        defer { escucha_xml_free(raw) }
        return String(cString: raw)
    }

    /// Text content of an attribute or text node.
    static func content(_ node: xmlNodePtr) -> String {
        guard let raw = xmlNodeGetContent(node) else { return "" }
        defer { escucha_xml_free(raw) }
        return String(cString: raw)
    }
}
