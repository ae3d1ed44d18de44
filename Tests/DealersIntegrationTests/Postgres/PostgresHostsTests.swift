import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Workers on separate (test) hosts: network namespaces with a link of their own to the server
/// (``TestHosts``). Skipped, and saying why, where the machine cannot make them.
@Suite("Workers on separate hosts", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason),
       .enabled(if: TestHosts.unavailableReason == nil, Comment(rawValue: TestHosts.unavailableReason ?? "")))
struct PostgresHostsTests {
    static let asOf = ["--as-of", "2026-11-24"]

    // Disabled: the hosts, the relay, the cut and the takeover work, but the cut worker, once its
    // link is mended, was seen still blocked after 120 s (TCP retransmission back-off on its
    // writer connection, whose server session had ended): to be finished (issue 33, item 5).
    @Test("a worker's link cut in the middle of a file: its lease passes, a worker on another host applies the file once, the cut one commits nothing",
          .disabled("unfinished: the cut worker can stay blocked after its link is mended (issue 33, item 5)"))
    func cutLink() throws {
        let db = try TestDatabase()
        defer { db.drop() }
        let server = try db.postgresURL
        let hosts = try TestHosts(server: server.host, port: server.port, hosts: 2)
        defer { hosts.remove() }
        let url = "postgres://\(server.user)@\(hosts.relayAddress):\(hosts.relayPort)/\(server.database)"
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0, "pollSeconds": 0.2, "store": {"backend": "postgresql", "url": "\#(url)", "leaseSeconds": 2}}"#)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", PostgresWorkersTests.collectives)
        #expect(try ws.run(["run"] + Self.asOf).status == 0)
        let rows = 12_000
        try ws.write("inbox/grande.csv", PostgresWorkersTests.users(first: 0, count: rows, collective: "NORTE"))
        let small = (0..<6).map { "p-\($0).csv" }
        for (f, name) in small.enumerated() {
            try ws.write("inbox/\(name)", PostgresWorkersTests.users(first: 50_000 + f * 20, count: 20, collective: "SUR"))
        }

        let cut = try ws.start(["run"] + Self.asOf, launcher: hosts.launcher(0))
        let claimed = try eventually {
            try db.sql("SELECT count(*)::text FROM dealers_claims WHERE key LIKE 'input/%'") == ["1"]
        }
        #expect(claimed)
        let key = try #require(try db.sql("SELECT key FROM dealers_claims WHERE key LIKE 'input/%'").first)
        let holder = try db.sql("SELECT worker FROM dealers_claims WHERE key = '\(key)'")
        try hosts.cut(0)
        let taker = try ws.start(["watch"] + Self.asOf, launcher: hosts.launcher(1))
        // Mended as soon as the other host has taken the file over (a short cut: TCP resends soon).
        let takenOver = try eventually(timeout: .seconds(120)) {
            let now = try db.sql("SELECT worker FROM dealers_claims WHERE key = '\(key)'")
            return !now.isEmpty && now != holder
        }
        #expect(takenOver)
        try hosts.mend(0)
        let done = try eventually(timeout: .seconds(120)) {
            (["grande.csv"] + small).allSatisfy { ws.exists("outbox/receipts/\($0).json") && !ws.exists("inbox/\($0)") }
        }
        #expect(done)
        // Mended, the cut worker finds its session ended and its lease gone: it fails, commits nothing.
        let ended = eventually(timeout: .seconds(120)) { !cut.process.isRunning }
        if !ended { cut.kill() }
        let late = cut.wait()
        #expect(ended && late.status != 0, "the cut worker: \(late.status) \(late.stderr)")
        taker.kill(SIGTERM)
        let takerResult = taker.wait()
        #expect(takerResult.stderr.contains("took over the lease on input/"), "\(takerResult.stderr)")

        for name in ["grande.csv"] + small {
            #expect(ws.receiptCounts()[name] == 1, "\(name): \(ws.receiptCounts())")
            #expect(try ws.receipt("outbox/receipts/\(name).json").status == .applied)
        }
        #expect(db.count(under: "users") == rows + small.count * 20)
        let verify = try ws.run(["store", "verify"] + Self.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The change log, the sync feed's source, has no gap.
        let positions = try db.sql("SELECT key FROM dealers_documents WHERE key LIKE 'changelog/%' ORDER BY key")
            .compactMap { Int($0.dropFirst("changelog/".count).prefix(10)) }
        #expect(positions == Array(1...max(1, positions.count)) && !positions.isEmpty, "\(positions)")
    }
}
