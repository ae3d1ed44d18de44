import Foundation
import Testing
@testable import DealersCore

@Suite("Names of corrections and records written by hand")
struct CorrectionNameTests {
    @Test(arguments: [
        ("usuarios.csv", "usuarios.correccion-2026-11-24.csv"),
        ("usuarios.2.csv", "usuarios.2.correccion-2026-11-24.csv"),
        ("altas acme.xlsx", "altas acme.correccion-2026-11-24.xlsx"),
    ])
    func aCorrectionsNamePointsBackToTheProcessingItCorrects(archived: String, correction: String) {
        #expect(CorrectionName.input(correcting: archived, date: "2026-11-24") == correction)
        #expect(CorrectionName.original(of: correction)?.date == "2026-11-24")
        #expect(CorrectionName.original(of: correction)?.archived == archived)
        // Its archived copy, when a second correction came the same day.
        let second = ArchivedName.candidate(correction, number: 2)
        #expect(CorrectionName.original(of: second)?.archived == archived, "\(second)")
    }

    @Test(arguments: ["usuarios.csv", "usuarios.correccion-2026-13-40.csv", "usuarios.correccion-2026-11-24x.csv", ".correccion-2026-11-24.csv"])
    func otherNamesAreNoCorrections(name: String) {
        #expect(CorrectionName.original(of: name) == nil)
    }

    @Test func cellsAreQuotedOnlyWhenTheyHoldTheDelimiterAQuoteOrALineBreak() {
        let line = DelimitedRecord.line(["a", "b;c", "d\"e", "f\ng", ""], delimiter: UInt8(ascii: ";"), lineEnd: "\r\n")
        #expect(line == "a;\"b;c\";\"d\"\"e\";\"f\ng\";\r\n")
    }
}
