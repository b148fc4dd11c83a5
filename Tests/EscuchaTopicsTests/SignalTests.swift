import Foundation
import EscuchaTestSupport
import Testing
import EscuchaLexicon
import EscuchaSentiment
@testable import EscuchaTopics

/// Small hand-written signal and emotion lexicons, so each behaviour is checked on known entries. The
/// detectors are loaded once; their folder is removed as soon as they are.
let (signalDetector, emotionDetector): (SignalDetector, EmotionDetector) = {
    let scratch = TemporaryFolder("escucha-signals")
    let folder = scratch.path
    try! FileManager.default.createDirectory(atPath: folder + "/signals", withIntermediateDirectories: true)
    try! """
    signal\tterm\tmatch\tnote
    churn\tdar de baja\tlemma\t
    churn\tportabilidad\tlemma\t
    legal\tocu\texact\t
    legal\tdenunciar\tlemma\t
    effort\tllamar {n} veces\tpattern\t
    not_recommend\tno lo recomiendo\tlemma\t
    staff_praise\tel camarero\tlemma\t

    """.write(toFile: folder + "/signals/signals.tsv", atomically: true, encoding: .utf8)
    try! """
    term\temotion\tweight\tnote
    enfadado\tanger\t2\t
    harto\tfrustration\t2.5\t
    encantado\tjoy\t2\t

    """.write(toFile: folder + "/emotions.tsv", atomically: true, encoding: .utf8)
    return (try! SignalDetector(directory: folder, normalizer: analyzer.normalizer),
            try! EmotionDetector(directory: folder, normalizer: analyzer.normalizer))
}()

func signals(_ text: String) -> [String] {
    let normalized = analyzer.normalizer.normalize(text)
    return signalDetector.detect(normalized, sentiment: analyzer.analyze(normalized)).map(\.signal.rawValue)
}

@Suite struct SignalTests {
    @Test func eachSignalFormMatches() {
        #expect(signals("Mañana me doy de baja") == ["churn"])
        #expect(signals("¿Cómo pido la portabilidad?") == ["churn"])
        #expect(signals("Pienso ir a la OCU") == ["legal"])
        #expect(signals("Los voy a denunciar") == ["legal"])
        #expect(Set(signals("Tuve que llamar cinco veces")) == ["effort", "repeat_contact"])  // calls repeated
        #expect(Set(signals("Llamé 7 veces y nada")) == ["effort", "repeat_contact"])
        #expect(signals("No lo recomiendo") == ["not_recommend"])
    }

