import ArgumentParser
import Foundation
import EscuchaAnalysis
import EscuchaCore
import EscuchaIngest
import EscuchaSentiment
import EscuchaTopics

/// `escucha eval`: accuracy, macro-F1, per-class figures and the confusion matrix on labeled files.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the sentiment model on labeled JSON Lines (text, label, optional stars).",
        discussion: """
        Each line is an object with "text" and "label" (pos/neu/neg, positive/neutral/negative, or TASS's \
        P/N/NEU/NONE); "stars" (1–5) stands in when there is no label. Lines without both are counted as skipped.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "Labeled JSON Lines files.")
    var files: [String]

    @Option(help: "table (for people) or json (one object per file).")
    var format: Format = .table

    @Option(name: .customLong("without"), help: "Switch a rule off to measure what it is worth (repeatable): \(SentimentAnalyzer.ruleNames.joined(separator: ", ")).")
    var disabledRules: [String] = []

    @Option(name: .customLong("aspect-map"), help: "For files with SemEval-style \"aspects\": a TSV (topic, category) mapping topics to their categories (default: the restaurant mapping in lexicons/es/topics/).")
    var aspectMap: String?

    @OptionGroup var analysis: AnalysisOptions

    func validate() throws {
        for rule in disabledRules where !SentimentAnalyzer.ruleNames.contains(rule) {
            throw ValidationError("unknown rule '\(rule)'; expected one of \(SentimentAnalyzer.ruleNames.joined(separator: ", "))")
        }
    }

    func run() throws {
        let mapping: AspectMapping? = try LexiconOptions.load(analysis.lexicons) { folder in
            let path = aspectMap ?? "\(folder)/topics/semeval-restaurant.tsv"
            return aspectMap != nil || FileManager.default.fileExists(atPath: path) ? try AspectMapping.load(path) : nil
        }
        var options = analysis
        if options.packs == nil, options.topics == nil, let mapping { options.packs = mapping.packs.joined(separator: ",") }
        let loaded = try options.analyzers()
        var sentiment = loaded.sentiment
        sentiment.disabledRules = Set(disabledRules)
        let model = Analyzers(sentiment: sentiment, topics: loaded.topics, signals: loaded.signals)
        for file in files {
            let stream = try LineStream(path: file, maximumBytes: 8 << 20)
            var evaluation = Evaluation()
            var aspects = AspectEvaluation()
            var signalEvaluation = SignalEvaluation()
            var skipped = 0
            try OrderedBatches.run(lines: {
                while let next = stream.next() {
                    // Past the limit a line is skipped, never held: a labeled text is never that long.
                    guard case .text(let line) = next else { return ("", stream.lineNumber) }
                    if line.isEmpty { continue }
                    return (String(line), stream.lineNumber)
                }
                return nil
            }, transform: { line, _ -> EvalItem? in
                guard let value = try? JSONParser.parse(Array(line.utf8)), let text = value["text"]?.scalarText else { return nil }
                let goldSignals = value["signals"]?.arrayValue.map { Set($0.compactMap { $0.scalarText.flatMap(SignalKind.init(rawValue:)) }) }
                let label = Evaluation.goldLabel(value["label"]?.scalarText, stars: value["stars"]?.scalarText.flatMap(Double.init))
                guard label != nil || goldSignals != nil else { return nil }
                let result = model.analyze(text)
                let goldAspects = value["aspects"]?.arrayValue?.compactMap { aspect -> (String, String)? in
                    guard let category = aspect["category"]?.scalarText, let polarity = aspect["polarity"]?.scalarText else { return nil }
                    return (category, polarity)
                }
                return EvalItem(gold: label, predicted: result.sentiment.score.label, compound: result.sentiment.score.compound,
                                aspects: goldAspects, topics: result.topics,
                                goldSignals: goldSignals, signals: result.signals.map(\.signal))
            }, emit: { item in
                guard let item else { skipped += 1; return }
                if let gold = item.gold { evaluation.add(gold: gold, predicted: item.predicted) }
                if let gold = item.goldSignals { signalEvaluation.add(gold: gold, found: Set(item.signals)) }
                if let gold = item.aspects, let mapping {
                    aspects.add(gold: gold.map { (category: $0.0, polarity: $0.1) }, topics: item.topics, signals: item.signals,
                                sentenceLabel: item.predicted,
                                sentenceCompound: item.compound, mapping: mapping)
                }
            })
            let aspectResult = aspects.sentences > 0 ? aspects : nil
            let signalResult = signalEvaluation.texts > 0 ? signalEvaluation : nil
            switch format {
            case .table: print(EvalReport.table(file: file, evaluation, skipped: skipped, aspects: aspectResult, signals: signalResult))
            case .json: print(EvalReport.json(file: file, evaluation, skipped: skipped, aspects: aspectResult, signals: signalResult))
            }
        }
    }
}

/// One labeled line, scored.
struct EvalItem: Sendable {
    var gold: SentimentLabel?
    var predicted: SentimentLabel
    var compound: Double
    var aspects: [(String, String)]?
    var topics: [TopicAnalysis]
    var goldSignals: Set<SignalKind>?
    var signals: [SignalKind]
}

enum EvalReport {
    static func table(file: String, _ evaluation: Evaluation, skipped: Int, aspects: AspectEvaluation? = nil,
                      signals: SignalEvaluation? = nil) -> String {
        if evaluation.count == 0, let signals { return signalTable(file: file, signals, skipped: skipped) }
        var out = "\(file): \(evaluation.count) texts" + (skipped > 0 ? " (\(skipped) lines skipped: no text or label)" : "") + "\n"
        out += "accuracy \(f3(evaluation.accuracy))  macro-F1 \(f3(evaluation.macroF1))\n\n"
        var rows: [[String]] = [["class", "precision", "recall", "F1", "support"]]
        for label in SentimentLabel.allCases {
            let metrics = evaluation.metrics(label)
            rows.append([label.rawValue, f3(metrics.precision), f3(metrics.recall), f3(metrics.f1), String(metrics.support)])
        }
        out += IngestSummary.align(rows, numericFrom: 1, totalRow: false) + "\n\n"
        var matrix: [[String]] = [["gold \\ predicted"] + SentimentLabel.allCases.map(\.rawValue)]
        for gold in SentimentLabel.allCases {
            matrix.append([gold.rawValue] + SentimentLabel.allCases.map { String(evaluation.cell(gold, $0)) })
        }
        out += IngestSummary.align(matrix, numericFrom: 1, totalRow: false) + "\n"
        if let aspects {
            out += "\naspects (\(aspects.sentences) sentences): category F1 \(f3(aspects.f1)) (precision \(f3(aspects.precision)), recall \(f3(aspects.recall)))"
            out += ", polarity accuracy \(f3(aspects.polarityAccuracy)) (\(aspects.polarityTotal) aspects)\n\n"
            var rows: [[String]] = [["category", "precision", "recall", "F1", "support", "polarity"]]
            for (category, counts) in aspects.categories.sorted(by: { ($0.value.support, $0.key) > ($1.value.support, $1.key) }) {
                rows.append([category, f3(counts.precision), f3(counts.recall), f3(counts.f1), String(counts.support),
                             counts.polarityTotal > 0 ? f3(counts.polarityAccuracy) : "–"])
            }
            out += IngestSummary.align(rows, numericFrom: 1, totalRow: false) + "\n"
        }
        return out
    }

    static func signalTable(file: String, _ signals: SignalEvaluation, skipped: Int) -> String {
        var rows: [[String]] = [["signal", "precision", "recall", "support"]]
        for kind in SignalKind.allCases where signals.support(kind) > 0 || signals.precision(kind) > 0 {
            rows.append([kind.rawValue, f3(signals.precision(kind)), f3(signals.recall(kind)), String(signals.support(kind))])
        }
        return "\(file): \(signals.texts) texts with signal labels" + (skipped > 0 ? " (\(skipped) lines skipped)" : "") + "\n\n"
            + IngestSummary.align(rows, numericFrom: 1, totalRow: false) + "\n"
    }

    static func json(file: String, _ evaluation: Evaluation, skipped: Int, aspects: AspectEvaluation? = nil, signals: SignalEvaluation? = nil) -> String {
        var writer = JSONWriter(reservingCapacity: 1024)
        writer.beginObject()
        writer.member("file", file)
        writer.member("n", evaluation.count > 0 ? evaluation.count : signals?.texts ?? 0)
        writer.member("skipped", skipped)
        if let signals {
            writer.key("signals")
            writer.beginObject()
            for kind in SignalKind.allCases {
                writer.key(kind.rawValue)
                writer.beginObject()
                writer.key("precision"); writer.double(rounded(signals.precision(kind)))
                writer.key("recall"); writer.double(rounded(signals.recall(kind)))
                writer.member("support", signals.support(kind))
                writer.endObject()
            }
            writer.endObject()
        }
        guard evaluation.count > 0 else {
            writer.endObject()
            return String(decoding: writer.bytes, as: UTF8.self)
        }
        writer.key("accuracy"); writer.double(rounded(evaluation.accuracy))
        writer.key("macro_f1"); writer.double(rounded(evaluation.macroF1))
        writer.key("classes")
        writer.beginObject()
        for label in SentimentLabel.allCases {
            let metrics = evaluation.metrics(label)
            writer.key(label.rawValue)
            writer.beginObject()
            writer.key("precision"); writer.double(rounded(metrics.precision))
            writer.key("recall"); writer.double(rounded(metrics.recall))
            writer.key("f1"); writer.double(rounded(metrics.f1))
            writer.member("support", metrics.support)
            writer.endObject()
        }
        writer.endObject()
        writer.key("confusion")
        writer.beginObject()
        for gold in SentimentLabel.allCases {
            writer.key(gold.rawValue)
            writer.beginObject()
            for predicted in SentimentLabel.allCases { writer.key(predicted.rawValue); writer.int(evaluation.cell(gold, predicted)) }
            writer.endObject()
        }
        writer.endObject()
        if let aspects {
            writer.key("aspect_category_f1"); writer.double(rounded(aspects.f1))
            writer.key("aspect_category_precision"); writer.double(rounded(aspects.precision))
            writer.key("aspect_category_recall"); writer.double(rounded(aspects.recall))
            writer.key("aspect_polarity_accuracy"); writer.double(rounded(aspects.polarityAccuracy))
            writer.member("aspect_sentences", aspects.sentences)
            writer.key("aspect_categories")
            writer.beginObject()
            for (category, counts) in aspects.categories.sorted(by: { $0.key < $1.key }) {
                writer.key(category)
                writer.beginObject()
                writer.key("precision"); writer.double(rounded(counts.precision))
                writer.key("recall"); writer.double(rounded(counts.recall))
                writer.key("f1"); writer.double(rounded(counts.f1))
                writer.member("support", counts.support)
                writer.key("polarity_accuracy"); writer.double(rounded(counts.polarityAccuracy))
                writer.member("polarity_support", counts.polarityTotal)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func f3(_ value: Double) -> String { String(format: "%.3f", value) }
    static func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
}
