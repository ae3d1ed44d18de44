import Foundation
import Testing
@testable import DealersCore

/// The one rule of `.done` markers (``DoneMarkers``) and of archived names (``ArchivedName``),
/// which the scanner, the archive and the portal share.
@Suite("Done markers and archived names")
struct DoneMarkersTests {
    static func layout(_ name: String, pattern: String, marker: Bool) throws -> Layout {
        try LayoutLoader.load(data: Data("""
            {"kind": "users", "doneMarker": \(marker), "match": {"fileNamePattern": "\(pattern)"},
             "schema": {"fields": [{"name": "document"}]}}
            """.utf8), file: "\(name).json")
    }

    @Test("a file waits for its marker by setting, by the layout its name matches, or by the layout it was identified with")
    func markerRule() throws {
        let banks = try Self.layout("banks", pattern: "^banco.*\\\\.txt$", marker: true)
        let users = try Self.layout("users", pattern: "^usuarios.*\\\\.csv$", marker: false)
        let rule = DoneMarkers(requireForEveryFile: false, layouts: [banks, users])
        #expect(rule.needsMarker(fileName: "BANCO-enero.txt"))
        #expect(!rule.needsMarker(fileName: "usuarios.csv"))
        #expect(!rule.needsMarker(fileName: "listado.csv"))
        #expect(rule.needsMarker(fileName: "listado.csv", layout: banks), "identified by header as a layout that asks for markers")
        #expect(DoneMarkers(requireForEveryFile: true, layouts: []).needsMarker(fileName: "usuarios.csv"))
        #expect(DoneMarkers.marker(for: URL(fileURLWithPath: "/w/inbox/ACME/a.csv")).path == "/w/inbox/ACME/a.csv.done")
    }

    @Test("a roster's confirmation marker is owned by the same rule: neither marker is ever a file to process")
    func confirmationMarker() {
        #expect(DoneMarkers.confirmation(for: URL(fileURLWithPath: "/w/inbox/ACME/plantilla.csv")).path
                == "/w/inbox/ACME/plantilla.csv.confirmar")
        for name in ["plantilla.csv.confirmar", "plantilla.csv.CONFIRMAR", "a.csv.done"] {
            #expect(DoneMarkers.isMarker(name) && InboxScanner.isTemporary(name), "\(name)")
        }
        #expect(!DoneMarkers.isMarker("plantilla.csv") && !InboxScanner.isTemporary("confirmar.csv"))
    }

    @Test("archived names: the name itself, then base.2.ext, base.3.ext …; the portal recognises exactly those")
    func archivedNames() {
        #expect(ArchivedName.candidate("usuarios.csv", number: 1) == "usuarios.csv")
        #expect(ArchivedName.candidate("usuarios.csv", number: 2) == "usuarios.2.csv")
        #expect(ArchivedName.candidate("LEEME", number: 3) == "LEEME.3")
        for n in 1...12 {
            #expect(ArchivedName.isName(ArchivedName.candidate("usuarios.csv", number: n), of: "usuarios.csv"))
        }
        for other in ["usuarios.1.csv", "usuarios.02.csv", "usuarios..csv", "usuarios.2.xlsx", "otros.csv"] {
            #expect(!ArchivedName.isName(other, of: "usuarios.csv"), "\(other)")
        }
    }
}
