import DealersTestSupport
import Testing
@testable import DealersCore

/// The dry run's fact overlay against the way it replaced (users leaving the cache written as
/// JSON into the transaction): on generated files that come back to the same people again and
/// again — holders whose dependants follow far later in the file, holders moved twice, duplicated
/// rows, bajas and re-altas, extensions, stored people — both give the same rows, actions,
/// errors.csv and rejected file, and so does the run itself, with caches small enough that
/// nearly every look-up goes to the overlay and tables small enough that most are sealed.
@Suite("The fact overlay against the transaction, for a dry run")
struct FactOverlayDifferentialTests {
    /// A file of `rows` rows over `people` new people and the stored families.
    static func changes(rows: Int, people: Int, families: Int, using rng: inout SeededGenerator) -> String {
        let stored = (0..<families * 3).map { RuleMixFiles.dni(20_000_000 + $0) }
        let new = (0..<people).map { RuleMixFiles.dni(50_000_000 + $0) }
        var holders: [String] = []
        var lines: [String] = []
        func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &rng)] }
        let collectives = ["ACME-1", "ACME-1", "IBERIA_2", "IBERIA_2", "CERRADO", ""]
        let dates = ["", "", "", "01/12/2026", "01/10/2026", "15/11/2026"]
        for _ in 0..<rows {
            let kind = Int.random(in: 0..<20, using: &rng)
            let document = Int.random(in: 0..<5, using: &rng) == 0 ? pick(stored) : pick(new)
            switch kind {
            case 0..<5:   // a holder
                holders.append(document)
                lines.append("ALTA;\(pick(collectives));\(document);Ana;Núñez;a\(document)@example.es;TITULAR;;\(pick(dates));;\(pick(["", "1M", "1A"]))\r\n")
            case 5..<9:   // a dependant of a holder earlier in the file (or of nobody yet)
                let holder = holders.isEmpty || Int.random(in: 0..<6, using: &rng) == 0 ? pick(new) : pick(holders)
                lines.append("ALTA;\(pick(collectives));\(document);Luis;Peña;;\(pick(["HIJO", "HIJA", "CÓNYUGE", "OTRO"]));\(holder);\(pick(dates));;\r\n")
            case 9, 10:   // a holder moved (twice, often), or someone renamed
                let who = holders.isEmpty ? document : pick(holders)
                lines.append("MODIFICACION;\(pick(collectives));\(who);\(pick(["", "Eva", "Rosa"]));;;;;;;\r\n")
            case 11, 12:
                lines.append("BAJA;;\(holders.isEmpty ? document : pick(holders));;;;;;;\(pick(dates));\r\n")
            case 13:
                lines.append("BAJA;;\(document);;;;;;;\(pick(dates));\r\n")
            case 14, 15:
                lines.append("EXTENSION;;\(document);;;;;;;;\(pick(["1M", "1A", "2A", ""]))\r\n")
            case 16:      // a dependant changing holder
                let holder = holders.isEmpty ? pick(stored) : pick(holders)
                lines.append("MODIFICACION;;\(document);;;;HIJO;\(holder);;;\r\n")
            default:      // a duplicate of an earlier row, near or far
                lines.append(lines.isEmpty ? "BAJA;;\(document);;;;;;;;\r\n" : pick(lines))
            }
        }
        return RuleMixFiles.header + lines.joined()
    }

    @Test("the same answers as the old overlay and as the run", arguments: [UInt64(30), 31, 32])
    func sameAnswers(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let families = 20
        let stored = RuleMixFiles.stored(families: families)
        let changes = Self.changes(rows: 900, people: 150, families: families, using: &rng)
        let harness = DryRunTests()
        let run = try harness.answers(stored: stored, changes: changes, dryRun: false, cacheLimit: StoreDomainState.defaultCacheLimit)
        #expect(run.rows.applied > 100 && run.rows.rejected > 100, "\(run.rows)")
        for code in ["ACTIVE_CONTRACT_EXISTS", "HOLDER_NOT_FOUND", "HOLDER_HAS_DEPENDANTS", "UNKNOWN_USER"] {
            #expect(run.errors.contains(code), "no \(code) in the mix")
        }
        for limit in [1, 7, StoreDomainState.defaultCacheLimit] {
            let old = try harness.answers(stored: stored, changes: changes, dryRun: true, cacheLimit: limit, overlay: .transaction)
            for overlay in [DryRunOverlay.facts(FactOverlay.Limits(tableSlots: 8, arenaMemory: 0)), .standard] {
                let new = try harness.answers(stored: stored, changes: changes, dryRun: true, cacheLimit: limit, overlay: overlay)
                #expect(new == old, "cache of \(limit) users, \(overlay)")
            }
            #expect(old == run, "cache of \(limit) users")
        }
    }
}
