import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// `--metrics-port` of `dealers watch` (docs/scaling.md, "Metrics"): the built binary on a
/// temporary workspace, its metrics read over HTTP like Prometheus does.
@Suite("metrics", .serialized)
struct MetricsTests {
    /// The TCP sockets a process listens on (their inodes); `nil` when `/proc` cannot say.
    static func listeningSockets(of pid: Int32) -> [String]? {
        guard let fds = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd"), !fds.isEmpty else { return nil }
        let inodes = Set(fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\($0)") }
            .filter { $0.hasPrefix("socket:[") }.map { String($0.dropFirst(8).dropLast()) })
        var listening: [String] = []
        for table in ["tcp", "tcp6"] {
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/net/\(table)", encoding: .utf8) else { return nil }
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: " ")
                // sl local_address rem_address st … inode (the tenth column); st 0A is LISTEN.
                if columns.count > 9, columns[3] == "0A", inodes.contains(String(columns[9])) { listening.append(String(columns[9])) }
            }
        }
        return listening
    }

    @Test("watch --metrics-port 0: files by status, rows by action, the apply histogram, files waiting, the last nightly")
    func watchServesMetrics() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 0}"#)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", Samples.users, windows1252: true)
        let watch = try ws.start(["watch", "--as-of", "2026-11-24", "--metrics-port", "0"])
        defer { watch.kill() }
        let port = try #require(MetricsScrape.port(of: watch), "no metrics port: \(watch.stderrSoFar)")

        // Both files answered: one applied, one with rejected rows.
        let answered = eventually(timeout: .seconds(60)) { (try? MetricsScrape.get(port))?.value("dealers_apply_seconds_count") == 2 }
        #expect(answered, "\(watch.stderrSoFar)")
        let metrics = try MetricsScrape.get(port)
        let body = metrics.body
        #expect(metrics.status == 200)
        #expect(metrics.contentType.hasPrefix("text/plain; version=0.0.4"))
        #expect(body.contains("\ndealers_files_total{status=\"PARTIAL\"} 1\n"), "\(body)")
        #expect(metrics.value(#"dealers_files_total{status="APPLIED"}"#) == 1)
        #expect(metrics.value("dealers_files_claimed_total") == 2)
        let receipts = try [ws.receipt("outbox/receipts/colectivos.csv.json"), ws.receipt("outbox/receipts/usuarios.csv.json")]
        let altas = receipts.map { $0.actions["ALTA"] ?? 0 }.reduce(0, +)
        #expect(altas == 5)
        #expect(metrics.value(#"dealers_rows_total{action="ALTA"}"#) == Double(altas))
        #expect(body.contains("# TYPE dealers_apply_seconds histogram"))
        #expect(metrics.value(#"dealers_apply_seconds_bucket{le="600.0"}"#) == 2, "\(body)")
        #expect(metrics.value(#"dealers_apply_seconds_bucket{le="+Inf"}"#) == 2)
        #expect(metrics.value(#"dealers_files_waiting{inbox="inbox"}"#) == 0)
        #expect(metrics.value(#"dealers_files_waiting{inbox="inbox/ACME"}"#) == 0)
        #expect(!body.contains("dealers_last_nightly_success_timestamp_seconds"), "no nightly ran yet")

        // A nightly run beside the watcher is seen at the next scrape.
        let nightly = try ws.run(["nightly", "--as-of", "2026-11-24", "--wait"])
        #expect(nightly.status == 0, "\(nightly.stderr)")
        let after = try MetricsScrape.get(port)
        let ranAt = try #require(after.value("dealers_last_nightly_success_timestamp_seconds"), "\(after.body)")
        #expect(abs(ranAt - Date().timeIntervalSince1970) < 600)

        watch.kill(SIGTERM)
        #expect(watch.wait().status == 0)
    }

    @Test("without --metrics-port nothing listens; a port taken, or --metrics-host alone, exits 64")
    func offByDefaultAndPortTaken() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME"], "stabilitySeconds": 0}"#)
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives, windows1252: true)
        let plain = try ws.start(["watch", "--as-of", "2026-11-24"])
        defer { plain.kill() }
        #expect(eventually(timeout: .seconds(60)) { ws.exists("outbox/receipts/colectivos.csv.json") }, "\(plain.stderrSoFar)")
        // No socket of the watcher listens for TCP (its sockets' inodes against the LISTEN rows of /proc/net/tcp*).
        let listening = Self.listeningSockets(of: plain.pid)
        #expect(listening == [], "\(listening)")
        #expect(!plain.stderrSoFar.contains("metrics listening"))
        plain.kill(SIGTERM)
        #expect(plain.wait().status == 0)

        let hostAlone = try ws.run(["watch", "--metrics-host", "0.0.0.0"])
        #expect(hostAlone.status == 64 && hostAlone.stderr.contains("--metrics-host goes with --metrics-port"), "\(hostAlone.stderr)")

        let first = try ws.start(["watch", "--metrics-port", "0"])
        defer { first.kill() }
        let port = try #require(MetricsScrape.port(of: first), "\(first.stderrSoFar)")
        #expect(Self.listeningSockets(of: first.pid)?.count == 1, "the check sees a listener when there is one")
        let other = try TestWorkspace(settings: #"{"dealers": ["ACME"]}"#)
        defer { other.remove() }
        let second = try other.run(["watch", "--metrics-port", "\(port)"])
        #expect(second.status == 64)
        #expect(second.stderr.contains("cannot listen for metrics on 127.0.0.1:\(port)"), "\(second.stderr)")
        first.kill(SIGTERM)
        #expect(first.wait().status == 0)
    }

    @Test("serve --metrics-port 0: the metrics on their own port beside the portal's, the gauges read from the workspace")
    func serveServesMetrics() throws {
        let ws = try TestWorkspace(settings: #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0}"#)
        defer { ws.remove() }
        try ws.write("inbox/ACME/usuarios.csv", Samples.users)
        try ws.write("inbox/ACME/bajas.csv", Samples.users)
        let serve = try ws.start(["serve", "--port", "0", "--metrics-port", "0"])
        defer { serve.kill() }
        let port = try #require(MetricsScrape.port(of: serve), "\(serve.stderrSoFar)")
        #expect(eventually(timeout: .seconds(60)) { serve.stderrSoFar.contains("portal listening on http://127.0.0.1:") })
        #expect(!serve.stderrSoFar.contains("portal listening on http://127.0.0.1:\(port)/"))
        let metrics = try MetricsScrape.get(port)
        let body = metrics.body
        #expect(metrics.value(#"dealers_files_waiting{inbox="inbox/ACME"}"#) == 2, "\(body)")
        #expect(metrics.value(#"dealers_files_waiting{inbox="inbox/IBERIA"}"#) == 0)
        #expect(metrics.value(#"dealers_files_waiting{inbox="inbox"}"#) == 0)
        // Counters are there at 0 before anything happened, for rate() and increase().
        #expect(metrics.value(#"dealers_files_total{status="REJECTED"}"#) == 0)
        #expect(metrics.value("dealers_lease_takeovers_total") == 0)
        #expect(metrics.value("dealers_apply_seconds_count") == 0)
        serve.kill(SIGTERM)
        #expect(serve.wait().status == 0)
    }
}
