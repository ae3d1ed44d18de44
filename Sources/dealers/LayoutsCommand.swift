import ArgumentParser
import DealersCore
import Foundation

struct Layouts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and check the layouts; with files, show which layout each would match and why."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(help: "Files to identify.")
    var files: [String] = []

    func run() throws {
        try guarded {
            let workspace = try options.workspace()
            let catalog = try LayoutCatalog(folder: workspace.layouts)
            if files.isEmpty {
                for layout in catalog.layouts {
                    let pattern = layout.match.fileNamePattern.map { " name~/\($0)/" } ?? ""
                    let signature = layout.match.headerSignature.isEmpty ? "" : " header⊇[\(layout.match.headerSignature.joined(separator: ","))]"
                    print("\(layout.name)\t\(layout.kind.rawValue)\t\(layout.format.name)\t\(layout.schema.fields.count) fields\(pattern)\(signature)")
                }
                for hint in catalog.layouts.compactMap(\.odsPatternHint) { print("note: \(hint)") }
                print("\(catalog.layouts.count) layouts OK in \(workspace.layouts.path)")
                return 0
            }
            var code: Int32 = 0
            for file in files {
                let match = catalog.identify(URL(fileURLWithPath: file))
                if let refusal = match.refusal {
                    print("\(file): MALFORMED_FILE (\(refusal.en))")
                    code = 65
                } else if let layout = match.layout {
                    print("\(file): \(layout.name) (\(match.reason))")
                } else {
                    print("\(file): UNKNOWN_LAYOUT (\(match.reason))")
                    code = 65
                }
            }
            return code
        }
    }
}
