import Foundation

/// What a finished process left.
package struct ProcessResult {
    package var status: Int32
    package var stdout: String
    package var stderr: String
    package var signalled: Bool

    /// Creates a value from each stored property (the memberwise initialiser, for the package's other targets).
    package init(
        status: Int32,
        stdout: String,
        stderr: String,
        signalled: Bool
    ) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.signalled = signalled
    }
}

/// A `dealers` process, with its output captured in files (no pipe can fill up and block it).
package final class RunningProcess {
    package let process = Process()
    private let outURL: URL
    private let errURL: URL

    /// The built binary: next to the test bundle, or `DEALERS_BIN`.
    package static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["DEALERS_BIN"] { return URL(fileURLWithPath: path) }
        var dir = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("dealers")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return TestWorkspace.repository.appendingPathComponent(".build/debug/dealers")
    }

    /// Starts the binary with `arguments`; with a `launcher` (a command and its arguments, such as
    /// `ip netns exec NAME`), starts the launcher with the binary and `arguments` after it.
    package init(arguments: [String], environment: [String: String], launcher: [String] = []) throws {
        outURL = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-out-\(UUID().uuidString)")
        errURL = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        if let command = launcher.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(launcher.dropFirst()) + [Self.binary.path] + arguments
        } else {
            process.executableURL = Self.binary
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    package var pid: Int32 { process.processIdentifier }

    /// What the process wrote to standard error so far (it may still be running).
    package var stderrSoFar: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    package func kill(_ signal: Int32 = SIGKILL) { Foundation.kill(process.processIdentifier, signal) }

    package func wait() -> ProcessResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        return ProcessResult(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
            signalled: process.terminationReason == .uncaughtSignal)
    }
}
