import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// A store written by the previous release (one pretty-printed file per document: the fixture
/// `Fixtures/store-v1` is what that release left after running the repository's sample inbox)
/// is upgraded to segments by the first command that writes, and holds the same documents after.
@Suite("Upgrading a store of the previous release")
struct StoreUpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/store-v1")

    /// Every document of the fixture, key → parsed JSON.
    static func legacyDocuments() throws -> [String: NSObject] {
        var result: [String: NSObject] = [:]
        let base = fixture.path + "/"
        guard let walker = FileManager.default.enumerator(at: fixture, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where url.pathExtension == "json" && url.lastPathComponent != "meta.json" {
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url), options: [.fragmentsAllowed])
            result[url.path.replacingOccurrences(of: base, with: "")] = object as? NSObject
        }
        return result
    }

    @Test("readers ask for the upgrade; store migrate upgrades and verifies; the documents are the same; runs go on")
    func upgrade() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try FileManager.default.copyItem(at: Self.fixture, to: ws.url("store"))
        let expected = try Self.legacyDocuments()
        #expect(expected.count > 30)

        try ws.write("check.csv", Samples.users)
        let validate = try ws.run(["validate", ws.url("check.csv").path, "--as-of", "2026-11-25"])
        #expect(validate.status == 75)
        #expect(validate.stderr.contains("store migrate"))

        let migrate = try ws.run(["store", "migrate", "--as-of", "2026-11-25"])
        #expect(migrate.status == 0, "stderr: \(migrate.stderr)")
        #expect(migrate.stdout.contains("store OK"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws.url("store").path).sorted()
                == ["journal", "lock", "manifest.json", "meta.json", "segments"])
        var upgraded: [String: NSObject] = [:]
        try ws.store().forEachDocument(under: "") { key, bytes in
            upgraded[key.path] = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? NSObject
        }
        #expect(upgraded == expected)
        #expect(try ws.run(["store", "verify", "--as-of", "2026-11-25"]).status == 0)

        // The upgraded store takes new files: an EXTENSION of a user the old release created.
        let user = try #require(try ws.user("Z1112223V"))
        try ws.write("inbox/ACME/extension.csv", "Acción;Nº Documento;Periodo\r\nEXTENSION;Z1112223V;1M\r\n")
        let run = try ws.run(["run", "--as-of", "2026-11-25"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(try ws.user("Z1112223V")?.contracts.last?.end == user.contracts.last?.end.adding(months: 1))
    }
}
