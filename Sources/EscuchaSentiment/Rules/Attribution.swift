import EscuchaCore

/// `Hoy hay huelga de repartidores, según anuncian en su cuenta`, `Según @AguaMetro habrá corte de agua el jueves`: a
/// sentence that gives news on a source's word reports it. Its opinion words are the source's facts (a strike, a cut),
/// not the writer's verdict, and weigh nothing. Only where `según` names a source: an account, a document or a body
/// that publishes, or a verb of announcing (`según han informado`), not where it means `depending on` (`las tallas
/// cambian según la prenda`, `entre 50 y 70 euros según la compañía`). And only in a sentence where the writer is not
/// a party (`me`, `mi`, `nos`, `te`…): `me cobraron una revisión que según el folleto estaba incluida` is a complaint.
enum AttributedReports {
    /// What stands between `según` and its source: articles, possessives and the auxiliary of `según han anunciado`.
    static let openers: WordSet = ["el", "la", "los", "las", "su", "sus", "este", "esta", "ha", "han", "lo", "se"]
    /// Sources by key: what publishes, and who speaks for a body. Not `compañía`, `aerolínea` or `precio`, which
    /// follow `según` as often in its sense of `depending on`.
    static let sources: WordSet = ["web", "pagina", "app", "aplicacion", "contrato", "reglamento", "normativa", "ley", "ficha",
                                   "etiqueta", "fabricante", "vendedor", "sindicato", "sindicatos", "gremio", "gremios", "usuarios",
                                   "periodico", "diario", "prensa", "aviso", "comunicado", "newsletter", "boletin", "publicacion",
                                   "pantalla", "fuentes", "estudio", "informe", "noticias", "medios", "cartel", "portal", "cuenta",
                                   "empresa", "ayuntamiento", "gobierno", "ministerio", "autoridades", "organizadores"]
    /// Verbs of announcing, as `según` takes them (`según anuncian`, `según ha informado`).
    static let reportingVerbs: WordSet = ["anuncia", "anuncian", "anunciado", "informa", "informan", "informado", "reporta",
                                          "reportan", "reportado", "publica", "publican", "publicado", "comunica", "comunican",
                                          "comunicado", "confirma", "confirman", "confirmado", "indica", "indican", "señala",
                                          "senala", "señalan", "senalan"]
    /// The writer or the reader as a party to the sentence: then it is their experience, not a report.
    static let parties: WordSet = ["me", "mi", "mis", "nos", "nuestro", "nuestra", "nuestros", "nuestras", "yo", "conmigo", "te", "tu",
                                   "tus", "os", "vuestro", "vuestra", "vuestros", "vuestras", "usted", "ustedes", "he", "hemos"]

    static func apply(_ context: inout RuleContext) {
        // `según` is a keyword (`KeyFactsUnion`): most texts have none, and their units are not scanned.
        guard context.mayHave(.segun), !context.contributions.isEmpty else { return }
        for sentence in context.sentences {
            guard let segun = sentence.first(where: { context.units[$0].facts.word == .segun }),
                  namesSource(segun, in: sentence, context),
                  !sentence.contains(where: { isParty(context.units[$0].key) }) else { continue }
            for index in context.contributions.indices
            where sentence.contains(context.contributions[index].unit) && context.contributions[index].value != 0 {
                context.contributions[index].apply("attributed", cue: context.cue(segun), to: 0)
            }
        }
    }

    /// Whether a unit's key is a party, or a phrase's holds one (`nos cancelaron`, `me dijeron que`).
    static func isParty(_ key: String, among parties: WordSet = parties) -> Bool {
        parties.contains(key) || key.utf8.contains(UInt8(ascii: " ")) && key.split(separator: " ").contains { parties.contains(String($0)) }
    }

