import DealersTestSupport
import Foundation
import Logging
@testable import DealersCore
@testable import DealersStore

/// A fresh temporary folder for one test, removed by `cleanUp()`.
struct StoreSandbox {
    let root: URL
    var store: URL { root.appendingPathComponent("store") }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("dealers-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: root)
    }

    func open(wait: Bool = false, timeout: TimeInterval? = nil, clock: any WallClock = SystemClock()) throws -> DocumentStore {
        try DocumentStore(directory: store, wait: wait, waitTimeout: timeout, clock: clock, logger: testLogger)
    }

    func file(_ path: String) -> URL { store.appendingPathComponent(path) }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: file(path).path) }

    func contents(_ path: String) -> String? {
        (try? Data(contentsOf: file(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The files in `segments/`, sorted.
    func segmentFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file("segments").path)) ?? []).sorted()
    }

    func journalNames() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file("journal").path)) ?? []).sorted()
    }
}


func key(_ path: String) throws -> StoreKey { try StoreKey(path) }

func data(_ text: String) -> Data { Data(text.utf8) }

/// Runs `body` and returns the `DealersError` it throws, or `nil`.
func dealersError(_ body: () throws -> Void) -> DealersError? {
    do {
        try body()
        return nil
    } catch let error as DealersError {
        return error
    } catch {
        return DealersError(.internalError, "unexpected error \(error)")
    }
}
