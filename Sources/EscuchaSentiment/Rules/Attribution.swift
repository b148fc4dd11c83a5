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
    static func isParty(_ key: String) -> Bool {
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
