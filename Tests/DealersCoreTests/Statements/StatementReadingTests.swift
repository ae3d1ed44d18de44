import Foundation
import Testing
@testable import DealersCore

private let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
private func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// Reads a Norma 43 file with the shipped layout and returns the movements, or the rejection.
func readNorma43(_ url: URL, lenient: Bool = false) throws -> (movements: [BankMovement], rejection: StatementRejection?, warnings: Int) {
    let layout = try LayoutLoader.load(repo.appendingPathComponent("layouts/norma43.json"))
    guard case .fixedWidth(let format) = layout.format else { throw DealersError(.layout, "not fixed-width") }
    var names: [String: [String: Int]] = [:]
    for (type, fields) in format.records { names[type] = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) }) }
    var movements: [BankMovement] = []
    var statement = Norma43Statement(fields: names, lenient: lenient) { movements.append($0) }
    var last = 0
    do {
        try RecordSources.make(url, layout: layout).read { last = $0.line; try statement.feed($0) }
        try statement.finish(lastLine: last)
    } catch let r as StatementRejection {
        return (movements, r, statement.warnings.count)
    }
    return (movements, nil, statement.warnings.count)
}

/// Builds a Norma 43 file: one account, the given movements (credit?, cents, reference, concept),
/// totals that match unless `creditTotal` says otherwise.
func norma43(_ movements: [(Bool, Int, String, String)], creditTotal: Int? = nil) -> String {
    func r(_ s: String) -> String { s.padding(toLength: 80, withPad: " ", startingAt: 0) }
    func n(_ v: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(v).count)) + String(v) }
    var lines = [r("11" + "9999" + "0001" + "0123456789" + "261101" + "261130" + "2" + n(0, 14) + "978" + "3" + "ACME")]
    for (credit, cents, ref, concept) in movements {
        lines.append(r("22" + "    " + "0001" + "261120" + "261120" + "04" + "007" + (credit ? "2" : "1") + n(cents, 14)
                       + n(0, 10) + ref.padding(toLength: 12, withPad: " ", startingAt: 0)))
        lines.append(r("2301" + concept))
    }
    let credits = movements.filter(\.0), debits = movements.filter { !$0.0 }
    lines.append(r("33" + "9999" + "0001" + "0123456789" + n(debits.count, 5) + n(debits.map(\.1).reduce(0, +), 14)
                   + n(credits.count, 5) + n(creditTotal ?? credits.map(\.1).reduce(0, +), 14) + "2" + n(0, 14) + "978"))
    lines.append(r("88" + String(repeating: "9", count: 18) + n(lines.count, 6)))
    return lines.joined(separator: "\r\n") + "\r\n"
}

@Suite("Bank statements: Norma 43 and camt")
struct StatementReadingTests {
    @Test("sample example1: its record-33 totals do not match its four credits, so it is rejected naming both")
    func example1() throws {
        let result = try readNorma43(fixture("norma43-sequra-example1.n43"))
        let rejection = try #require(result.rejection)
        #expect(rejection.code == .statementTotalsMismatch)
        #expect(rejection.detail.en.contains("record 33 says 4 debits 49.36, 2 credits 9999.99"))
        #expect(rejection.detail.en.contains("the movements add up to 0 debits 0.00, 4 credits 49.36"))
    }

    @Test("sample example2 has no 33 and 88: rejected by default, read with its 4 credits when lenient")
    func example2() throws {
        let strict = try readNorma43(fixture("norma43-sequra-example2.n43"))
        #expect(strict.rejection?.code == .statementIncomplete)
        let lenient = try readNorma43(fixture("norma43-sequra-example2.n43"), lenient: true)
        #expect(lenient.rejection == nil && lenient.warnings == 2)
        #expect(lenient.movements.count == 4 && lenient.movements.allSatisfy(\.isCredit))
        #expect(lenient.movements.first?.amount == Decimal(string: "97.26"))
        #expect(lenient.movements.first?.currency == "EUR" && lenient.movements.first?.date == CivilDate(iso: "2025-03-17"))
        #expect(lenient.movements.first?.text.contains("MARIA NARANJO ENFLOR") == true)
        #expect(Set(lenient.movements.map(\.id)).count == 4)
    }

    @Test("movement ids are stable: the same statement read twice gives the same ids; identical movements differ by order")
    func stableIds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("a.n43")
        try norma43([(true, 990, "C00000001", "CUOTA"), (true, 990, "C00000001", "CUOTA"), (false, 500, "", "COMISION")])
            .write(to: url, atomically: true, encoding: .utf8)
        let a = try readNorma43(url), b = try readNorma43(url)
        #expect(a.rejection == nil && a.movements.count == 3)
        #expect(a.movements.map(\.id) == b.movements.map(\.id))
        #expect(a.movements[0].id != a.movements[1].id && a.movements[0].id.hasPrefix("N43-"))
        try norma43([(true, 990, "C00000001", "CUOTA")], creditTotal: 991).write(to: url, atomically: true, encoding: .utf8)
        #expect(try readNorma43(url).rejection?.code == .statementTotalsMismatch)
    }

    @Test("camt samples (053 v2, 054 v2 and v8): every entry is read with amount, currency, direction and date",
          arguments: [("camt-genkgo-camt053.v2.minimal.xml", 1), ("camt-genkgo-camt053.v2.multi.statement.xml", 2),
                      ("camt-genkgo-camt054.v2.xml", 1), ("camt-genkgo-camt054.v8.xml", 1)])
    func camt(file: String, count: Int) throws {
        var entries: [CamtEntry] = []
        try CamtReader(url: fixture(file)).entries { entries.append($0) }
        #expect(entries.count == count)
        #expect(entries.allSatisfy { $0.amount != nil && $0.currency.count == 3 && $0.date != nil })
    }

    @Test("camt.053 minimal: the entry (not the balances) with its amount, currency, direction and booking date")
    func camtDetail() throws {
        var entries: [CamtEntry] = []
        try CamtReader(url: fixture("camt-genkgo-camt053.v2.minimal.xml")).entries { entries.append($0) }
        let e = try #require(entries.first)
        #expect(e.amount == Decimal(string: "8.85") && e.currency == "EUR" && e.isCredit)
        #expect(e.date == CivilDate(iso: "2014-12-31"))
    }

    @Test("a file that is not camt is refused with a data error")
    func notCamt() throws {
        #expect(throws: DealersError.self) { try CamtReader(url: fixture("norma43-sequra-example2.n43")).entries { _ in } }
    }

    @Test("contract numbers and documents are found in free text")
    func matcher() {
        #expect(StatementMatcher.contractNumber(in: "REFC00000012") == "C00000012")
        #expect(StatementMatcher.contractNumber(in: "C000000123") == nil)
        #expect(StatementMatcher.contractNumber(in: "PEDIDO") == nil)
    }
}
