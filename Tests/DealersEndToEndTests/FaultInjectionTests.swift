import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// Faults beyond SIGKILL: an outbox that cannot be written, a store file damaged by hand, a full
/// disk. Each ends in a clear error, a store that verifies, and nothing lost.
@Suite("Fault injection", .serialized)
struct FaultInjectionTests {
    @Test("an outbox that cannot be written stops the file before anything is applied; fixed, the next run applies it")
    func unwritableOutbox() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("outbox", "not a folder")
        let failed = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(failed.status == 73, "stderr: \(failed.stderr)")
        #expect(failed.stderr.contains("outbox"))
        #expect(ws.exists("inbox/colectivos.csv"))
        #expect(!ws.hasDocument("collectives/NORTE.json"))
        try FileManager.default.removeItem(at: ws.url("outbox"))
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        #expect(ws.hasDocument("collectives/NORTE.json"))
    }

    @Test("a store document edited by hand into a wrong shape is named, nothing is applied, and verify reports it")
    func damagedDocument() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        try ws.write("inbox/usuarios.csv", Samples.users)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let key = try StoreLayout.user("12345678Z")
        try ws.write("broken.json", "{ \"document\": \"12345678Z\", \"trunc\": true }")
        #expect(try ws.run(["store", "put", key.path, ws.url("broken.json").path]).status == 0)
        try ws.write("inbox/extensiones.csv", "Acción;Nº Documento;Periodo\r\nEXTENSION;23456789D;1M\r\nEXTENSION;12345678Z;1M\r\n")
        let before = try ws.user("23456789D")
        let failed = try ws.run(["run", "--as-of", "2026-11-25"])
        #expect(failed.status == 65)
        #expect(failed.stderr.contains(key.path))
        #expect(ws.exists("inbox/extensiones.csv"))
        #expect(try ws.user("23456789D") == before)
        let verify = try ws.run(["store", "verify", "--as-of", "2026-11-25"])
        #expect(verify.status == 65)
        #expect(verify.stdout.contains(key.path))
    }

    @Test("a segment damaged on disk is found by verify, naming the file; the documents still read")
    func damagedSegment() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        let segments = ws.url("store/segments")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: segments.path).first { $0.hasSuffix(".jsonl") })
        let file = segments.appendingPathComponent(name)
        var text = try String(contentsOf: file, encoding: .utf8)
        let range = try #require(text.range(of: "Norte"))
        text.replaceSubrange(range, with: "NORTE")   // same length: the index still fits
        try Data(text.utf8).write(to: file)
        let verify = try ws.run(["store", "verify", "--as-of", "2026-11-24"])
        #expect(verify.status == 65)
        #expect(verify.stdout.contains(name) && verify.stdout.contains("SHA-256"))
    }

    static var canMountTmpfs: Bool {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-tmpfs-probe-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: probe) }
        guard mount("tmpfs", probe.path, "tmpfs", 0, "size=64k") == 0 else { return false }
        umount(probe.path)
        return true
    }

    @Test("a full disk (ENOSPC) ends in a clear error with the store unchanged and the input kept",
          .enabled(if: canMountTmpfs, "needs root and tmpfs mounts"))
    func fullDisk() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        // The store moves onto a file system with room for its current documents only.
        let store = ws.url("store"), saved = ws.url("store-saved")
        try FileManager.default.moveItem(at: store, to: saved)
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        #expect(mount("tmpfs", store.path, "tmpfs", 0, "size=96k") == 0)
        defer { umount(store.path) }
        for name in try FileManager.default.contentsOfDirectory(atPath: saved.path) {
            try FileManager.default.copyItem(at: saved.appendingPathComponent(name), to: store.appendingPathComponent(name))
        }
        try ws.write("inbox/usuarios.csv", Samples.bigUsersFile(2000))
        let failed = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(failed.status == 74, "stderr: \(failed.stderr)")
        #expect(failed.stderr.contains("No space left on device"))
        #expect(ws.exists("inbox/usuarios.csv"))
        #expect(StoreSafetyTests.usersOfFile(ws) == 0)
        #expect(try ws.run(["store", "verify", "--as-of", "2026-11-24"]).status == 0)
    }
}

@Suite("A clock that goes backwards")
struct ClockTests {
    @Test("a run or a nightly as of a date before the store's latest change is refused with the dates named; the store is unchanged")
    func backwards() throws {
        let ws = try TestWorkspace()
        defer { ws.remove() }
        try ws.write("inbox/colectivos.csv", Samples.collectives)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        try ws.write("inbox/usuarios.csv", Samples.users)
        let run = try ws.run(["run", "--as-of", "2026-11-20"])
        #expect(run.status == 64)
        #expect(run.stderr.contains("2026-11-20") && run.stderr.contains("2026-11-24") && run.stderr.contains("clock"))
        #expect(ws.exists("inbox/usuarios.csv"))
        #expect(try ws.user("12345678Z") == nil)
        #expect(try ws.run(["nightly", "--as-of", "2026-11-23"]).status == 64)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        #expect(try ws.user("12345678Z") != nil)
    }
}
