import ArgumentParser
import DealersCore

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect the store.",
        subcommands: [Verify.self]
    )

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store's integrity and every invariant of the domain; exit 0, or 65 with a list."
        )

        @OptionGroup var options: GlobalOptions

        @Flag(help: "Wait for the store when another dealers process holds it.")
        var wait = false

        func run() throws {
            try guarded {
                try options.withStore(wait: wait) { workspace, store, _ in
                    let problems = try StoreVerifier(store: store, asOf: options.date(workspace)).verify()
                    for problem in problems { print(problem) }
                    print(problems.isEmpty ? "store OK" : "\(problems.count) problems")
                    return problems.isEmpty ? 0 : 65
                }
            }
        }
    }
}
