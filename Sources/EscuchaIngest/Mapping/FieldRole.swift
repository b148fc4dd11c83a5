/// What a source column or JSON member means to Escucha. Found by name (Spanish and English synonyms),
/// overridable with `--map ROLE=COLUMN` or a mapping file.
public enum FieldRole: String, Sendable, CaseIterable, Codable {
    case id
    case text
    case title
    case rating
    case nps
    case ces
    case csat
    case date
    case authorName = "author_name"
    case handle
    case email
    case phone
    case customerID = "customer_id"
    case platformID = "author_id"
    case followers
    case likes
    case reposts
    case replies
    case views
    case url
    case language
    case channel

    /// Normalized names (see `FieldName.normalize`) that mean this role. Dotted names match nested JSON.
    public var synonyms: [String] {
        switch self {
        case .id:
            return ["id", "reviewid", "idresena", "resenaid", "respuestaid", "idrespuesta", "responseid", "respondentid",
                    "postid", "tweetid", "commentid", "messageid", "ticketid", "opinionid", "idopinion", "idcomentario",
                    "folio", "idencuesta", "surveyresponseid"]
        case .text:
            return ["texto", "text", "comentario", "comentarios", "comment", "comments", "opinion", "resena", "review",
                    "reviewtext", "body", "content", "contenido", "mensaje", "message", "fulltext", "tweet", "verbatim",
                    "feedback", "respuesta", "answer", "porque", "motivo", "observaciones", "descripcion", "description",
                    "caption", "posttext", "textocomentario", "comentariolibre", "opiniontexto"]
        case .title:
            return ["titulo", "title", "asunto", "subject", "headline", "resumen", "titulodelaresena"]
        case .rating:
            return ["puntuacion", "valoracion", "estrellas", "rating", "stars", "starrating", "calificacion", "nota",
                    "score", "reviewrating", "rate", "puntaje", "reviewstars"]
        case .nps:
            return ["nps", "npsscore", "recomendacion", "probabilidadderecomendar", "likelihoodtorecommend", "ltr",
                    "recomendarias", "probabilidadrecomendar", "puntuacionnps", "scorenps"]
        case .ces:
            return ["ces", "esfuerzo", "customereffort", "customereffortscore", "effort", "facilidad", "cesscore"]
        case .csat:
            return ["csat", "satisfaccion", "satisfaction", "satisfaccionglobal", "satisfacciongeneral", "csatscore"]
        case .date:
            return ["fecha", "date", "fechapublicacion", "publishedat", "createdat", "createdtime", "timestamp",
                    "datetime", "time", "fechahora", "submittedat", "fecharespuesta", "fechaopinion", "publishdate",
                    "postedat", "fecharesena", "fechacomentario", "fechaencuesta", "publicado", "publicadoel"]
        case .authorName:
            return ["cliente", "nombre", "autor", "author", "authorname", "nombrecliente", "user", "name", "reviewer",
                    "reviewername", "displayname", "nombreyapellidos", "nombrecompleto", "from.name", "author.name",
                    "user.name", "usuario.nombre"]
        case .handle:
            return ["handle", "username", "screenname", "usuario", "cuenta", "arroba", "author.handle",
                    "author.username", "user.screenname", "user.username", "author.screenname"]
        case .email:
            return ["email", "correo", "mail", "correoelectronico", "emailaddress", "emailcliente", "author.email"]
        case .phone:
            return ["telefono", "phone", "movil", "celular", "phonenumber", "tel", "author.phone"]
        case .customerID:
            return ["idcliente", "customerid", "clienteid", "numerodecliente", "clientid", "codigocliente",
                    "nrocliente", "customernumber", "accountid", "crmid", "author.customerid", "numcliente"]
        case .platformID:
            return ["authorid", "userid", "from.id", "author.id", "user.id"]
        case .followers:
            return ["followers", "seguidores", "followerscount", "author.followers", "author.followerscount",
                    "user.followerscount", "user.followers"]
        case .likes:
            return ["likes", "likecount", "megusta", "favoritecount", "reactions", "favorites", "publicmetrics.likecount",
                    "reactionscount", "likescount"]
        case .reposts:
            return ["reposts", "retweets", "retweetcount", "shares", "compartidos", "sharecount",
                    "publicmetrics.retweetcount", "repostcount"]
        case .replies:
            return ["replies", "replycount", "commentcount", "commentscount", "publicmetrics.replycount", "respuestascount"]
        case .views:
            return ["views", "impressions", "impressioncount", "viewcount", "vistas", "reproducciones",
                    "publicmetrics.impressioncount"]
        case .url:
            return ["url", "link", "enlace", "permalink", "permalinkurl", "reviewurl", "posturl"]
        case .language:
            return ["lang", "language", "idioma"]
        case .channel:
            return ["canal", "channel", "platform", "plataforma", "fuente", "source", "red", "redsocial", "network"]
        }
    }

