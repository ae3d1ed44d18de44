import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// README's examples are what the program writes: its receipt example and every receipt and
/// error file it names, against a real run of the repository's own sample workspace.
@Suite("README agrees with a sample run")
struct ReadmeTests {
    static var readme: String {
        get throws { try String(contentsOf: TestWorkspace.repository.appendingPathComponent("README.md"), encoding: .utf8) }
    }

    @Test("README's receipt example has the keys and names of the receipt the sample run writes")
    func receiptExample() throws {
        let ws = try TestWorkspace.sampleRun()
        defer { ws.remove() }
        let readme = try Self.readme
        let section = try #require(readme.range(of: "Each processing of a file gets its own receipt"))
        let open = try #require(readme.range(of: "```json\n", range: section.upperBound..<readme.endIndex))
        let close = try #require(readme.range(of: "\n```", range: open.upperBound..<readme.endIndex))
        let example = try #require(try JSONSerialization.jsonObject(with: Data(readme[open.upperBound..<close.lowerBound].utf8)) as? [String: Any])
        let input = try #require(example["input"] as? String)
        let date = try #require(example["asOf"] as? String)
        #expect(date == "2026-11-24")

        let path = "outbox/receipts/\(date)/\(input).json"
        let real = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: ws.url(path))) as? [String: Any])
        #expect(Set(example.keys) == Set(real.keys), "README's receipt keys differ from \(path)'s")
        let exampleRows = try #require(example["rows"] as? [String: Any]), realRows = try #require(real["rows"] as? [String: Any])
        #expect(Set(exampleRows.keys) == Set(realRows.keys))
        #expect(example["outputs"] as? [String] == real["outputs"] as? [String])
        #expect(example["archivedTo"] as? String == real["archivedTo"] as? String)
        #expect(example["status"] as? String == real["status"] as? String)
        for output in try #require(real["outputs"] as? [String]) { #expect(ws.exists("outbox/" + output), "\(output)") }
    }

    @Test("every receipt and error file README names is one the sample run writes")
    func fileNames() throws {
        let ws = try TestWorkspace.sampleRun()
        defer { ws.remove() }
        let readme = try Self.readme
        let pattern = try NSRegularExpression(pattern: #"(?<![/\w.])(?:outbox/)?(?:[A-Z]+/)?(?:receipts|errors)/[^\s`"'),]+"#)
        let names = pattern.matches(in: readme, range: NSRange(readme.startIndex..., in: readme)).compactMap { match -> String? in
            guard let range = Range(match.range, in: readme) else { return nil }
            let name = String(readme[range]).trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
            // Patterns (`receipts/<date>/<archived name>.json`) name no file.
            return name.contains("<") || name.contains("…") ? nil : name
        }
        #expect(names.count >= 8)
        #expect(names.contains { $0.hasSuffix(".rejected.csv") })
        for name in Set(names) {
            let path = name.hasPrefix("outbox/") ? name : "outbox/" + name
            #expect(ws.exists(path), "README names \(name), which the sample run does not write")
        }
    }
}
