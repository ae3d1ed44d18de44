import DealersTestSupport
import Foundation

/// A running `dealers serve` on a free port of the loopback interface.
final class ServeProcess {
    let process = Process()
    let log: URL
    private(set) var port = 0

    /// Starts the portal and waits (deadline 60 s) for the line that names its port.
    init(workspace: TestWorkspace) throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-serve-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = RunningProcess.binary
        process.arguments = ["serve", "--port", "0", "--root", workspace.root.path]
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        let found = eventually(timeout: .seconds(60)) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard let range = text.range(of: "portal listening on http://127.0.0.1:") else { return !process.isRunning }
            port = Int(text[range.upperBound...].prefix { $0.isNumber }) ?? 0
            return true
        }
        guard found, port > 0 else {
            throw DevToolsPipe.Failure(description: "dealers serve did not start: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Sends SIGTERM and waits; returns the exit status.
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
        return process.terminationStatus
    }
}
