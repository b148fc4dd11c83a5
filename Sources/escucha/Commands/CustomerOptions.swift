import ArgumentParser
import EscuchaClassify
import EscuchaCore
import EscuchaCustomers
import EscuchaIngest

/// Options for linking documents to customers and classing them: the CRM export and the thresholds of
/// the text classifier.
struct CustomerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A CRM export of customer profiles (CSV or JSON Lines); repeatable.",
                               discussion: "Default: any customer profile CSV found among the inputs (columns id, email, phone, handles, no text)."))
    var customers: [String] = []

    @Option(help: "Text classifier: compound at or below this is a detractor (default \(TextClassifier.calibrated.detractorAtMost), calibrated).")
    var detractorThreshold: Double?

    @Option(help: "Text classifier: compound at or above this is a promoter (default \(TextClassifier.calibrated.promoterAtLeast), calibrated).")
    var promoterThreshold: Double?

    @Option(help: "Text classifier: a text with at least this positive share is mixed and stays passive above --mixed-detractor-threshold (default \(TextClassifier.calibrated.mixedPositiveShare)).")
    var mixedPositiveShare: Double?

    @Option(help: "Text classifier: a mixed text is a detractor at or below this compound (default \(TextClassifier.calibrated.mixedDetractorAtMost); -1 turns the mixed rule off).")
    var mixedDetractorThreshold: Double?

    @Option(help: "Text classifier: a review title whose compound reaches this, either way, is the writer's verdict (default \(TextClassifier.calibrated.headlineVerdictAtLeast); above 1 turns the title rule off).")
    var titleVerdict: Double?

    func validate() throws {
        let classifier = self.classifier
        guard (-1...1).contains(classifier.detractorAtMost), (-1...1).contains(classifier.promoterAtLeast),
              classifier.detractorAtMost < classifier.promoterAtLeast else {
            throw ValidationError("the thresholds must lie in -1…1 with --detractor-threshold below --promoter-threshold")
        }
        guard classifier.headlineVerdictAtLeast > 0 else {
            throw ValidationError("--title-verdict must be above 0")
        }
    }

    var classifier: TextClassifier {
        let calibrated = TextClassifier.calibrated
        return TextClassifier(detractorAtMost: detractorThreshold ?? calibrated.detractorAtMost,
                              promoterAtLeast: promoterThreshold ?? calibrated.promoterAtLeast,
                              mixedPositiveShare: mixedPositiveShare ?? calibrated.mixedPositiveShare,
                              mixedDetractorAtMost: mixedDetractorThreshold ?? calibrated.mixedDetractorAtMost,
                              headlineVerdictAtLeast: titleVerdict ?? calibrated.headlineVerdictAtLeast)
    }

    struct Loaded {
        var linker: CustomerLinker?
        var files: [String]
        var read: Int
        var rejects: [Reject]
    }

    /// Profiles from `--customers`, or from profile exports among `inputs` when none is given.
    func load(inputs: [String], options: IngestOptions) throws -> Loaded {
        let files = customers.isEmpty ? inputs.filter { IngestEngine.isCustomerProfileExport($0, options: options) } : customers
        guard !files.isEmpty else { return Loaded(linker: nil, files: [], read: 0, rejects: []) }
        var profiles: [CustomerProfile] = []
        var rejects: [Reject] = []
        var read = 0
        var seen = Set<String>()
        for file in files {
            let load: ProfileLoad
            do { load = try ProfileReader.load(file) } catch {
                Console.error("escucha: \(error)")
                throw ExitStatus.unreadableInput
            }
            read += load.read
            rejects += load.rejects
            for profile in load.profiles {
                // The same id in two exports: the first file wins, like the first line within one.
                if seen.insert(profile.id.rawValue).inserted {
                    profiles.append(profile)
                } else {
                    rejects.append(Reject(location: profile.location, reason: .profileDuplicateID,
                                          message: "this customer id was already read from an earlier profile file; the first one is kept"))
                }
            }
        }
        return Loaded(linker: CustomerLinker(profiles: profiles), files: files, read: read, rejects: rejects)
    }
}
