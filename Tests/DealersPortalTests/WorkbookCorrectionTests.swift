import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// A workbook's correction is a workbook (docs/portal.md, "What a correction is"): the rejected
/// rows of an `.xlsx` users file, corrected through the API, come back as an `.xlsx` in the
/// rejected file's columns, which the next run reads with the same layout and applies.
@Suite("Corrections of a workbook")
struct WorkbookCorrectionTests {
    @Test func aWorkbooksCorrectionIsAWorkbookTheNextRunApplies() async throws {
        let ws = try ReceiptAPITests.sampleRun()
        defer { ws.remove() }
        let writer = try XLSXWriter(url: ws.url("inbox/usuarios-libro.xlsx"))
        let columns = ["Acción", "Colectivo", "Nº Documento", "Nombre", "Apellidos", "Relación", "Fecha inicio"]
        let sheet = try writer.addSheet(name: "Hoja1", columns: columns.map { OutputColumn(header: $0) })
        try sheet.append(["ALTA", "EMPRESA-NORTE", "10000001S", "Eva", "Sanz", "TITULAR", "01/11/2026"].map(OutputValue.text))
        try sheet.append(["ALTA", "EMPRESA-NORTE", "10000002A", "Pablo", "Ruiz", "TITULAR", "01/11/2026"].map(OutputValue.text))
        try writer.close()
        let first = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(first.status == 65, "\(first.stderr)")
        #expect(ws.exists("outbox/errors/2026-11-24/usuarios-libro.rejected.xlsx"))

        let uri = "/api/receipts/2026-11-24/usuarios-libro.xlsx"
        try await ReceiptAPITests.test(ws) { client in
            let detail = try ReceiptAPITests.json(try await client.execute(uri: uri, method: .get, headers: basic("olga")))
            #expect(detail["columns"] as? [String] == columns)
            let rows = try #require(detail["rejectedRows"] as? [[String: Any]])
            #expect(rows.count == 1)
            #expect(rows.first?["line"] as? Int == 3)
            #expect((rows.first?["cells"] as? [String: String])?["Nº Documento"] == "10000002A")
            let sent = try await ReceiptAPITests.post(client, uri + "/corrections", as: "olga",
                                                     #"{"rows": [{"line": 3, "cells": {"Nº Documento": "10000002Q"}}]}"#)
            #expect(sent.status == .accepted, "\(String(buffer: sent.body))")
            #expect(try ReceiptAPITests.json(sent)["inbox"] as? String == "usuarios-libro.correccion-2026-11-24.xlsx")
        }
        let bytes = try Data(contentsOf: ws.url("inbox/usuarios-libro.correccion-2026-11-24.xlsx"))
        #expect(bytes.starts(with: [0x50, 0x4B]), "a workbook (ZIP)")
        let second = try ws.run(["run", "--as-of", "2026-11-24"])
        #expect(second.status == 0, "\(second.stderr)")
        let receipt = try ws.receipt("outbox/receipts/2026-11-24/usuarios-libro.correccion-2026-11-24.xlsx.json")
        #expect(receipt.status == .applied && receipt.rows.applied == 1)
        #expect(try ws.user("10000002Q") != nil)
    }
}
