import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaClassify
import EscuchaCore
import EscuchaIngest
import EscuchaSentiment
import EscuchaTopics

/// `escucha calibrate`: measures the text classifier against the classes customers stated (NPS,
/// CSAT or stars) on documents that have both, sweeps the detractor threshold, and reports accuracy,
/// detractor precision and recall, and the confusion matrix.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the inferred class against stated scores and ratings, and sweep its thresholds.",
        discussion: """
        Reads exports like `escucha scan` (surveys with NPS, star-rated reviews; JSON Lines with `text` and \
        `stars` too). Only documents with both a stated class and text count. With --exclude-three-stars, \
        three-star ratings are left out (the 1–2 against 4–5 comparison).
        """)

    @OptionGroup var input: IngestArguments
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var customers: CustomerOptions

    @Flag(help: "Leave out three-star ratings (and CSAT 3).")
    var excludeThreeStars = false

    @Option(help: "Precision the detractor threshold must keep when the sweep picks it.")
    var targetPrecision: Double = 0.7

    @Option(help: "Output: table or json.")
    var format: String = "table"

    struct Sample: Sendable {
        var stated: CustomerClass
        var evidence: ClassEvidence
        var signals: [SignalKind]
    }

    func run() throws {
        let analyzer = try analysis.analyzers()
        let engine = IngestEngine(options: try input.options())
        var samples: [Sample] = []
        let exclude = excludeThreeStars
        _ = engine.run(files: try input.inputFiles().files, transform: { documents -> [Sample] in
            documents.compactMap { document in
                guard let stated = StatedClass.of(document), TextClassifier.canInfer(from: document) else { return nil }
                if exclude, stated.scale != .nps, stated.from == 3 { return nil }
                let result = analyzer.analyze(document.text, headline: document.headline)
                guard result.sentiment.language == nil else { return nil }  // not Spanish: not scored, no class inferred
                return Sample(stated: stated.value, evidence: ClassEvidence(document: document, sentiment: result.sentiment, headline: result.headline),
                              signals: result.signals.map(\.signal))
            }
        }, emit: { output in samples += output.payload })
        guard !samples.isEmpty else {
            Console.error("escucha: no document has both a stated score or rating and text")
            throw ExitStatus.usage
        }
        let classifier = customers.classifier
        let sweep = stride(from: -0.60, through: 0.301, by: 0.05).map { threshold -> (Double, Measure) in
            var swept = classifier
            swept.detractorAtMost = threshold
            swept.promoterAtLeast = max(classifier.promoterAtLeast, threshold + 0.05)
            return (threshold, Measure(samples, swept))
        }
        let chosen = sweep.filter { $0.1.detractorPrecision >= targetPrecision }.max { $0.1.detractorRecall < $1.1.detractorRecall }
        let current = Measure(samples, classifier)
        if format == "json" {
            var writer = JSONWriter()
            writer.beginObject()
            writer.key("documents"); writer.int(samples.count)
            writer.key("detractor_threshold"); writer.double(classifier.detractorAtMost)
            writer.key("promoter_threshold"); writer.double(classifier.promoterAtLeast)
            current.write(to: &writer)
            writer.key("sweep")
            writer.beginArray()
            for (threshold, measure) in sweep {
                writer.beginObject()
                writer.key("detractor_threshold"); writer.number(threshold, decimals: 2)
                measure.write(to: &writer)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
            writer.newline()
            print(String(decoding: writer.bytes, as: UTF8.self), terminator: "")
            return
        }
        print("documents with a stated class and text: \(samples.count)")
        print(String(format: "thresholds: detractor ≤ %.2f, promoter ≥ %.2f", classifier.detractorAtMost, classifier.promoterAtLeast))
        print(current.table())
        var rows: [[String]] = [["detractor ≤", "precision", "recall", "F1", "accuracy"]]
        for (threshold, measure) in sweep {
            rows.append([String(format: "%+.2f", threshold), String(format: "%.3f", measure.detractorPrecision), String(format: "%.3f", measure.detractorRecall),
                         String(format: "%.3f", measure.detractorF1), String(format: "%.3f", measure.accuracy)])
        }
        print("\nsweep of the detractor threshold (signals churn, legal and not_recommend always make a detractor):")
        print(IngestSummary.align(rows, numericFrom: 0, totalRow: false))
        if let chosen {
            print(String(format: "\nhighest recall with precision ≥ %.2f: detractor ≤ %+.2f (precision %.3f, recall %.3f)", targetPrecision, chosen.0,
                         chosen.1.detractorPrecision, chosen.1.detractorRecall))
        } else {
            print(String(format: "\nno threshold keeps detractor precision ≥ %.2f", targetPrecision))
        }
    }

    /// Accuracy, detractor precision/recall and the confusion matrix of one classifier on the samples.
    struct Measure {
        var confusion: [CustomerClass: [CustomerClass: Int]] = [:]
        var total = 0

        init(_ samples: [Sample], _ classifier: TextClassifier) {
            for sample in samples {
                let inferred = classifier.infer(sample.evidence, signals: sample.signals).value
                confusion[sample.stated, default: [:]][inferred, default: 0] += 1
                total += 1
            }
        }

        func count(_ stated: CustomerClass, _ inferred: CustomerClass) -> Int { confusion[stated]?[inferred] ?? 0 }
        var accuracy: Double { Double(CustomerClass.allCases.reduce(0) { $0 + count($1, $1) }) / Double(max(total, 1)) }
        var detractorPrecision: Double {
            let predicted = CustomerClass.allCases.reduce(0) { $0 + count($1, .detractor) }
            return predicted == 0 ? 0 : Double(count(.detractor, .detractor)) / Double(predicted)
        }
        var detractorRecall: Double {
            let actual = CustomerClass.allCases.reduce(0) { $0 + count(.detractor, $1) }
            return actual == 0 ? 0 : Double(count(.detractor, .detractor)) / Double(actual)
        }
        var detractorF1: Double {
            let p = detractorPrecision, r = detractorRecall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }

        func table() -> String {
            var rows: [[String]] = [["stated \\ inferred"] + CustomerClass.allCases.map(\.rawValue)]
            for stated in CustomerClass.allCases {
                rows.append([stated.rawValue] + CustomerClass.allCases.map { String(count(stated, $0)) })
            }
            return String(format: "accuracy %.3f · detractor precision %.3f · recall %.3f · F1 %.3f\n", accuracy, detractorPrecision, detractorRecall, detractorF1)
                + IngestSummary.align(rows, numericFrom: 1, totalRow: false)
        }

        func write(to writer: inout JSONWriter) {
            writer.key("accuracy"); writer.number(accuracy, decimals: 4)
            writer.key("detractor_precision"); writer.number(detractorPrecision, decimals: 4)
            writer.key("detractor_recall"); writer.number(detractorRecall, decimals: 4)
            writer.key("confusion")
            writer.beginObject()
            for stated in CustomerClass.allCases {
                writer.key(stated.rawValue)
                writer.beginObject()
                for inferred in CustomerClass.allCases { writer.key(inferred.rawValue); writer.int(count(stated, inferred)) }
                writer.endObject()
            }
            writer.endObject()
        }
    }
}
