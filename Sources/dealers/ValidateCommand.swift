import ArgumentParser
import DealersCore
import Foundation

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check one file without changing anything: writes its error files to outbox/validate/, prints a summary.",
        discussion: """
        Rows are validated against the layout and checked against the store's current state (collectives, contracts); \
        nothing is applied and the file stays where it is. The answer goes to outbox/validate/ (outbox/<DEALER>/validate/ \
        with --dealer; --seller CODE checks in that seller's scope, as the portal applies a seller's upload): \
        <file>.json and the error files, replaced by the next validation of the same name; never to the \
        receipts/ and errors/ names a real run uses. With --no-files nothing is written: the errors are printed to \
        standard output as errors.csv would hold them, and the summary goes to standard error.
        """
    )

    @OptionGroup var options: GlobalOptions

    @Option(help: ArgumentHelp("Use this layout instead of identifying one.", valueName: "name"))
    var layout: String?

    @Option(help: ArgumentHelp("Check as this dealer (rules of dealer isolation).", valueName: "code"))
    var dealer: String?

    @Option(help: ArgumentHelp("Check as this seller of --dealer: the rows reach only the seller's clients, an ALTA without Vendedor gets the seller's.",
                               valueName: "code"))
    var seller: String?

    @Flag(help: "Write no files: print the errors to standard output in the errors.csv format (the summary goes to standard error).")
    var noFiles = false

    @Argument(help: "The file to check.")
    var file: String

    func validate() throws {
        if let seller {
            guard dealer != nil else { throw ValidationError("--seller needs --dealer: a seller is one dealer's") }
            guard SellerCode.isValid(seller) else { throw ValidationError("seller code \"\(seller)\": expected \(SellerCode.expected)") }
        }
    }

    func run() throws {
        try guarded {
            let workspace = try options.workspace()
            let url = URL(fileURLWithPath: file)
            guard try FileSystem.exists(url.path, followingLinks: true) else {
                throw DealersError(.noInput, path: url.path, "no such file")
            }
            let catalog = try LayoutCatalog(folder: workspace.layouts)
            var chosen: Layout?
            if let layout {
                guard let found = catalog.layout(named: layout) else {
                    throw DealersError(.usage, "no layout named \"\(layout)\"; known: \(catalog.layouts.map(\.name).joined(separator: ", "))")
                }
                chosen = found
            }
            let logger = options.logger()
            let store = try options.readOnlyStore(workspace, logger: logger)
            defer { store.close() }
            let processor = FileProcessor(context: RunContext(workspace: workspace, asOf: options.date(workspace), logger: logger), catalog: catalog)
            // --no-files: the answer is made in a private folder, printed, and removed.
            let scratch = noFiles ? FileSystem.uniqueTemporaryURL(prefix: "dealers-validate") : nil
            defer { if let scratch { try? FileSystem.removeTree(scratch.path) } }
            let outbox = scratch ?? workspace.outbox(dealer: dealer)
            let receipt = try processor.process(url, dealer: dealer, store: store, layout: chosen, dryRun: true, validationOutbox: outbox,
                                                seller: seller)
            if scratch != nil {
                FileHandle.standardError.write(Data((receipt.summary + "\n").utf8))
                if let errors = receipt.outputs.first(where: { $0.hasSuffix(".errors.csv") }) {
                    try Self.printWithoutMark(outbox.appendingPathComponent(errors))
                }
            } else {
                print(receipt.summary)
                for output in receipt.outputs { print("  \(outbox.appendingPathComponent(output).path)") }
            }
            return receipt.rows.rejected > 0 || receipt.layout == nil || receipt.errors > 0 && receipt.rows.read == 0 ? 65 : 0
        }
    }

    /// Copies a UTF-8 file to standard output without its byte order mark, a chunk at a time
    /// (an errors file may be as large as its input).
    private static func printWithoutMark(_ file: URL) throws {
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        var first = true
        while var chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty {
            if first, chunk.starts(with: TextEncoding.utf8.byteOrderMark) { chunk.removeFirst(TextEncoding.utf8.byteOrderMark.count) }
            first = false
            FileHandle.standardOutput.write(chunk)
        }
    }
}