    /// Position in `allCases`, for table lookups on the hot path.
    public var ordinal: Int {
        switch self {
        case .id: return 0
        case .text: return 1
        case .title: return 2
        case .rating: return 3
        case .nps: return 4
        case .ces: return 5
        case .csat: return 6
        case .date: return 7
        case .authorName: return 8
        case .handle: return 9
        case .email: return 10
        case .phone: return 11
        case .customerID: return 12
        case .platformID: return 13
        case .followers: return 14
        case .likes: return 15
        case .reposts: return 16
        case .replies: return 17
        case .views: return 18
        case .url: return 19
        case .language: return 20
        case .channel: return 21
        }
    }

    /// Roles that take one column only (every role but text, which may span several answers).
    public var isSingleValued: Bool { self != .text }

    static let bySynonym: [String: FieldRole] = {
        var table: [String: FieldRole] = [:]
        for role in FieldRole.allCases {
            for synonym in role.synonyms where table[synonym] == nil { table[synonym] = role }
        }
        return table
    }()
}

/// Column and member names, normalized for matching: lowercased, accents removed, text in parentheses
/// dropped (`NPS (0-10)`), anything but letters, digits and dots removed (`¿Por qué?` → `porque`,
/// `ID Reseña` → `idresena`, `public_metrics.like_count` → `publicmetrics.likecount`).
public enum FieldName {
    public static func normalize(_ name: String) -> String {
        var out = ""
        var depth = 0
        for scalar in name.unicodeScalars {
            switch scalar {
            case "(", "[": depth += 1; continue
            case ")", "]": depth = max(0, depth - 1); continue
            default: break
            }
            guard depth == 0 else { continue }
            if scalar == "." { out.unicodeScalars.append(scalar); continue }
            guard let folded = fold(scalar) else { continue }
            out.unicodeScalars.append(folded)
        }
        return out
    }

    /// ASCII letter or digit for a scalar, lowercased with accents removed; nil to drop it.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return scalar
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 32)
        case 0xC0...0xC5, 0xE0...0xE5: return "a"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD2...0xD6, 0xF2...0xF6: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        case 0xD1, 0xF1: return "n"
        case 0xC7, 0xE7: return "c"
        default: return nil
        }
    }

    /// Whether a header reads like an open question, so that its column is a free-text answer in a survey
    /// (`¿Qué mejorarías?`, `que_mejorarias`, `Why did you give this score?`).
    public static func looksLikeQuestion(_ name: String) -> Bool {
        if name.contains("?") || name.contains("¿") { return true }
        let normalized = normalize(name)
        let openers = ["que", "porque", "por", "como", "cual", "cuales", "cuanto", "donde", "why", "what", "how",
                       "comentario", "sugerencia", "observacion", "opinion"]
        return openers.contains(where: { normalized.hasPrefix($0) }) && !normalized.hasPrefix("queja")
    }
}

/// How to find a role when the names do not say it: keywords inside a normalized name, tried in order
/// after exact synonyms (`probabilidadderecomendarnos` → nps, `satisfaccionconelagente` → csat).
enum FieldKeywordRules {
    static let rules: [(keyword: String, role: FieldRole)] = [
        ("recomend", .nps), ("nps", .nps), ("esfuerzo", .ces), ("effort", .ces), ("satisfac", .csat),
        ("csat", .csat), ("estrella", .rating), ("valoraci", .rating), ("puntuaci", .rating),
        ("idcliente", .customerID), ("customerid", .customerID), ("email", .email), ("correo", .email),
        ("telefono", .phone), ("fecha", .date), ("comentario", .text), ("opinion", .text), ("resena", .text),
    ]

    static func role(forNormalized name: String) -> FieldRole? {
        rules.first(where: { name.contains($0.keyword) })?.role
    }
}
