import EscuchaTestSupport
import Testing
import EscuchaCore
import EscuchaSentiment
@testable import EscuchaTopics

/// The shipped packs on real Spanish sentences, one family at a time: each sentence must find the topic
/// named (others may be found too).
let packAnalyzer: TopicAnalyzer = {
    let folder = "\(repositoryRoot)/lexicons/es"
    let taxonomy = try! Taxonomy.load(directory: folder, packs: TopicAnalyzer.packsPresent(in: folder))
    return TopicAnalyzer(taxonomy: taxonomy, normalizer: analyzer.normalizer)
}()

func packTopics(_ text: String) -> [String: SentimentLabel] {
    let normalized = analyzer.normalizer.normalize(text)
    let found = packAnalyzer.analyze(normalized, sentiment: analyzer.analyze(normalized))
    return Dictionary(found.map { ($0.topic.id, $0.label) }, uniquingKeysWith: { first, _ in first })
}

@Suite struct PackTests {
    @Test(arguments: [
        ("Me cobraron dos veces la misma factura.", "billing.wrong_charge"),
        ("El pedido llegó roto y la caja abierta.", "delivery.damaged"),
        ("Llevo cuarenta minutos en espera al teléfono.", "customer_service.waiting_time"),
        ("La app no me deja iniciar sesión desde ayer.", "website_app.login"),
        ("Quiero devolver las zapatillas y no me dan el reembolso.", "returns.refund"),
        ("El cupón de descuento no funcionó al pagar el carrito.", "price.promotions"),
    ])
    func generalPack(text: String, topic: String) {
        #expect(packTopics(text)[topic] != nil, "\(topic) not found in: \(text)")
    }

    @Test(arguments: [
        ("No tengo cobertura en casa y la fibra se corta cada noche.", "telecom.coverage"),
        ("Me cobraron comisión por sacar dinero del cajero y la app del banco no funciona.", "banking.fees_and_commissions"),
        ("Me cobraron comisión por sacar dinero del cajero y la app del banco no funciona.", "banking.online_banking_app"),
        ("El cupón de descuento no funcionó al pagar el carrito.", "ecommerce.coupons_and_discounts"),
        ("La paella estaba fría y el mesero tardó una hora.", "restaurant.food.temperature"),
        ("Las alcachofas a la plancha, espectaculares.", "restaurant.food"),
        ("Pedimos cochinita pibil, huevos rotos y unas quesadillas para compartir.", "restaurant.food"),
        ("La habitación olía a humedad y el desayuno era escaso.", "hotel.breakfast"),
        ("Me perdieron la maleta y el vuelo salió con tres horas de retraso.", "airline.baggage.lost"),
        ("Me perdieron la maleta y el vuelo salió con tres horas de retraso.", "airline.delays"),
    ])
    func sectorPacks(text: String, topic: String) {
        #expect(packTopics(text)[topic] != nil, "\(topic) not found in: \(text)")
    }

