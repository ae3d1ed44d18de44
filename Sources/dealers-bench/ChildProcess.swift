import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs one stage in a child process (this same executable with `--stage`), so that each
/// stage's peak memory is its own: the parent reads the child's `ru_maxrss` from `wait4`.
enum ChildProcess {
    /// The path of the running executable.
    static func executablePath() throws -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { throw BenchError("cannot find the bench executable (/proc/self/exe)") }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Spawns the child, waits for it, and returns its result with `peakMiB` set to its `ru_maxrss`.
    static func run(_ stage: Stage, options: BenchOptions) throws -> StageResult {
        let resultFile = options.directory.appendingPathComponent("result-\(stage.rawValue).json")
        try? FileManager.default.removeItem(at: resultFile)
        let path = try executablePath()
        let arguments = [path] + options.childArguments(for: stage, result: resultFile)
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, nil, nil, &argv, environ)
        guard spawned == 0 else { throw BenchError("cannot start the \(stage.rawValue) child: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for the \(stage.rawValue) child") }
        }
        // WIFEXITED / WEXITSTATUS by hand (macros are not imported).
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else {
            throw BenchError("the \(stage.rawValue) child failed (wait status \(status))")
        }
        var result = try JSONDecoder().decode(StageResult.self, from: Data(contentsOf: resultFile))
        result.peakMiB = Double(usage.ru_maxrss) / 1024   // KiB on Linux
        return result
    }
}
