import Foundation
import Testing
@testable import DealersCore

@Suite("Strict JSON of settings and layouts")
struct StrictJSONTests {
    @Test("what is not RFC 8259 JSON is refused at its line and column", arguments: [
        ("{\n  \"dealers\": [\"ACME\"],\n}\n", 3, 1, "trailing comma"),
        ("{\n  \"dealers\": [\"ACME\",]\n}", 2, 22, "trailing comma"),
        ("{\n  \"language\": \"es\"\n  \"dealers\": []\n}", 3, 3, "expected ',' or '}', found '\"'"),
        ("{\"language\": 'es'}", 1, 14, "found '''"),
        ("{\"stabilitySeconds\": NaN}", 1, 22, "expected a value"),
        ("{\"language\": \"es\"} // comment", 1, 20, "expected the end of the document"),
        ("{\"language\": \"es\", \"language\": \"en\"}", 1, 20, "\"language\" appears twice"),
        ("{\"timeZone\": \"Europe/Madrid", 1, 14, "the end of a string"),
        ("", 1, 1, "expected a value, found the end of the file"),
        ("{\n  \"ñandú\": tru\n}", 2, 12, "expected true"),
    ])
    func refused(text: String, line: Int, column: Int, words: String) throws {
        let problem = try #require(StrictJSONCheck.problem(in: Data(text.utf8)))
        #expect(problem.line == line && problem.column == column, "\(problem)")
        #expect(problem.message.contains(words), "\(problem.message)")
    }

    @Test("valid JSON passes, a UTF-8 byte order mark included")
    func accepted() throws {
        for text in ["{}", "[]", "{\"a\": [1, 2.5e3, -0, true, false, null, \"\\u00f1\"], \"b\": {}}", " \r\n{ \"a\" : 1 }\n"] {
            #expect(StrictJSONCheck.problem(in: Data(text.utf8)) == nil, "\(text)")
        }
        let bom = Data([0xEF, 0xBB, 0xBF]) + Data(#"{"language": "en"}"#.utf8)
        #expect(try Settings.parse(data: bom, file: "dealers.json").language == .en)
    }

    @Test("dealers.json with a trailing comma is a settings error (exit 78) at file:line:column")
    func settingsTrailingComma() throws {
        let json = "{\n  \"dealers\": [\"ACME\"],\n  \"language\": \"es\",\n}\n"
        let error = try #require(throws: DealersError.self) {
            try Settings.parse(data: Data(json.utf8), file: "/ws/dealers.json")
        }
        #expect(error.kind == .config && error.exitCode == 78)
        #expect(error.description.hasPrefix("/ws/dealers.json:4:1: not valid JSON: "), "\(error)")
    }

    @Test("a layout that is not JSON is refused at file:line:column, exit 78")
    func layoutSyntax() throws {
        let json = "{\n  \"kind\": \"users\",\n  \"schema\": { \"fields\": [ { \"name\": \"a\" }, ] }\n}"
        let error = try #require(throws: DealersError.self) {
            try LayoutLoader.load(data: Data(json.utf8), file: "layouts/mine.json")
        }
        #expect(error.exitCode == 78)
        #expect(error.path == "layouts/mine.json:3:44", "\(error)")
        #expect(error.message.contains("trailing comma"))
    }
}
