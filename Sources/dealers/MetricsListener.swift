import DealersCore
import DealersPortal
import DealersPostgres
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

/// `--metrics-port`: bootstraps swift-metrics with a Prometheus registry (the one process-wide
/// hook, set once, only here) and serves it at `GET /metrics` (text format 0.0.4) on a small
/// listener of its own (docs/scaling.md, "Metrics").
enum MetricsListener {
    /// Starts the listener and returns the port it is bound to, once it listens.
    /// - Parameter refresh: run on the thread pool before each answer: the gauges read from the
    ///   workspace (files waiting, the last nightly).
    /// - Throws: ``DealersError`` `.usage` (exit 64) when the address cannot be bound.
    static func start(host: String, port: Int, logger: Logger,
                      refresh: @escaping @Sendable () -> Void) async throws -> Int {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[PipelineMetrics.applySeconds] =
            PipelineMetrics.applySecondsBuckets.map { Duration.milliseconds(Int64($0 * 1000)) }
        MetricsSystem.bootstrap(factory)
        PipelineMetrics.declare(alsoCounters: [LeaseTakeoverMetric.name])

        let router = Router()
        router.get("metrics") { _, _ -> Response in
            try await BlockingWork.run { refresh() }
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
        }
        let started = StartSignal()
        let app = Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                              onServerRunning: { channel in started.resolve(.success(channel.localAddress?.port ?? port)) },
                              logger: logger)
        let bound = try await withCheckedThrowingContinuation { continuation in
            started.wait(continuation)
            Task {
                do {
                    try await app.run()
                    started.resolve(.failure(DealersError(.internalError, "the metrics listener stopped")))
                } catch {
                    started.resolve(.failure(DealersError(.usage, "cannot listen for metrics on \(host):\(port) (--metrics-host, --metrics-port): \(error)")))
                }
            }
        }
        logger.info("metrics listening on http://\(host):\(bound)/metrics")
        return bound
    }

    /// ``start(host:port:logger:refresh:)`` for a synchronous command (`watch`): waits for it.
    static func startWaiting(host: String, port: Int, logger: Logger,
                             refresh: @escaping @Sendable () -> Void) throws -> Int {
        let outcome = Outcome()
        Task {
            do { outcome.set(.success(try await start(host: host, port: port, logger: logger, refresh: refresh))) }
            catch { outcome.set(.failure(error)) }
        }
        return try outcome.get()
    }

    /// The gauges `watch` and `serve` read from the workspace at each scrape: the files waiting
    /// in each inbox folder and the last nightly on record. What cannot be read is logged
    /// (debug) and leaves the gauge as it was.
    static func workspaceGauges(_ workspace: Workspace, location: StoreLocation, logger: Logger) -> @Sendable () -> Void {
        {
            do { try PipelineMetrics.observeInboxes(of: workspace, now: Date()) } catch {
                logger.debug("metrics: the inbox could not be scanned: \(error)")
            }
            do {
                let store = try location.openReadOnly(logger: logger)
                defer { store.close() }
                try PipelineMetrics.observeLastNightly(in: store)
            } catch {
                logger.debug("metrics: the last nightly could not be read: \(error)")
            }
        }
    }
}

/// The listener's first news, given once: bound (its port) or failed.
private final class StartSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<Int, Error>?
    private var early: Result<Int, Error>?

    func wait(_ continuation: CheckedContinuation<Int, Error>) {
        lock.lock()
        defer { lock.unlock() }
        if let early { continuation.resume(with: early) } else { self.continuation = continuation }
    }

    func resolve(_ result: Result<Int, Error>) {
        lock.lock()
        defer { lock.unlock() }
        if let continuation {
            continuation.resume(with: result)
            self.continuation = nil
            early = .failure(DealersError(.internalError, "already resolved"))
        } else if early == nil {
            early = result
        }
    }
}

/// A result handed from a task to a thread that waits for it.
private final class Outcome: @unchecked Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Int, Error>?

    func set(_ value: Result<Int, Error>) {
        lock.lock()
        result = value
        lock.unlock()
        ready.signal()
    }

    func get() throws -> Int {
        ready.wait()
        lock.lock()
        defer { lock.unlock() }
        return try (result ?? .failure(DealersError(.internalError, "no result"))).get()
    }
}
