import DealersCore
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

    /// Spawns the child, waits for it, and returns its results with `peakMiB` set to its
    /// `ru_maxrss` (except for results that carry the peak of a command they ran).
    static func run(_ stage: Stage, options: BenchOptions) throws -> [StageResult] {
        let resultFile = options.directory.appendingPathComponent("result-\(stage.rawValue).json")
        try FileSystem.remove(resultFile.path)
        let path = try executablePath()
        let child = try Spawned.run(path, options.childArguments(for: stage, result: resultFile))
        guard child.exitCode == 0 else {
            throw BenchError("the \(stage.rawValue) child failed (\(child.statusText))")
        }
        var results = try JSONDecoder().decode([StageResult].self, from: Data(contentsOf: resultFile))
        for i in results.indices where results[i].peakOfCommand != true {
            results[i].peakMiB = child.peakMiB
        }
        return results
    }
}

extension ChildProcess {
    /// User and system CPU seconds of this process's children that were waited for
    /// (`getrusage(RUSAGE_CHILDREN)`): the difference around a stage is its commands' CPU.
    static func childrenCPUSeconds() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime), seconds(usage.ru_stime))
    }
}

/// A program run to its end with `posix_spawn` and reaped with `wait4`: its exit, its wall
/// time (spawn to reap, monotonic clock) and its peak resident memory (`ru_maxrss`).
struct Spawned {
    /// The wait status as `wait4` returned it.
    var status: Int32
    /// Seconds from spawn to reap.
    var seconds: Double
    /// The program's peak resident set in MiB (`ru_maxrss`, KiB on Linux, includes the
    /// children it waited for).
    var peakMiB: Double

    /// The exit code, or `nil` when a signal ended the program (WIFEXITED / WEXITSTATUS by
    /// hand: the macros are not imported).
    var exitCode: Int32? { status & 0x7F == 0 ? (status >> 8) & 0xFF : nil }

    /// "exit 65" or "signal 9", for messages.
    var statusText: String { exitCode.map { "exit \($0)" } ?? "signal \(status & 0x7F)" }

    /// Runs `path` with `arguments` (without the program name), standard output to `output` and
    /// standard error to `errors` when given (else inherited), and waits for it.
    static func run(_ path: String, _ arguments: [String], output: URL? = nil, errors: URL? = nil) throws -> Spawned {
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, file) in [(Int32(1), output), (Int32(2), errors)] {
            if let file { posix_spawn_file_actions_addopen(&actions, fd, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, path, &actions, nil, &argv, environ)
        guard spawned == 0 else {
            throw BenchError("cannot start \(path): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError("wait4 failed for \(path)") }
        }
        return Spawned(status: status, seconds: Measure.seconds(clock.now - start), peakMiB: Double(usage.ru_maxrss) / 1024)
    }
}