    /// Whether the words after `según` name a source: past its openers, an account (`@AguaMetro`), a listed source or a
    /// verb of announcing.
    static func namesSource(_ segun: Int, in sentence: Range<Int>, _ context: RuleContext) -> Bool {
        var next = segun + 1
        while next < sentence.upperBound, openers.contains(context.units[next].key) { next += 1 }
        guard next < sentence.upperBound else { return false }
        // An account has a unit of its own with no key, as links and numbers have (`según @AguaMetro`).
        if !context.units[next].isWord, !context.units[next].isSymbolic, !context.units[next].breaksClause, context.units[next].key.isEmpty {
            return true
        }
        let key = context.units[next].key
        return sources.contains(key) || reportingVerbs.contains(key)
    }
}

/// `Para los que preguntaban: la aseguradora cambió el proceso de reembolso…`, `Dato para quien le sirva: desde enero
/// BBVA cambia la comisión…`: a post that opens by addressing readers with a notice passes on information; its opinion
/// words (a fee, a change, a strike) are the news, not the writer's verdict, and weigh nothing. Not when the writer
/// tells their own experience anywhere in it (`Para los que preguntaban por el gimnasio: llevo seis meses yendo y estoy
/// contento`): then the opener introduces a review.
enum Notices {
    /// The openers, as the keys of a text's first words joined by spaces.
    static let openers = ["para los que preguntaban", "para los que preguntabais", "para los que preguntan", "para los que pregunten",
                          "para los que preguntaron", "para las que preguntaban", "para quienes preguntaban", "para quienes preguntaron",
                          "para quienes pregunten", "para los que van a", "para los que tienen", "para quienes tienen", "para quien le sirva",
                          "para quien lo necesite", "para quienes lo necesiten", "para los que lo necesiten", "dato para", "os comparto",
                          "les comparto", "os dejo", "les dejo", "por si a alguien le sirve", "por si alguien lo necesita", "aviso para"]
    /// Their first words (`KeyLists.noticeOpener`): a text that opens with none of them (nearly all) is not read further,
    /// told by a bit of the first word's facts, with no string read.
    static let firstWords = WordSet(openersByFirstWord.keys)
    /// The openers' words, by their first word.
    static let openersByFirstWord: [String: [[String]]] = Dictionary(grouping: openers.map { $0.split(separator: " ").map(String.init) },
                                                                     by: { $0[0] })
    /// The writer in the text: first-person pronouns and possessives, and the first persons of the verbs that open an
    /// experience (`llevo seis meses`, `estoy contento`, `tuve que`).
    static let writer: WordSet = ["me", "mi", "mis", "nos", "nuestro", "nuestra", "nuestros", "nuestras", "yo", "conmigo", "nosotros",
                                  "nosotras", "he", "hemos", "estoy", "estamos", "llevo", "llevamos", "tengo", "tenemos", "tuve", "tuvimos",
                                  "fui", "fuimos", "estuve", "estuvimos", "soy", "somos"]
    static func apply(_ context: inout RuleContext) {
        guard context.mayHave(.noticeOpener), !context.contributions.isEmpty, let first = context.units.firstIndex(where: { $0.isWord }),
              context.units[first].facts.lists.contains(.noticeOpener), let candidates = openersByFirstWord[context.units[first].key],
              candidates.contains(where: { opens($0, at: first, context) }),
              !context.units.contains(where: { $0.isWord && AttributedReports.isParty($0.key, among: writer) }) else { return }
        for index in context.contributions.indices where context.contributions[index].value != 0 {
            context.contributions[index].apply("notice", cue: context.cue(first), to: 0)
        }
    }

    /// Whether the units from `first` spell `words`, a phrase's unit standing for as many words as it holds
    /// (`por si` may be read as one unit). Compared unit by unit: no string is built.
    static func opens(_ words: [String], at first: Int, _ context: RuleContext) -> Bool {
        var unit = first, word = 0
        while word < words.count {
            guard unit < context.units.count, context.units[unit].isWord else { return false }
            let key = context.units[unit].key
            if key.utf8.contains(UInt8(ascii: " ")) {
                let parts = key.split(separator: " ")
                guard word + parts.count <= words.count, parts.indices.allSatisfy({ parts[$0] == words[word + $0] }) else { return false }
                word += parts.count
            } else {
                guard key == words[word] else { return false }
                word += 1
            }
            unit += 1
        }
        return true
    }
}
