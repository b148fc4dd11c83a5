import ArgumentParser
import CEscuchaSystem
import Foundation

/// The command-line face of the Escucha library: thin commands over EscuchaIngest and friends.
struct Escucha: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "escucha",
        abstract: "Voice-of-customer analysis for Spanish text: reviews, social posts, forums and surveys.",
        discussion: """
        Exit codes: 0 success · 1 finished, but records were rejected and --strict was given · \
        2 usage error · 3 an input path is missing or unreadable · 4 an output could not be written.
        """,
        version: EscuchaVersion.string,
        subcommands: [Scan.self, Ingest.self, Normalize.self, Score.self, Explain.self, Eval.self, TriageCommand.self, ReportCommand.self, Calibrate.self],
        defaultSubcommand: nil
    )
}

enum EscuchaVersion {
    static let string = "0.1.0"
}

/// Documented exit codes (README, `escucha --help`).
enum ExitStatus {
    static let rejectsUnderStrict = ExitCode(1)
    static let usage = ExitCode(2)
    static let unreadableInput = ExitCode(3)
    static let outputFailed = ExitCode(4)
}

@main
enum Main {
    static func main() {
        escucha_tune_allocator()
        do {
            var command = try Escucha.parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch {
            let code = Escucha.exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(Escucha.fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = Escucha.fullMessage(for: error)
            FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
            // ArgumentParser says 64 for usage errors; Escucha documents 2.
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}
