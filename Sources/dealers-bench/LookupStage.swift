import DealersCore
import Foundation

/// Stage `lookup` (issue 34, docs/performance.md "Customer look-up"): the portal's look-up index
/// for N users — the generator's people (names, e-mails, phones, one contract each), spread over
/// ten dealers with a seller for one in three — written by ``LookupIndexWriter`` as the reports
/// write it (timed: `lookup:write`), then 1,000 searches as people type them (the first letters
/// of a surname, a first name and the start of a surname, five digits of a document, the start
/// of an e-mail, six digits of a phone, a contract number's start), scoped to one dealer for
/// three in four, at most 20 answers (`lookup:search`: p95 as the seconds, p50 and max in the
/// note). The target: p95 under 100 ms at 1 M users.
enum LookupStage {
    static let dealers = (0..<10).map { "D\($0)" }

    static func run(data: DataSet) throws -> [StageResult] {
        let root = data.root.appendingPathComponent("ws-lookup")
        try FileSystem.createDirectory(root.path)
        try AtomicFile.write(Data(#"{"dealers": [\#(dealers.map { "\"\($0)\"" }.joined(separator: ", "))]}"#.utf8),
                             to: root.appendingPathComponent("dealers.json"))
        let workspace = try Workspace(root: root)
        let index = LookupIndex(workspace: workspace)
        let generator = data.generator
        let day = CivilDate(iso: "2026-01-01") ?? CivilDate(Date(), in: .gmt)
        func user(_ i: Int) -> (User, String) {
            let row = generator.alta(i)
            let contract = Contract(number: String(format: "C%09d", i), start: day, end: day, collective: row.collective)
            let user = User(document: row.document, firstName: row.firstName, lastName: row.lastName, email: row.email,
                            phone: row.phone.isEmpty ? nil : row.phone, relationship: .titular, dependants: [],
                            collective: row.collective, seller: i % 3 == 0 ? "V\(i % 7)" : nil, contracts: [contract], history: [],
                            createdOn: day, updatedOn: day)
            return (user, dealers[i % dealers.count])
        }
        let (_, writeSeconds) = try Measure.time {
            let writer = LookupIndexWriter(index: index)
            for i in 0..<data.rows {
                let (u, dealer) = user(i)
                try writer.add(u, dealer: dealer)
            }
            try writer.finish()
        }
        let writePeak = Measure.peakResidentMiB()
        let indexBytes = (try? FileSystem.info(at: index.url.path).size) ?? 0

        var rng = SplitMix64(seed: 34)
        var times: [Double] = []
        var answers = 0
        for q in 0..<1_000 {
            let (u, dealer) = user(Int(rng.next() % UInt64(data.rows)))
            let surname = u.lastName.split(separator: " ").first.map(String.init) ?? u.lastName
            let query: String
            switch q % 6 {
            case 0: query = String(surname.prefix(3))
            case 1: query = u.firstName + " " + String(surname.prefix(2))
            case 2: query = String(u.document.prefix(5))
            case 3: query = String((u.email ?? u.document).prefix(6))
            case 4: query = String((u.phone ?? u.document).filter(\.isNumber).prefix(6))
            default: query = String(u.contracts[0].number.prefix(7))
            }
            let scope = LookupIndex.Scope(dealer: q % 4 == 3 ? nil : dealer, seller: nil)
            let (found, seconds) = try Measure.time { try index.search(query, scope: scope, limit: 20) }
            answers += found.count
            times.append(seconds)
        }
        times.sort()
        let p50 = times[times.count / 2], p95 = times[times.count * 95 / 100], worst = times[times.count - 1]
        return [
            StageResult(stage: Stage.lookup.rawValue + ":write", rows: data.rows, seconds: writeSeconds, peakMiB: writePeak,
                        note: String(format: "index %.0f MiB", Double(indexBytes) / 1_048_576), figures: ["indexBytes": Double(indexBytes)]),
            StageResult(stage: Stage.lookup.rawValue + ":search", rows: times.count, seconds: p95, peakMiB: Measure.peakResidentMiB(),
                        note: String(format: "1000 searches: p50 %.2f ms, p95 %.2f ms, max %.2f ms; %d answers",
                                     p50 * 1000, p95 * 1000, worst * 1000, answers),
                        figures: ["p50": p50, "p95": p95, "max": worst]),
        ]
    }
}
