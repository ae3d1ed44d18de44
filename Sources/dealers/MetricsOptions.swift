import ArgumentParser

/// `--metrics-port` and `--metrics-host` of `watch` and `serve` (docs/scaling.md, "Metrics").
struct MetricsOptions: ParsableArguments {
    @Option(name: .customLong("metrics-port"), help: ArgumentHelp("Serve Prometheus metrics at GET /metrics on this port (0: any free port, printed at start; default: no metrics).", valueName: "port"))
    var port: Int?

    @Option(name: .customLong("metrics-host"), help: ArgumentHelp("The address the metrics listen on.", valueName: "address"))
    var host = "127.0.0.1"

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--metrics-port must be 0…65535, found \(port)") }
        if port == nil, host != "127.0.0.1" { throw ValidationError("--metrics-host goes with --metrics-port") }
    }
}
