import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport
@testable import DealersPostgres

/// Workers on separate (test) hosts: network namespaces with a link of their own to the server
/// (``TestHosts``). A worker on host 0 claims a large file and is then cut off, stopped or
/// killed; a worker on host 1 takes the file over. Every file is answered exactly once, the store
/// verifies, the change log has no gap. Skipped, and saying why, where the machine cannot make
/// network namespaces (`DEALERS_TEST_HOSTS_UNAVAILABLE=reason` forces that path).
@Suite("Workers on separate hosts", .serialized, .enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason),
       .enabled(if: TestHosts.unavailableReason == nil, Comment(rawValue: TestHosts.unavailableReason ?? "")))
struct PostgresHostsTests {
    static let asOf = ["--as-of", "2026-11-24"]

    @Test("a worker's link cut in the middle of a file: it gives the file up by itself, a worker on another host applies it once, the cut one commits nothing")
    func cutLink() throws {
        let scene = try HostsScene()
        defer { scene.remove() }
        let cutAt = Date()
        try scene.hosts.cut(0)
        let taker = try scene.takeOver()
        // The cut worker notices by itself (its heartbeat cannot renew the lease for a lease's
        // length, its sockets time out) and ends, without waiting for its link to be mended.
        let gaveUp = eventually(timeout: .seconds(60)) { !scene.worker.process.isRunning }
        let noticed = Date().timeIntervalSince(cutAt)
        try scene.hosts.mend(0)
        #expect(gaveUp && noticed < 30, "the cut worker was still running \(Int(noticed)) s after the cut")
        if !gaveUp { scene.worker.kill() }
        let late = scene.worker.wait()
        #expect(late.status != 0 && late.stderr.contains("the lease on input/"), "the cut worker (\(Int(noticed)) s): \(late.status) \(late.stderr)")
        try scene.checkEveryFileOnce(taker: taker)
    }

    @Test("a worker on its own host stopped (SIGSTOP) past its lease, then resumed: a worker on another host applies the file once, the resumed one commits nothing")
    func stopped() throws {
        let scene = try HostsScene()
        defer { scene.remove() }
        scene.worker.kill(SIGSTOP)
        let taker = try scene.takeOver()
        scene.worker.kill(SIGCONT)
        let late = scene.worker.wait()
        #expect(late.status != 0, "the resumed worker must fail: \(late.stderr)")
        try scene.checkEveryFileOnce(taker: taker)
    }

    @Test("a worker on its own host killed (SIGKILL) in the middle of a file: a worker on another host applies it once")
    func killed() throws {
        let scene = try HostsScene()
        defer { scene.remove() }
        scene.worker.kill()
        #expect(scene.worker.wait().signalled)
        let taker = try scene.takeOver()
        try scene.checkEveryFileOnce(taker: taker)
    }
}

/// Two test hosts, a workspace whose store is reached through the hosts' relay (leases of 2 s),
/// its collectives applied, a large file and six small ones in the inbox, and a `run` worker on
/// host 0 that has claimed the first of them and is applying it.
final class HostsScene {
    let db: TestDatabase
    let hosts: TestHosts
    let ws: TestWorkspace
    let worker: RunningProcess
    /// The claim the worker on host 0 took, and the worker name it took it under.
    let key: String
    let holder: [String]
    let rows = 12_000
    let files = ["grande.csv"] + (0..<6).map { "p-\($0).csv" }

    init() throws {
        db = try TestDatabase()
        let server = try db.postgresURL
        do {
            hosts = try TestHosts(server: server.host, port: server.port, hosts: 2)
        } catch {
            db.drop()
            throw error
        }
        let url = "postgres://\(server.user)@\(hosts.relayAddress):\(hosts.relayPort)/\(server.database)"
        ws = try TestWorkspace(settings: #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0, "pollSeconds": 0.2, "store": {"backend": "postgresql", "url": "\#(url)", "leaseSeconds": 2}}"#)
        try ws.write("inbox/colectivos.csv", PostgresWorkersTests.collectives)
        #expect(try ws.run(["run"] + PostgresHostsTests.asOf).status == 0)
        try ws.write("inbox/grande.csv", PostgresWorkersTests.users(first: 0, count: rows, collective: "NORTE"))
        for (f, name) in files.dropFirst().enumerated() {
            try ws.write("inbox/\(name)", PostgresWorkersTests.users(first: 50_000 + f * 20, count: 20, collective: "SUR"))
        }
        worker = try ws.start(["run"] + PostgresHostsTests.asOf, launcher: hosts.launcher(0))
        let db = db
        let claimed = try eventually {
            try db.sql("SELECT count(*)::text FROM dealers_claims WHERE key LIKE 'input/%'") == ["1"]
        }
        #expect(claimed)
        key = try #require(try db.sql("SELECT key FROM dealers_claims WHERE key LIKE 'input/%'").first)
        holder = try db.sql("SELECT worker FROM dealers_claims WHERE key = '\(key)'")
    }

    /// Starts a `watch` worker on host 1 and waits until it has taken the claim over.
    func takeOver() throws -> RunningProcess {
        let taker = try ws.start(["watch"] + PostgresHostsTests.asOf, launcher: hosts.launcher(1))
        let db = db, key = key, holder = holder
        let takenOver = try eventually(timeout: .seconds(120)) {
            let now = try db.sql("SELECT worker FROM dealers_claims WHERE key = '\(key)'")
            return !now.isEmpty && now != holder
        }
        #expect(takenOver, "\(taker.stderrSoFar)")
        return taker
    }

    /// Waits for the taker to answer every file, stops it, and checks: the takeover logged, one
    /// receipt per file, every user once, `store verify` passes, the change log without a gap.
    func checkEveryFileOnce(taker: RunningProcess) throws {
        let ws = ws, files = files
        let done = eventually(timeout: .seconds(180)) {
            files.allSatisfy { ws.exists("outbox/receipts/\($0).json") && !ws.exists("inbox/\($0)") }
        }
        #expect(done)
        taker.kill(SIGTERM)
        let result = taker.wait()
        #expect(result.stderr.contains("took over the lease on input/"), "\(result.stderr)")
        for name in files {
            #expect(ws.receiptCounts()[name] == 1, "\(name): \(ws.receiptCounts())")
            #expect(try ws.receipt("outbox/receipts/\(name).json").status == .applied)
        }
        #expect(db.count(under: "users") == rows + (files.count - 1) * 20)
        let verify = try ws.run(["store", "verify"] + PostgresHostsTests.asOf)
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        // The change log, the sync feed's source, has no gap.
        let positions = try db.changeLogPositions()
        #expect(positions == Array(1...max(1, positions.count)) && !positions.isEmpty, "\(positions)")
    }

    /// Stops what is still running and removes the hosts, the workspace and the database.
    func remove() {
        if worker.process.isRunning {
            worker.kill(SIGCONT)
            worker.kill()
            _ = worker.wait()
        }
        hosts.remove()
        ws.remove()
        db.drop()
    }
}
