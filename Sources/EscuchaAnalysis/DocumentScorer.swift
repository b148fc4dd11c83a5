import EscuchaCore
import EscuchaClassify
import EscuchaCustomers

/// A document scored: what its text says, its class, and the customer it was linked to.
public struct ScoredDocument {
    public var analysis: Analyzers.Result
    public var classification: Classification
    /// Nil when no customer profiles were loaded.
    public var link: CustomerLink?
}

/// Scores documents as `escucha scan` does, one line of `documents.jsonl` each (docs/schema): the analysis, the
/// class (stated or inferred, `TextClassifier`) and the link to a customer profile. Loaded once, shared by every
/// thread; reading the input and writing the output stay with the caller.
public struct DocumentScorer: Sendable {
    public var analyzers: Analyzers
    public var classifier: TextClassifier
    /// Links each document to a customer profile; nil: no profiles, no `link` member.
    public var linker: CustomerLinker?
    /// The sector of each input file, as the pack bit `TopicAnalyzer.analyze(…sourceSectors:)` takes: its texts get
    /// that sector's topics. Files absent from it have none.
    public var sourceSectors: [String: UInt64]

    public init(analyzers: Analyzers, classifier: TextClassifier = .calibrated, linker: CustomerLinker? = nil,
                sourceSectors: [String: UInt64] = [:]) {
        self.analyzers = analyzers
        self.classifier = classifier
        self.linker = linker
        self.sourceSectors = sourceSectors
    }

    public func score(_ document: Document) -> ScoredDocument {
        let analysis = analyzers.analyze(document.text, headline: document.headline,
                                         sourceSectors: sourceSectors[document.location.file] ?? 0)
        let classification = Classification(document: document, sentiment: analysis.sentiment, headline: analysis.headline,
                                            signals: analysis.signals.map(\.signal), classifier: classifier)
        return ScoredDocument(analysis: analysis, classification: classification,
                              link: linker?.link(author: document.author, channel: document.channel))
    }

    /// The scored document's members, written into the document's object: sentiment (with every contribution),
    /// topics, signals, emotions, class and link. `masked`: the link's personal data masked.
    public func writeMembers(_ scored: ScoredDocument, masked: Bool, to writer: inout JSONWriter) {
        analyzers.writeMembers(scored.analysis, contributions: true, to: &writer)
        writer.key("class")
        scored.classification.writeJSON(to: &writer)
        if let link = scored.link, let linker {
            writer.key("link")
            link.writeJSON(to: &writer, profiles: linker.profiles, masked: masked)
        }
    }

    /// The whole object: the document (through `masker` when given) with the scored members. No newline.
    public func writeJSON(_ document: Document, _ scored: ScoredDocument, masker: PersonalDataMasker?, to writer: inout JSONWriter) {
        if let masker { masker.mask(document).writeJSON(to: &writer) } else { document.writeJSON(to: &writer) }
        writer.reopenObject()
        writeMembers(scored, masked: masker != nil, to: &writer)
        writer.endObject()
    }
}
