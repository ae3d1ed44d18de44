import ArgumentParser
import DealersCore
import DealersPostgres
import Foundation

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect, check, back up and edit the store.",
        discussion: """
        The store keeps its documents in a few segment files, or in PostgreSQL ("store" in dealers.json; \
        docs/store.md). Read a document with \
        `store show KEY`, all of them with `store export`; change one with `store put KEY FILE` or \
        `store delete KEY`, many with `store import FILE`: each edit is one crash-safe transaction.
        """,
        subcommands: [Verify.self, Show.self, Export.self, Import.self, Put.self, Delete.self, Migrate.self, Compact.self, Copy.self]
    )

    /// Makes one change to the store as one transaction (made again after meeting a concurrent
    /// one: PostgreSQL); exit code 0.
    static func change(_ options: GlobalOptions, wait: Bool, _ body: (any DocumentTransaction) throws -> Void) throws -> Int32 {
        try options.withStore(wait: wait) { _, store, logger in
            try ConflictRetry.run("the store edit", doing: "making it", logger: logger) {
                let transaction = store.beginTransaction()
                try body(transaction)
                try DataVersion.noteChanges(in: transaction)
                try transaction.commit()
            }
            return 0
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store's files (checksums, indexes) and every invariant of the domain; exit 0, or 65 with a list.",
            discussion: "Judged as of --as-of, else as of the date of the store's latest change (today for an empty store)."
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        func run() throws {
            try guarded {
                try options.withStore(wait: waiting.wait) { workspace, store, logger in
                    // Without --as-of, the store is judged as of its own latest change, not the wall
                    // clock: a store written for a later date is not "wrong" today, and one whose
                    // nightly has not run yet today is not either.
                    let asOf = try options.asOf == nil ? StoreDomainState.lastAsOf(in: store) ?? options.date(workspace)
                        : options.date(workspace)
                    let verifier = StoreVerifier(store: store, asOf: asOf, logger: logger)
                    // In PostgreSQL, workers could commit between the verifier's connections: hold them off.
                    let problems = try (store as? PostgresStore).map { try $0.schemaProblems() + $0.holdingWriterLock { try verifier.verifyAll() } }
                        ?? verifier.verifyAll()
                    for problem in problems { print(problem) }
                    print(problems.isEmpty ? "store OK" : "\(problems.count) problems")
                    return problems.isEmpty ? 0 : 65
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print one document, indented (exit 66 when there is none).",
            discussion: "Example: dealers store show users/3f/12345678Z.json"
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "The document's key, e.g. collectives/NORTE.json.")
        var key: String

        func run() throws {
            try guarded {
                let store = try options.readOnlyStore(try options.workspace(), logger: options.logger())
                defer { store.close() }
                guard let data = try store.read(try StoreKey(key)) else {
                    throw DealersError(.noInput, path: store.location(of: try StoreKey(key)), "no such document")
                }
                FileHandle.standardOutput.write(StoreJSON.indented(data))
                return 0
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every document (or those under a prefix) as JSON Lines: {\"k\":KEY,\"v\":DOCUMENT}.",
            discussion: "A backup that `store import` restores: dealers store export > store.jsonl"
        )

        @OptionGroup var options: GlobalOptions

        @Argument(help: "Only keys under this folder prefix, e.g. users.")
        var prefix: String = ""

        func run() throws {
            try guarded {
                let store = try options.readOnlyStore(try options.workspace(), logger: options.logger())
                defer { store.close() }
                var buffer: [UInt8] = []
                try store.export(under: prefix) { line in
                    buffer.append(contentsOf: line)
                    if buffer.count >= 1 << 20 { FileHandle.standardOutput.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
                }
                FileHandle.standardOutput.write(Data(buffer))
                return 0
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a JSON Lines file of documents ({\"k\":KEY,\"v\":DOCUMENT} or {\"k\":KEY,\"d\":true}) as one transaction."
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        @Argument(help: "The file, as `store export` writes it.")
        var file: String

        func run() throws {
            try guarded {
                try options.withStore(wait: waiting.wait) { _, store, _ in
                    let count = try store.importDocuments(from: URL(fileURLWithPath: file))
                    print("\(count) documents imported")
                    return 0
                }
            }
        }
    }

    struct Put: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one document from a JSON file (or - for standard input), as one transaction.",
            discussion: "Edit by hand: dealers store show KEY > doc.json; edit doc.json; dealers store put KEY doc.json; dealers store verify"
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        @Argument(help: "The document's key.")
        var key: String

        @Argument(help: "A file holding one JSON value, or - for standard input.")
        var file: String

        func run() throws {
            try guarded {
                let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
                do {
                    _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
                } catch {
                    throw DealersError(.data, path: file, "is not valid JSON: \(error.localizedDescription)")
                }
                return try StoreCommand.change(options, wait: waiting.wait) { transaction in
                    try transaction.write(try StoreKey(key), json: JSONCompaction.compact(data, what: key))
                }
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove one document, as one transaction.")

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        @Argument(help: "The document's key.")
        var key: String

        func run() throws {
            try guarded {
                try StoreCommand.change(options, wait: waiting.wait) { try $0.delete(try StoreKey(key)) }
            }
        }
    }

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upgrade a store of an earlier layout now (any command that writes does it too); then verify it.",
            discussion: "Take a copy of store/ first if you want to be able to go back to the earlier dealers."
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        func run() throws {
            try guarded {
                try options.withFolderStore(wait: waiting.wait, command: "store migrate") { _, store, _ in
                    let problems = try store.verifyFiles()
                    for problem in problems { print(problem) }
                    print(problems.isEmpty ? "store OK (schema \(store.schemaVersion))" : "\(problems.count) problems")
                    return problems.isEmpty ? 0 : 65
                }
            }
        }
    }

    struct Compact: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge every segment into one (drops superseded documents and deletions); normally automatic."
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        func run() throws {
            try guarded {
                try options.withFolderStore(wait: waiting.wait, command: "store compact") { _, store, _ in
                    try store.compact()
                    return 0
                }
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the whole store into another, empty one (a folder or PostgreSQL) and check it on arrival.",
            discussion: """
            Moves a workspace between backends: dealers store copy --to postgres://dealers@db:5432/dealers \
            (password from $DEALERS_PG_PASSWORD), then set "store" in dealers.json; or back: \
            dealers store copy --to /srv/dealers/store-copy. Stop the workers first: the copy reads \
            one committed state and writes it as one transaction.
            """
        )

        @OptionGroup var options: GlobalOptions

        @OptionGroup var waiting: WaitOption

        @Option(help: ArgumentHelp("The target: a postgres:// URL or a folder (created; must hold no store yet).", valueName: "store"))
        var to: String

        func run() throws {
            try guarded {
                let workspace = try options.workspace()
                let logger = options.logger()
                let source = try options.readOnlyStore(workspace, logger: logger)
                defer { source.close() }
                let location = try StoreLocation.parse(to)
                let target = try location.openForWriting(wait: waiting.wait, logger: logger)
                defer { target.close() }
                let result = try StoreCopy.copy(from: source, to: target)
                print("\(result.documents) documents copied to \(location) and checked")
                return 0
            }
        }
    }
}
