import ArgumentParser
import DealersCore
import Foundation

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a ready workspace: default layouts, an example dealers.json, empty inbox/ outbox/ store/ archive/.",
        discussion: "DIR is created when missing. A folder that already holds files is refused unless --force, which writes the layouts and dealers.json over what is there and keeps everything else."
    )

    @Argument(help: "The workspace folder to create.")
    var directory: String

    @Flag(help: "Use a folder that is not empty (the layouts and dealers.json are overwritten).")
    var force = false

    func run() throws {
        try guarded {
            let root = URL(fileURLWithPath: directory, isDirectory: true)
            let created = try WorkspaceInitializer.create(at: root, force: force)
            print("workspace ready in \(root.standardizedFileURL.path)")
            for path in created { print("  \(path)") }
            print("next: declare your dealers in dealers.json, drop a file into inbox/, run `dealers run --root \(directory)`")
            return 0
        }
    }
}
