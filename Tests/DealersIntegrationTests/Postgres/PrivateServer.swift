import Foundation
import DealersTestSupport
@testable import DealersPostgres

/// A PostgreSQL server of one test's own (scripts/test-postgres.sh), for faults that would
/// disturb the other suites on the shared test server: restarting it.
final class PrivateServer {
    /// Its `dealers_test` database, as a ``TestDatabase`` (dropped with the server).
    let database: TestDatabase
    private let folder: String

    init() throws {
        let line = try Self.script(["start"])
        func value(_ name: String) -> String? {
            line.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) }
        }
        guard let url = value("DEALERS_TEST_POSTGRES_URL"), let folder = value("DEALERS_TEST_PG_DIR") else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "test-postgres.sh start said: \(line)"])
        }
        self.folder = folder
        database = try TestDatabase(existing: url)
    }

    /// Restarts the server (`pg_ctl restart -m fast`, on the same port): every session ends, every
    /// open transaction is rolled back.
    func restart() throws { _ = try Self.script(["restart", folder]) }

    /// Stops the server and removes its files.
    func stop() { _ = try? Self.script(["stop", folder]) }

    /// Runs the script and returns its standard output. Its output goes through files, not pipes,
    /// and the script closes the descriptors it inherited, so the server it starts (a daemon that
    /// outlives it) holds nothing of this process open.
    private static func script(_ arguments: [String]) throws -> String {
        let path = TestWorkspace.repository.appendingPathComponent("scripts/test-postgres.sh").path
        let result = try PythonModule.runProgram("/usr/bin/env", ["bash", "-c", #""$0" "$@" >"$OUT" 2>"$OUT.err" </dev/null; status=$?; cat "$OUT"; cat "$OUT.err" >&2; rm -f "$OUT" "$OUT.err"; exit $status"#, path] + arguments,
                                                 environment: ["OUT": FileManager.default.temporaryDirectory.appendingPathComponent("dealers-pg-\(UUID().uuidString)").path])
        guard result.status == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "test-postgres.sh \(arguments.joined(separator: " ")) failed: \(result.stderr)"])
        }
        return result.stdout
    }
}
