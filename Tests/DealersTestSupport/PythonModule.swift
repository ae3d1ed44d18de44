import Foundation

/// Python and other helper programs the tests may use when the machine has them.
package enum PythonModule {
    /// Whether `python3 -c "import NAME"` succeeds.
    package static func available(_ module: String) -> Bool {
        (try? run("import \(module)", arguments: []).status) == 0
    }

    /// Runs a Python script with arguments; returns its exit status and standard error.
    package static func run(_ script: String, arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let bytes = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: bytes, as: UTF8.self))
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
