import Foundation

/// Python and other helper programs the tests may use when the machine has them.
package enum PythonModule {
    /// Whether `python3 -c "import NAME"` succeeds.
    package static func available(_ module: String) -> Bool {
        (try? run("import \(module)", arguments: []).status) == 0
    }

    /// Runs a Python script with arguments; returns its exit status and standard error.
    package static func run(_ script: String, arguments: [String]) throws -> (status: Int32, stderr: String) {
        let result = try runProgram("/usr/bin/env", ["python3", "-c", script] + arguments)
        return (result.status, result.stderr)
    }

    /// Runs a program with arguments (in `folder`, with `environment` added to this process's)
    /// and waits; returns its exit status, standard output and error.
    package static func runProgram(_ path: String, _ arguments: [String], in folder: URL? = nil,
                                   environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard output first, then standard error: the tools the tests run say little on the
        // second (more than a pipe's 64 KiB there before the first ends would stall them).
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// The first of these programs found on PATH.
    package static func executable(named names: [String]) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}
