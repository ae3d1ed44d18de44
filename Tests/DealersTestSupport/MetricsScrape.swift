import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Reads a `dealers watch`/`serve` process's Prometheus metrics (`--metrics-port 0`) like
/// Prometheus does: the port from its log line, then `GET /metrics`.
package enum MetricsScrape {
    /// One answer of `GET /metrics`.
    package struct Answer: Sendable {
        package var status: Int
        package var contentType: String
        package var body: String

        /// The value of one sample line (`name{labels} value`), `nil` when it is not there.
        package func value(_ sample: String) -> Double? {
            body.split(separator: "\n").first { $0.hasPrefix(sample + " ") }.flatMap { Double($0.dropFirst(sample.count + 1)) }
        }
    }

    /// Waits (deadline 60 s) for the line naming the metrics port; `nil` when the process ended first.
    package static func port(of process: RunningProcess) -> Int? {
        var port: Int?
        _ = eventually(timeout: .seconds(60)) {
            let text = process.stderrSoFar
            guard let range = text.range(of: "metrics listening on http://127.0.0.1:") else { return !process.process.isRunning }
            port = Int(text[range.upperBound...].prefix { $0.isNumber })
            return true
        }
        return port
    }

    /// `GET http://127.0.0.1:PORT/metrics`, waiting for the answer on URLSession's own queue.
    package static func get(_ port: Int) throws -> Answer {
        guard let url = URL(string: "http://127.0.0.1:\(port)/metrics") else { throw URLError(.badURL) }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: url) { data, response, error in
            box.set(data: data, response: response as? HTTPURLResponse, error: error)
            done.signal()
        }.resume()
        guard done.wait(timeout: .now() + 30) == .success else { throw URLError(.timedOut) }
        return try box.answer()
    }

    /// What the session's callback handed over.
    private final class Box: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var response: HTTPURLResponse?
        private var error: Error?

        func set(data: Data?, response: HTTPURLResponse?, error: Error?) {
            lock.lock()
            defer { lock.unlock() }
            (self.data, self.response, self.error) = (data, response, error)
        }

        func answer() throws -> Answer {
            lock.lock()
            defer { lock.unlock() }
            if let error { throw error }
            guard let response else { throw URLError(.badServerResponse) }
            return Answer(status: response.statusCode, contentType: response.value(forHTTPHeaderField: "Content-Type") ?? "",
                          body: String(decoding: data ?? Data(), as: UTF8.self))
        }
    }
}