    @Test func theShippedListKnowsCommonPhrasings() {
        let shipped = try! SignalDetector(directory: "\(repositoryRoot)/lexicons/es", normalizer: analyzer.normalizer)
        func found(_ text: String) -> [String] {
            let normalized = analyzer.normalizer.normalize(text)
            return shipped.detect(normalized, sentiment: analyzer.analyze(normalized)).map(\.signal.rawValue)
        }
        #expect(found("Quiero la baja. Ya.") == ["churn"])
        #expect(found("Ya estoy viendo otras opciones") == ["churn"])
        #expect(found("Me pasaron con cuatro agentes distintos") == ["effort"])
        // Terms that open with the number (`{n} horas de espera`, `{n} técnicos`) are looked for at their second word: at
        // a text's first and last words too.
        #expect(found("Dos horas de espera para nada") == ["effort"])
        #expect(found("Ya han venido tres técnicos") == ["effort"])
        #expect(Set(found("Tres semanas llamando por el router")) == ["effort", "repeat_contact"])  // a span of calls
        #expect(found("Para pagar la factura hay que ir a la oficina porque la web nunca funciona") == ["effort"])
        #expect(Set(found("Ya lo reporté 3 veces")) == ["repeat_contact", "effort"])
        #expect(Set(found("Es la tercera vez que os escribo")) == ["repeat_contact", "effort"])
        #expect(found("Estoy pensando seriamente en cambiarme") == ["churn"])
        #expect(found("Me aparece un cargo que yo no hice") == ["urgency"])  // an unrecognised charge
        // In praise, the reader's obligation is advice and trips counted are visits by choice; the writer's own is effort.
        #expect(found("El museo es muy interesante, si visitas Guanajuato tienes que ir").isEmpty)
        #expect(found("Es precioso, he ido varias veces con mi familia").isEmpty)
        #expect(found("Tuve que ir a la oficina en persona") == ["effort"])
        #expect(found("Me tocó ir personalmente a la oficina porque por la app no dejaban reclamar") == ["effort"])
        // …and outside complaint too: a place one has to go to, visits counted, a trip that happened; a wait stays one.
        #expect(found("Es un lugar al que tienes que ir.").isEmpty)
        #expect(found("He ido muchas veces, cada vez que vienen amigos de fuera.").isEmpty)
        #expect(found("Me tocó esperar hora y media con turno.") == ["effort"])
        // A street named Calvario is no ordeal; the ordeal is.
        #expect(found("Subimos por el callejón del Calvario hasta el mirador.").isEmpty)
        #expect(found("Recuperar mi dinero ha sido un calvario") == ["effort"])
        // Days counted by `van` are time gone by, not trips: no repeat contact.
        #expect(!found("Ya van tres días que espero la respuesta").contains("repeat_contact"))
        // Dizzy on a climb is no runaround; history retold is no emergency.
        #expect(found("La subida marea un poco pero la vista es preciosa").isEmpty)
        #expect(found("En la guerra de independencia el Pípila incendió la puerta de la alhóndiga").isEmpty)
        // A story told with no writer or reader in it; the writer's own story stays.
        #expect(found("Es un callejón que tiene historia: la hija del burgués es amenazada por el padre").isEmpty)
        #expect(found("Los revolucionarios prendieron fuego al portón").isEmpty)
        #expect(found("Es la historia de cómo me robaron la cartera en el metro") == ["urgency"])
        // A figure of robbing is no theft; taking a chance is no danger.
        #expect(found("Los puestos te roban la vista del monumento").isEmpty)
        #expect(found("Mejor correr el riesgo de parecer descortés y seguir caminando").isEmpty)
        #expect(found("El paisaje te roba el aliento").isEmpty)
        #expect(found("La fachada le roba presencia al templo de al lado").isEmpty)
        #expect(found("Me robaron la cartera en el andén") == ["urgency"])
        // An exit described, a supposition, a strike threatened and a renovation needed are no emergencies.
        #expect(found("El hotel tiene salida de emergencia en cada planta").isEmpty)
        #expect(found("El personal de tierra amenaza con una huelga").isEmpty)
        #expect(found("El guardia de seguridad nos amenazó") == ["urgency"])
        // Food gone bad is a safety matter; a building or a parcel in bad repair is not.
        #expect(found("Creo que comí algo en mal estado") == ["urgency"])
        #expect(found("El edificio está en mal estado").isEmpty)
        #expect(found("La carne estaba en mal estado") == ["urgency"])  // food said to be off, with its copula
        #expect(found("Encontré un vidrio en la empanada") == ["urgency"])  // a foreign body in food
        #expect(found("Urgente no es, pero me gustaría saber si llegó mi pedido").isEmpty)
        #expect(found("Pensé que era un cargo no reconocido, pero era la anualidad").isEmpty)  // a belief corrected
        #expect(found("Creo que es un fraude lo que me cobraron") == ["urgency"])
        // A not-recommendation for some readers is a warning, not a verdict; `en` after another verb names the company.
        #expect(found("Es increíble, aunque no lo recomiendo para gente impresionable").isEmpty)
        #expect(found("No lo recomiendo para nada") == ["not_recommend"])
        // The time since the last visit is no vow.
        #expect(found("Hace como 20 años que no volví y ahora me parece otro museo").isEmpty)
        #expect(found("Fui hace dos años y no volví nunca más") == ["not_recommend"])
        #expect(found("Impresiona, pero no lo aconsejo para personas sensibles").isEmpty)
        #expect(found("Interesante, aunque no lo recomiendo a personas con claustrofobia").isEmpty)
        #expect(found("Interesante, aunque no lo recomiendo a niños pequeños").isEmpty)  // keys keep the ñ
        #expect(found("Bonito, pero no vayan en fin de semana").isEmpty)
        #expect(found("No vayan a ese restaurante") == ["not_recommend"])
        #expect(found("Ni muerto vuelvo") == ["not_recommend"])
        #expect(found("Pobres, ni muertos pueden descansar").isEmpty)
        #expect(found("No compren en esta tienda en línea") == ["not_recommend"])
        // Not recommending how or when to do something is advice, not a warning against the thing.
        #expect(found("No recomiendo lavarlo en caliente porque encoge").isEmpty)
        #expect(found("No recomiendo ir en agosto, mejor en septiembre").isEmpty)
        #expect(found("No recomiendo este hotel") == ["not_recommend"])
        #expect(found("No os recomiendo esta tienda a nadie") == ["not_recommend"])
        // Recommending not to go or buy is a warning or a tip, no recommendation; recommending not to miss something is one.
        #expect(found("Os recomiendo no ir en agosto").isEmpty)
        #expect(found("Les recomiendo que no vayan en quincena").isEmpty)
        #expect(found("Os recomiendo a todos que no piséis este sitio").isEmpty)
        #expect(found("Recomiendo no perderse el postre") == ["recommend"])
        // Days or weeks spent trying are effort.
        #expect(found("Semanas intentando que me devuelvan el dinero") == ["effort"])
        // The third contact costs effort; going or calling again is a repeated contact; a second one is only that.
        #expect(Set(found("Es la cuarta vez que os escribo por la misma avería")) == ["repeat_contact", "effort"])
        #expect(Set(found("Tuve que ir tres veces al local")) == ["effort", "repeat_contact"])
        #expect(Set(found("llevo 4 días llamando y nada")) == ["effort", "repeat_contact"])
        #expect(found("Les escribo por segunda vez: la factura llegó mal") == ["repeat_contact"])
        // Advice the sentiment model reads as a recommendation is one, without a listed phrase.
        #expect(found("Si vas a Guanajuato, no te vayas sin probar las enchiladas mineras") == ["recommend"])
        // Asking the way is no effort; asking why it takes so much is.
        #expect(found("Quiero pasar la línea a mi hija. ¿A dónde tengo que ir?").isEmpty)
        #expect(found("¿Por qué tengo que ir en persona?") == ["effort"])
        // A long wait is effort; a short one told as praise is not.
        #expect(found("45 minutos de espera para que nadie me atendiera") == ["effort"])
        #expect(found("Solo 2 minutos de espera, genial").isEmpty)
        #expect(found("Apenas cinco minutos de espera y me atendieron").isEmpty)
        #expect(found("Menos de 10 minutos de espera, de lujo").isEmpty)
    }

