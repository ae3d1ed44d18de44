import DealersTestSupport
import Foundation
import Testing

/// docs/portal.md's curl examples of the receipts API are what a served portal answers: the
/// block runs as written (`sh -e`) against `dealers serve` on the sample workspace run as of
/// 2026-11-24, its correction is then processed by `dealers run` and applied once.
@Suite("docs/portal.md's API examples run")
struct PortalDocsTests {
    static let password = "una contraseña larga"

    /// The ```sh block after "## The receipts API".
    static func examples() throws -> String { try examples(after: "## The receipts API") }

    /// The first ```sh block after `heading`, or after `marker` within it.
    static func examples(after heading: String, marker: String? = nil) throws -> String {
        let docs = try String(contentsOf: TestWorkspace.repository.appendingPathComponent("docs/portal.md"), encoding: .utf8)
        var section = try #require(docs.range(of: heading))
        if let marker { section = try #require(docs.range(of: marker, range: section.upperBound..<docs.endIndex)) }
        let open = try #require(docs.range(of: "```sh\n", range: section.upperBound..<docs.endIndex))
        let close = try #require(docs.range(of: "\n```", range: open.upperBound..<docs.endIndex))
        return String(docs[open.upperBound..<close.lowerBound])
    }

    /// Runs `script` with `sh -e` in `folder` with `environment`.
    static func shell(_ script: String, in folder: URL, environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try PythonModule.runProgram("/bin/sh", ["-e", "-c", script], in: folder, environment: environment)
    }

    @Test("the customer look-up's examples: the index written with the reports, a token, a search and a customer",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed"))
    func theLookupExamplesAnswerAsDocumented() throws {
        let workspace = try TestWorkspace.sampleRun()
        defer { workspace.remove() }
        #expect(!workspace.exists("portal/lookup/users.idx"), "no portal accounts, no index")
        #expect(try workspace.addPortalAccount("olga", dealer: nil, password: Self.password).status == 0)
        let server = try ServeProcess(workspace: workspace)
        defer { _ = server.stop() }
        let script = try Self.examples(after: "## Customer look-up", marker: "These run as written")
        let binaries = RunningProcess.binary.deletingLastPathComponent().path
        let environment = ["PORTAL": server.base, "ROOT": workspace.root.path,
                           "PATH": binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
        let result = try Self.shell(script, in: workspace.root, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"href\" : \"/api/users/23456789D\""), "\(result.stdout)")
        #expect(result.stdout.contains("\"lastName\" : \"Peña Ibáñez\""), "\(result.stdout)")
        #expect(result.stdout.contains("\"holder\" : \"12345678Z\""), "the customer's record: \(result.stdout)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl"), "curl is not installed"))
    func theReceiptsAPIExamplesAnswerAsDocumentedAndTheCorrectionIsAppliedOnce() throws {
        let workspace = try TestWorkspace.sampleRun()
        defer { workspace.remove() }
        #expect(try workspace.addPortalAccount("olga", dealer: nil, password: Self.password).status == 0)
        let server = try ServeProcess(workspace: workspace)
        defer { _ = server.stop() }
        let folder = workspace.url("curl")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = try Self.examples()
        let environment = ["PORTAL": server.base, "PASSWORD": Self.password]

        let first = try Self.shell(script, in: folder, environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"href\" : \"/api/receipts/2026-11-24/usuarios-2026-11.csv\""), "\(first.stdout)")
        #expect(first.stdout.contains("\"rejectedRows\" : ["))
        #expect(first.stdout.contains("\"inbox\" : \"usuarios-2026-11.correccion-2026-11-24.csv\""))
        #expect(first.stdout.contains("\"error\" : \"WAITING\""), "not processed yet")
        #expect(workspace.exists("inbox/usuarios-2026-11.correccion-2026-11-24.csv"))

        #expect(try workspace.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(try workspace.user("45678901G") != nil, "the corrected row is applied")
        let processed = try Self.shell("STATUS=$(sed -n 's/.*\"status\" : \"\\(.*\\)\".*/\\1/p' correction.json)\n"
                                       + "curl -sf -u \"olga:$PASSWORD\" -H 'Accept: application/json' \"$PORTAL$STATUS\"",
                                       in: folder, environment: environment)
        #expect(processed.stdout.contains("\"status\" : \"APPLIED\""), "\(processed.stdout) \(processed.stderr)")

        // The examples again: the same correction, once processed, is a duplicate and changes nothing.
        let again = try Self.shell(script, in: folder, environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try workspace.run(["run", "--as-of", "2026-11-24"]).status == 0)
        let second = try workspace.receipt("outbox/receipts/2026-11-24/usuarios-2026-11.correccion-2026-11-24.2.csv.json")
        #expect(second.status == .duplicate && second.rows.applied == 0)
    }
}
