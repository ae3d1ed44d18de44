import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

/// Who may correct (docs/portal.md, "What a correction is"): a seller corrects the answers to
/// their own upload, and the correction is applied in their scope (the uploader note names the
/// seller); another seller and a technician of another dealer see nothing: the same 404.
@Suite("Corrections by role")
struct SellerCorrectionTests {
    @Test func aSellersCorrectionGoesToTheDealersInboxInTheSellersScope() async throws {
        let ws = try TestWorkspace.withSampleCollectives()
        defer { ws.remove() }
        try ws.write("inbox/ACME/.altas-vera.csv.uploaded-by", "vera\nseller V01\n")
        try ws.write("inbox/ACME/altas-vera.csv", Samples.users)
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 65)
        let book = AccountBook(workspace: try Workspace(root: ws.root), hasher: PasswordHasher(cost: 4))
        try book.add(.init(name: "vera", role: .seller, dealer: "ACME", seller: "V01", email: "vera@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "rosa", role: .seller, dealer: "ACME", seller: "V02", email: "rosa@acme.example"), password: PortalFixture.password)
        try book.add(.init(name: "tomas", role: .technician, dealer: "ACME", email: "tomas@acme.example"), password: PortalFixture.password)
        let uri = "/api/receipts/2026-11-24/altas-vera.csv"
        try await ReceiptAPITests.test(ws) { client in
            let missing = try await client.execute(uri: "/api/receipts/2026-11-24/nada.csv", method: .get, headers: basic("rosa"))
            let other = try await client.execute(uri: uri, method: .get, headers: basic("rosa"))
            #expect(other.status == .notFound && other.body == missing.body, "another seller's answers")
            let refused = try await ReceiptAPITests.post(client, uri + "/corrections", as: "rosa", #"{"rows": [{"line": 4, "cells": {"Email": "lucia@example.es"}}]}"#)
            #expect(refused.status == .notFound && refused.body == missing.body)

            let detail = try ReceiptAPITests.json(try await client.execute(uri: uri, method: .get, headers: basic("vera")))
            #expect((detail["rejectedRows"] as? [[String: Any]])?.compactMap { $0["line"] as? Int } == [4, 5])
            let sent = try await ReceiptAPITests.post(client, uri + "/corrections", as: "vera",
                                                     #"{"rows": [{"line": 4, "cells": {"Nº Documento": "45678901G", "Email": "lucia@example.es", "Fecha nacimiento": "28/02/1975"}}]}"#)
            #expect(sent.status == .accepted, "\(String(buffer: sent.body))")
            // The technician of the same dealer sees users files: the same receipt, in the dealer's folder.
            let technician = try await client.execute(uri: uri, method: .get, headers: basic("tomas"))
            #expect(technician.status == .ok)
        }
        let name = "altas-vera.correccion-2026-11-24.csv"
        #expect(try ws.text("inbox/ACME/.\(name).uploaded-by") == "vera\nseller V01\n")
        #expect(try ws.run(["run", "--as-of", "2026-11-24"]).status == 0)
        let receipt = try ws.receipt("outbox/ACME/sellers/V01/receipts/2026-11-24/\(name).json")
        #expect(receipt.status == .applied && receipt.uploadedBy == "vera")
        let lucia = try #require(try ws.user("45678901G"), "the corrected row is applied")
        #expect(lucia.seller == "V01", "in the seller's scope: an ALTA without Vendedor is the uploader's client")
    }
}

@Suite("Corrections of a dealer's file by the master")
struct MasterCorrectionTests {
    @Test func theMasterCorrectsADealersProcessingIntoThatDealersInboxAndItsStatusLooksThere() async throws {
        let ws = try ReceiptAPITests.sampleRun()
        defer { ws.remove() }
        let uri = "/api/receipts/2026-11-24/altas-acme.csv?dealer=ACME"
        let status = try await ReceiptAPITests.testValue(ws) { client -> String in
            let detail = try ReceiptAPITests.json(try await client.execute(uri: uri, method: .get, headers: basic("olga")))
            #expect(detail["corrections"] as? String == "/api/receipts/2026-11-24/altas-acme.csv/corrections?dealer=ACME")
            let line = try #require((detail["rejectedRows"] as? [[String: Any]])?.first?["line"] as? Int)
            let sent = try await ReceiptAPITests.post(client, try #require(detail["corrections"] as? String), as: "olga",
                                                     #"{"rows": [{"line": \#(line), "cells": {}}]}"#)
            #expect(sent.status == .accepted, "\(String(buffer: sent.body))")
            return try #require(try ReceiptAPITests.json(sent)["status"] as? String)
        }
        #expect(status.hasSuffix("&dealer=ACME"))
        #expect(ws.exists("inbox/ACME/altas-acme.correccion-2026-11-24.csv"))
        #expect(try ws.text("inbox/ACME/.altas-acme.correccion-2026-11-24.csv.uploaded-by") == "olga\n")
        _ = try ws.run(["run", "--as-of", "2026-11-24"])
        try await ReceiptAPITests.test(ws) { client in
            let answer = try await client.execute(uri: status, method: .get, headers: basic("olga"))
            #expect(answer.status == .ok, "the receipt is found in ACME's folders")
            #expect(try ReceiptAPITests.json(answer)["input"] as? String == "altas-acme.correccion-2026-11-24.csv")
            let ana = try await client.execute(uri: status, method: .get, headers: basic("ana"))
            #expect(ana.status == .notFound, "a dealer's account never names a dealer")
        }
    }
}
