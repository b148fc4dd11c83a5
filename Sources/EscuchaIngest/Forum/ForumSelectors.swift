/// How to find posts in a forum page: XPath expressions evaluated with libxml2.
///
/// `post` is evaluated on the document; the others relative to each post element (or, for `exclude`,
/// to the body). A nested post (unclosed markup makes the parser nest each post in the previous one) is
/// never read as part of the post that contains it.
public struct ForumSelectors: Sendable, Equatable {
    public var name: String
    /// Post elements, in document order.
    public var post: String
    /// The author's name: an element (its text) or an attribute (`@data-author`).
    public var author: String?
    /// The date: an element (`time` elements give their `datetime` attribute) or an attribute.
    public var date: String?
    /// The post body; when missing, the post element itself minus author and date.
    public var body: String?
    /// Parts of the body to drop: quoted replies, signatures, edit notes, buttons.
    public var exclude: [String]

    public init(name: String, post: String, author: String? = nil, date: String? = nil, body: String? = nil,
                exclude: [String] = []) {
        self.name = name
        self.post = post
        self.author = author
        self.date = date
        self.body = body
        self.exclude = exclude
    }

    static func hasClass(_ name: String) -> String {
        "contains(concat(' ', normalize-space(@class), ' '), ' \(name) ')"
    }

    /// Built-in presets, tried in order; the first that finds posts wins.
    public static let presets: [ForumSelectors] = [
        // phpBB 3 (prosilver and derivatives).
        ForumSelectors(
            name: "phpbb",
            post: "//div[\(hasClass("post")) and starts-with(@id, 'p')]",
            author: ".//*[\(hasClass("author"))]//*[\(hasClass("username")) or \(hasClass("username-coloured"))] | .//dl[\(hasClass("postprofile"))]//*[\(hasClass("username")) or \(hasClass("username-coloured"))]",
            date: ".//*[\(hasClass("author"))]//time | .//*[\(hasClass("author"))]",
            body: ".//div[\(hasClass("content"))]",
            exclude: [".//blockquote", ".//*[\(hasClass("signature"))]", ".//*[\(hasClass("notice"))]",
                      ".//*[\(hasClass("codebox"))]//p"]),
        // vBulletin 4.
        ForumSelectors(
            name: "vbulletin",
            post: "//li[\(hasClass("postcontainer")) or \(hasClass("postbit"))]",
            author: ".//*[\(hasClass("username_container"))]//*[\(hasClass("username"))] | .//*[\(hasClass("username"))]",
            date: ".//*[\(hasClass("postdate"))]//*[\(hasClass("date"))]",
            body: ".//blockquote[\(hasClass("postcontent"))] | .//div[starts-with(@id, 'post_message_')]",
            exclude: [".//*[\(hasClass("bbcode_container"))]", ".//*[\(hasClass("signature"))]",
                      ".//*[\(hasClass("lastedited"))]"]),
        // vBulletin 3 (table layout).
        ForumSelectors(
            name: "vbulletin3",
            post: "//table[starts-with(@id, 'post') and .//div[starts-with(@id, 'post_message_')]]",
            author: ".//*[\(hasClass("bigusername"))]",
            date: ".//td[\(hasClass("thead"))][1]",
            body: ".//div[starts-with(@id, 'post_message_')]",
            exclude: [".//div[table and contains(., 'Cita')]", ".//*[\(hasClass("smallfont")) and contains(., 'Cita')]"]),
        // Discourse (the crawler view a saved page shows without JavaScript).
        ForumSelectors(
            name: "discourse",
            post: "//*[\(hasClass("crawler-post")) or (@itemprop='comment' and .//*[@itemprop='text'])] | //*[@itemtype='http://schema.org/DiscussionForumPosting']//*[\(hasClass("topic-body"))]",
            author: ".//*[@itemprop='author']//*[@itemprop='name'] | .//*[\(hasClass("creator"))]//a",
            date: ".//time[@itemprop='datePublished'] | .//*[@itemprop='datePublished']/@content",
            body: ".//*[@itemprop='text'] | .//*[\(hasClass("cooked"))]",
            exclude: [".//aside[\(hasClass("quote"))]", ".//*[\(hasClass("quote-controls"))]",
                      ".//*[\(hasClass("post-likes"))]"]),
        // XenForo 2.
        ForumSelectors(
            name: "xenforo",
            post: "//article[\(hasClass("message--post"))] | //article[\(hasClass("message")) and @data-author]",
            author: "@data-author | .//*[\(hasClass("message-name"))]",
            date: ".//*[\(hasClass("message-attribution"))]//time | .//time[\(hasClass("u-dt"))]",
            body: ".//*[\(hasClass("message-body"))]//*[\(hasClass("bbWrapper"))]",
            exclude: [".//blockquote[\(hasClass("bbCodeBlock--quote"))]", ".//*[\(hasClass("message-signature"))]",
                      ".//*[\(hasClass("js-selectToQuoteEnd"))]", ".//*[\(hasClass("bbCodeBlock-expandLink"))]"]),
    ]

    /// The fallback for forums no preset knows: posts are the most frequent kind of element whose class
    /// says post/comment/message/reply/entry; author, date and body are found by class keywords.
    public static let generic = ForumSelectors(
        name: "generic",
        post: "",
        author: ".//*[@itemprop='author'] | .//*[contains(@class, 'author') or contains(@class, 'username') or contains(@class, 'user-name') or contains(@class, 'poster') or contains(@class, 'nick')]",
        date: ".//time | .//*[contains(@class, 'date') or contains(@class, 'time') or contains(@class, 'fecha')]",
        body: ".//*[@itemprop='text' or contains(@class, 'text') or contains(@class, 'body') or contains(@class, 'content') or contains(@class, 'message') or contains(@class, 'entry')]",
        exclude: [".//blockquote", ".//*[contains(@class, 'quote')]", ".//*[contains(@class, 'signature') or contains(@class, 'firma')]"])

    /// Class words that mark a post element for the generic fallback.
    static let genericPostClasses = ["post", "comment", "message", "reply", "entry", "postbit", "forum-post", "topic-post", "comentario", "mensaje"]
}

/// Checks user-supplied XPath before any file is read, so a typo is a usage error, not a silent miss.
public enum ForumSelectorValidation {
    public static func isValid(_ expression: String) -> Bool { HTMLDocument.validate(expression) }
}