    /// Topic ids are lowercase words joined by dots: ASCII ids are checked on their bytes, others as Characters.
    @Test func topicIDsAreLowercaseWordsJoinedByDots() {
        for valid in ["billing", "billing.wrong_charge", "a.b.c", "x1_2.y"] { #expect(Taxonomy.isValidID(valid), "\(valid)") }
        for invalid in ["", ".", "billing.", ".billing", "a..b", "Billing", "bill-ing", "a b", "a\r\nb", "tarifa.núcleo", "e\u{301}"] {
            #expect(!Taxonomy.isValidID(invalid), "\(invalid)")
        }
    }

    @Test func sectorsNeedTheirOwnWords() {
        // One shared word is not a sector: billing text is not a hotel's or an airline's.
        #expect(!packTopics("Me cobraron dos veces la misma factura.").keys.contains { $0.hasPrefix("airline.") || $0.hasPrefix("telecom.") })
        // A word borrowed from another sector is not a second subject: a flight's meal is not a hotel's bar.
        let flight = packTopics("Impecable el vuelo de anoche: puntual, comida rica, asientos cómodos y la tripulación muy atenta.")
        #expect(flight["airline.food_on_board"] != nil && flight["airline.cabin_crew"] != nil)
        #expect(!flight.keys.contains { $0.hasPrefix("hotel.") })
        // Words every sector uses, and homographs, tell no sector (`topics/sectors.tsv`): the technician who came
        // (`vino`) brought no wine, a sole that came unstuck (`se despegó`) took no flight.
        let visit = packTopics("Tengo que reconocer que el técnico de @Fibranet_AR que vino hoy, un genio, rápido y atento.")
        #expect(!visit.keys.contains { $0.hasPrefix("restaurant.") || $0.hasPrefix("hotel.") })
        #expect(packTopics("A las tres semanas se despegó la suela y estoy esperando la garantía.").keys.allSatisfy { !$0.hasPrefix("airline") })
        // A brand's handle names its sector.
        #expect(packTopics("@Iberia me perdisteis la maleta")["airline.baggage.lost"] != nil)
        // `cómo` is not a form of `comer`.
        #expect(!packTopics("¿Cómo cancelo el servicio de streaming que me activaron sin pedirlo?").keys.contains { $0.hasPrefix("airline.") })
    }

    /// The sector gate reads only the tokens listed as they may name a sector (`SectorWords`); given hits without that
    /// list it reads every token, to the same topics. The list holds every token with packs, and every mention.
    @Test func theSectorGateReadsItsListedWordsAsItReadEveryWord() {
        for text in ["Impecable el vuelo de anoche: puntual, comida rica, asientos cómodos y la tripulación muy atenta.",
                     "@Iberia me perdisteis la maleta", "La paella estaba fría y el mesero tardó una hora.",
                     "La piscina sucia y en la habitación la velocidad es un desastre", "Me cobraron dos veces la misma factura."] {
            let normalized = analyzer.normalizer.normalize(text)
            let sentiment = analyzer.analyze(normalized)
            var listed = SectorWords()
            let hits = packAnalyzer.matcher.match(normalized, sectorWords: &listed)
            #expect(packAnalyzer.analyze(normalized, sentiment: sentiment, found: hits)
                    == packAnalyzer.analyze(normalized, sentiment: sentiment), "\(text)")
            let positions = listed.withUnsafeBufferPointer { Set($0.map(Int.init)) }
            let generation = packAnalyzer.matcher.vocabulary.current()
            normalized.tokens.withUnsafeBufferPointer { tokens in
                for index in tokens.indices {
                    let packs = packAnalyzer.packs(in: tokens, at: index, generation, packAnalyzer.packsByID, IdentityTable())
                    if packs.mask != 0 || tokens[index].kind == .mention { #expect(positions.contains(index), "\(tokens[index].surface)") }
                }
            }
        }
    }

    /// A source's sector, counted over all its texts, speaks in the texts that do not name it; a text that names
    /// another sector keeps to its own.
    @Test func aSourceSectorSpeaksWhereItsTextsAreSilent() {
        let telecom = (0..<64).first { packAnalyzer.sector(ofBit: $0) == "telecom" }.map { UInt64(1) << UInt64($0) } ?? 0
        #expect(telecom != 0)
        func topics(_ text: String, source: UInt64) -> [String] {
            let normalized = analyzer.normalizer.normalize(text)
            return packAnalyzer.analyze(normalized, sentiment: analyzer.analyze(normalized), sourceSectors: source).map(\.topic.id)
        }
        let silent = "La velocidad no es la que contraté y se corta cada noche"
        #expect(!topics(silent, source: 0).contains { $0.hasPrefix("telecom") })
        #expect(topics(silent, source: telecom).contains { $0.hasPrefix("telecom") })
        // Naming another sector, a text keeps to it: the pool and the room in a telecom source are a hotel's.
        #expect(topics("La velocidad es un desastre", source: telecom).contains { $0.hasPrefix("telecom") })
        let hotel = topics("La piscina sucia y en la habitación la velocidad es un desastre", source: telecom)
        #expect(hotel.contains { $0.hasPrefix("hotel") } && !hotel.contains { $0.hasPrefix("telecom") })
        #expect(packAnalyzer.sectorsNamed(in: analyzer.normalizer.normalize("Me cambié de operadora por la fibra")) == telecom)
    }

    @Test func aSourceHasASectorOnlyWhenOneDominates() {
        func tally(_ named: [UInt64], of documents: Int) -> SectorTally {
            var tally = SectorTally()
            for index in 0..<documents { tally.add(index < named.count ? named[index] : 0) }
            return tally
        }
        // A telecom survey: a fifth of the answers name telecom, none anything else.
        #expect(tally(Array(repeating: 1, count: 25), of: 125).dominant == 1)
        // Too few naming it (an eighth), or too few documents, or no sector dominating: none.
        #expect(tally(Array(repeating: 1, count: 15), of: 125).dominant == 0)
        #expect(tally([1, 1, 1], of: 4).dominant == 0)
        #expect(tally(Array(repeating: 1, count: 20) + Array(repeating: 2, count: 10), of: 60).dominant == 0)
        // A second sector named now and then does not take the source's from the first.
        #expect(tally(Array(repeating: 4, count: 30) + [2, 8], of: 100).dominant == 4)
    }

    @Test func homographsOfPriceAndLyingAreNoEvidence() {
        // `caras` after a determiner is faces, `mentes` minds; the adjective and the verb still count.
        #expect(packTopics("Algunas expresiones de las caras son horribles.")["price"] == nil)
        #expect(packTopics("Un museo para mentes curiosas.")["communication_information.misleading"] == nil)
        #expect(packTopics("Nos mintieron en la cara.")["price"] == nil)
        #expect(packTopics("Nos mintieron en la cara.")["communication_information.misleading"] != nil)
        #expect(packTopics("Las entradas son caras.")["price"] == .neg)
        #expect(packTopics("Las habitaciones son caras para lo que ofrecen.")["hotel.price_value"] != nil)
        // The afternoon is no delay, the coast no price, benches no bank, the intensifier no supermarket, a museum one
        // could not get into no login, a city's sights no loyalty points, artworks no building works.
        #expect(packTopics("Fuimos por la tarde y el pedido llegó bien.")["delivery.delay"] == nil)
        #expect(packTopics("Buenas tardes, el envío tarda mucho.")["delivery.delay"] != nil)
        #expect(packTopics("Un hotel en la costa.")["price"] == nil)
        #expect(packTopics("Nos sentamos en las bancas de la plaza.")["banking"] == nil)
        #expect(packTopics("Es súper bonito el lugar.")["store"] == nil)
        #expect(packTopics("Compré pan en el súper.")["store"] != nil)
        #expect(packTopics("No pudimos entrar al museo.")["website_app.login"] == nil)
        #expect(packTopics("No puedo entrar a mi cuenta desde ayer.")["website_app.login"] != nil)
        #expect(packTopics("Los puntos más importantes de la ciudad.")["loyalty_programme"] == nil)
        #expect(packTopics("No me sumaron los puntos de la compra.")["loyalty_programme"] != nil)
        #expect(packTopics("El hotel tiene obras de arte en el vestíbulo.")["hotel.rooms.noise"] == nil)
        #expect(packTopics("Un llamado al gobierno municipal.")["customer_service.phone"] == nil)
        // Creative is no counterfeit, news no deceit, the writer's promise or advice no broken promise or staff advice,
        // advice not to forget a dish no forgetful waiter.
        #expect(packTopics("Un plato muy original y rico.")["product_quality.counterfeit"] == nil)
        #expect(packTopics("La bolsa no es original, es una copia.")["product_quality.counterfeit"] != nil)
        #expect(packTopics("La aerolínea anuncia nuevas rutas a Colombia.")["communication_information.misleading"] == nil)
        #expect(packTopics("No es lo que anuncian en la web.")["communication_information.misleading"] != nil)
        #expect(packTopics("Te lo prometo, volveré.")["communication_information.misleading"] == nil)
        #expect(packTopics("Nos prometieron un reembolso y nada.")["communication_information.misleading"] != nil)
        #expect(packTopics("Te aconsejo ir temprano.")["staff.knowledge"] == nil)
        #expect(packTopics("No te olvides de probar el mole.")["restaurant.service.attention"] == nil)
        #expect(packTopics("Se olvidaron del pan.")["restaurant.service.attention"] != nil)
    }

    @Test func aDishIsFoodNotDirt() {
        let found = packTopics("Pedimos cochinita pibil, huevos rotos y unas quesadillas para compartir.")
        #expect(found["restaurant.cleanliness"] == nil)
        #expect(found["restaurant.food"] == .neu)
    }

    @Test func topicsCarryTheirOwnSentiment() {
        let found = packTopics("La paella estaba deliciosa pero el mesero tardó una hora.")
        #expect(found["restaurant.service.speed"] == .neg)
        #expect(found.first { $0.key.hasPrefix("restaurant.food") }?.value == .pos)
    }
}
