import Foundation
import Testing
@testable import DealersCore

@Suite("Default layouts")
struct DefaultLayoutsTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The layouts built into the binary are layouts/*.json byte for byte (else run scripts/generate-default-layouts.sh)")
    func sameAsRepository() throws {
        let folder = Self.repository.appendingPathComponent("layouts")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(DefaultLayouts.files.map(\.name) == names)
        for (name, json) in DefaultLayouts.files {
            let file = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(json + "\n" == file, "layouts/\(name) differs from DefaultLayouts.swift: run scripts/generate-default-layouts.sh")
        }
    }
}
