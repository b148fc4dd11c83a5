import EscuchaTestSupport
import Testing
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
