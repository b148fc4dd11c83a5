import Testing
import EscuchaLexicon
import EscuchaTestSupport
@testable import EscuchaSentiment

/// Public lexicons a user holds a licence for, read in their own formats and added to Escucha's.
@Suite struct PluginLexiconTests {
    typealias Entry = PluginLexicon.Entry

    @Test func eachFormatMapsOntoEscuchasScale() throws {
        let vader = try PluginLexicon.parse("zorongo\t3.1\t0.5\t[3, 3, 4]\nmeh\t0.0\t0.0\t[0]\n\nchungo\t-1.25\t0.4\t[-1]\n", file: "v.txt", format: .vader)
        #expect(vader.entries == [Entry(term: "zorongo", valence: 3.1, line: 1), Entry(term: "chungo", valence: -1.25, line: 4)])
        #expect(vader.skipped == 1)  // rated zero
        let afinn = try PluginLexicon.parse("Zorongo\t5\nchungo\t-2\r\n", file: "a.txt", format: .afinn)
        #expect(afinn.entries == [Entry(term: "zorongo", valence: 4, line: 1), Entry(term: "chungo", valence: -1.6, line: 2)])
        let nrc = try PluginLexicon.parse("zorongo\tanger\t0\nzorongo\tpositive\t1\nchungo\tnegative\t1\nraro\tnegative\t1\nraro\tpositive\t1\n",
                                          file: "n.txt", format: .nrc)
        #expect(nrc.entries == [Entry(term: "zorongo", valence: 1.5, line: 2), Entry(term: "chungo", valence: -1.5, line: 3)])
        #expect(nrc.skipped == 1)  // both positive and negative
        let elh = try PluginLexicon.parse("# ElhPolar\nzorongo\tpositive\nchungo\tnegative\n", file: "e.lex", format: .elhpolar)
        #expect(elh.entries == [Entry(term: "zorongo", valence: 1.5, line: 2), Entry(term: "chungo", valence: -1.5, line: 3)])
        let senticon = try PluginLexicon.parse("""
            <senticon lang="es">
            <layer level="1">
            <lemma pos="a" pol="0.625" std="0.1"> zorongo_total </lemma>
            <lemma pos="n" pol="-0.5" std="0.0">chungo</lemma>
            <lemma pos="a" pol="0.25" std="0.0">chungo</lemma>
            </layer>
            """, file: "senticon.es.xml", format: .senticon)
        #expect(senticon.entries == [Entry(term: "zorongo total", valence: 2.5, line: 3), Entry(term: "chungo", valence: -2, line: 4)])
        #expect(senticon.skipped == 1)  // listed again: the first rating stands
        let tsv = try PluginLexicon.parse("term\tvalence\nzorongo\t2.5\n", file: "mine.tsv", format: .tsv)
        #expect(tsv.entries == [Entry(term: "zorongo", valence: 2.5, line: 2)])
        #expect(tsv.listName == "mine")
    }

    @Test func badLinesSayWhereAndWhatWasExpected() {
        #expect(throws: LexiconError(file: "a.txt", line: 2, message: "expected term TAB score (-5 to 5), as in AFINN; the value must be a number from -5 to 5, found 'muy'")) {
            try PluginLexicon.parse("bueno\t3\nzorongo\tmuy\n", file: "a.txt", format: .afinn)
        }
        #expect(throws: LexiconError(file: "e.lex", line: 1, message: "expected positive or negative, found 'neutral'")) {
            try PluginLexicon.parse("zorongo\tneutral\n", file: "e.lex", format: .elhpolar)
        }
        #expect(throws: LexiconError.self) { try PluginLexicon.load(spec: "word2vec:/tmp/x") }
        #expect(throws: LexiconError(file: "/nonexistent/v.txt", line: nil, message: "cannot read the file")) {
            try PluginLexicon.load(spec: "vader:/nonexistent/v.txt")
        }
    }

    /// The plug-in adds what Escucha lacks, under its own name in the explanation; Escucha's own ratings stand.
    @Test func addsWhatEscuchaLacksAndKeepsWhatItHas() throws {
        let plugin = try PluginLexicon.parse("zorongo\t3\nmalo\t3\ndar la lata de verdad\t-2\n", file: "/x/mi_lexicon.txt", format: .tsv)
        let analyzer = try SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es", plugins: [plugin])
        #expect(analyzer.lexicon.plugins == [SentimentLexicon.PluginSummary(file: "/x/mi_lexicon.txt", added: 2, kept: 1, skipped: 0)])
        let analysis = analyzer.analyze("El servicio es zorongo y la comida mala")
        #expect(analysis.contributions.map { "\($0.term) \($0.list) \($0.valence)" } == ["zorongo mi_lexicon 3.0", "malo adjectives -2.5"])
        let plain = try SentimentAnalyzer(lexiconDirectory: "\(repositoryRoot)/lexicons/es")
        #expect(plain.analyze("El servicio es zorongo").contributions.isEmpty)
    }
}