    @Test func nearMissesDoNotRaiseSignals() {
        #expect(signals("No pienso darme de baja, solo quiero que lo arreglen").isEmpty)
        #expect(signals("No voy a denunciar a nadie").isEmpty)
        #expect(signals("Llamar a veces es útil").isEmpty)  // no number between
    }

    @Test func staffPraiseOnlyInPraise() {
        #expect(signals("El camarero fue encantador, muy amable") == ["staff_praise"])
        #expect(signals("El camarero fue grosero").isEmpty)
        // The part of the sentence that names them praises, though the sentence complains.
        #expect(signals("El camarero fue encantador, pero la cocina un desastre total") == ["staff_praise"])
        // Named staff, without a listed phrase: a role, or a name set off like a name.
        #expect(signals("La asesora fue muy amable y resolvió todo") == ["staff_praise"])
        #expect(signals("Gracias a Jhonatan todo salió perfecto") == ["staff_praise"])
        #expect(signals("Gracias a Jhonatan todo salió fatal").isEmpty)
        // Thanked, a name the vocabulary knows is still a name (`lucho` is a verb form), but not `Dios`.
        #expect(signals("Gracias a Lucho, de la agencia de viajes, el tour salió perfecto") == ["staff_praise"])
        #expect(signals("Gracias a Dios todo salió perfecto").isEmpty)
        // A name given as one (`se llamaba Iván`), not a caller (`me llamaba Iberia`).
        #expect(signals("El chat fue excelente, creo que se llamaba Jhonatan") == ["staff_praise"])
        #expect(signals("Qué bien, me llamaba Jhonatan para la entrevista").isEmpty)
        // Places are capitalised and set off too: a name counts where it opens its clause or is thanked.
        #expect(signals("Desde que llegamos, Óscar, el capitán de meseros, fue encantador") == ["staff_praise"])
        #expect(signals("Quiero destacar a Yesenia, encantadora") == ["staff_praise"])
        #expect(signals("Si quieres conocer Guanajuato, es encantador").isEmpty)
        #expect(signals("En el viaje que hicimos a Guanajuato, todo encantador").isEmpty)
        #expect(signals("El monumento al Pípila es encantador").isEmpty)
        #expect(signals("Junto al Teatro Juárez, todo encantador").isEmpty)
        // A charming place is no person; names in a list are companies; a role that is also an adjective (`comercial`)
        // is a person only after a determiner.
        #expect(signals("Un encantador sitio para ir en pareja").isEmpty)
        #expect(signals("Endesa, Mercadona y Ryanair tienen las mejores ofertas").isEmpty)
        #expect(signals("Ahora es súper comercial, qué bonito").isEmpty)
        #expect(signals("El comercial fue muy atento y me lo explicó todo") == ["staff_praise"])
    }

    @Test func emotionsWithNegation() {
        let found = emotionDetector.detect(analyzer.normalizer.normalize("Estoy harto y muy enfadado"))
        #expect(found.map(\.emotion) == [.frustration, .anger])  // strongest first: 2.5, then 2
        #expect(emotionDetector.detect(analyzer.normalizer.normalize("No estoy enfadado")).isEmpty)
    }

    @Test func badLexiconsNameFileAndLine() throws {
        let scratch = TemporaryFolder("escucha-bad-signals")
        let folder = scratch.path
        try FileManager.default.createDirectory(atPath: folder + "/signals", withIntermediateDirectories: true)
        try "signal\tterm\tmatch\tnote\nbaja\tdar de baja\tlemma\t\n".write(toFile: folder + "/signals/signals.tsv", atomically: true, encoding: .utf8)
        #expect(throws: LexiconError.self) { try SignalDetector(directory: folder, normalizer: analyzer.normalizer) }
        do { _ = try SignalDetector(directory: folder, normalizer: analyzer.normalizer) } catch {
            #expect(error.description.hasPrefix("\(folder)/signals/signals.tsv:2: unknown signal 'baja'"))
        }
    }
}
