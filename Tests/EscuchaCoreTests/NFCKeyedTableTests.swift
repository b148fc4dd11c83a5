import Testing
import EscuchaCore

@Suite("NFCKeyedTable")
struct NFCKeyedTableTests {
    @Test("a key answers as the Dictionary does, whether written composed or decomposed, and so do keys the byte index leaves out")
    func canonicalEquivalence() {
        let composed = "atenci\u{F3}n", decomposed = "atencio\u{301}n"
        let table = NFCKeyedTable([composed: 1.0, "caro": 2.0, "": 3.0])
        #expect(table[composed] == 1.0)
        #expect(table[decomposed] == 1.0)
        #expect(table["caro"] == 2.0)
        #expect(table[""] == 3.0)
        #expect(table["atencion"] == nil)
        #expect(table["car"] == nil)
        // A decomposed key in the table itself: it stays out of the byte index, which then asks the Dictionary on a miss.
        let odd = NFCKeyedTable(["cafe\u{301}": "café", "a\u{301}rbol": "árbol"])
        #expect(odd["caf\u{E9}"] == "café")
        #expect(odd["cafe\u{301}"] == "café")
        #expect(odd["\u{E1}rbol"] == "árbol")
        #expect(odd["cafe"] == nil)
        // Emoji keys are left out of the byte index and asked of the Dictionary; a plain miss needs no Dictionary.
        let symbols = NFCKeyedTable(["🙄": 1, "❤️": 2, "≠": 3, "bien": 4])
        #expect(symbols["🙄"] == 1)
        #expect(symbols["❤️"] == 2)
        #expect(symbols["=\u{338}"] == 3)
        #expect(symbols["bien"] == 4)
        #expect(symbols["mal"] == nil)
    }

    @Test("every key of a larger table is found, and near misses are not")
    func manyKeys() {
        var dictionary: [String: Int] = [:]
        for n in 0..<3000 { dictionary["palabra\(n)ñ"] = n }
        let table = NFCKeyedTable(dictionary)
        for n in 0..<3000 {
            #expect(table["palabra\(n)ñ"] == n)
            #expect(table["palabra\(n)n"] == nil)
        }
    }
}
