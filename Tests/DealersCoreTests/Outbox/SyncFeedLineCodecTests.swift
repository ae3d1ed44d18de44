import Foundation
import Testing
@testable import DealersCore

@Suite("Outbox: sync feed lines as bytes")
struct SyncFeedLineCodecTests {
    static func user(firstName: String, email: String?, holder: String?, dealer: String?, contract: Bool) -> SyncUser {
        var user = SyncUser(User(document: "12345678Z", documentType: nil, firstName: firstName, lastName: "Núñez",
                                 email: email, phone: nil, birthDate: nil, relationship: .hijo, holder: holder,
                                 dependants: [], collective: "NORTE", contracts: [], history: [],
                                 createdOn: date("2026-01-01"), updatedOn: date("2026-01-01")),
                            dealer: dealer, asOf: date("2026-11-24"))
        if contract {
            user.contract = SyncContract(number: "C00000012", start: date("2026-11-01"), end: date("2027-10-31"),
                                         status: .active)
        }
        user.documentType = email == nil ? nil : "DNI"
        user.phone = holder == nil ? "+34600111222" : nil
        user.seller = holder == nil ? nil : "V-01"
        return user
    }

    static let lines: [SyncFeedLine] = [
        SyncFeedLine(feed: 3, sequence: 17, kind: .created, asOf: date("2026-11-24"), source: "usuarios.csv",
                     user: user(firstName: "José", email: "jose@example.es", holder: nil, dealer: "ACME", contract: true)),
        SyncFeedLine(feed: 1, sequence: 1_234_567, kind: .deactivated, asOf: date("0999-01-02"), source: "a/b\\c \"d\"",
                     user: user(firstName: "Tab\there\u{1}\u{1F}\n", email: nil, holder: "87654321X", dealer: nil,
                                contract: false)),
        SyncFeedLine(feed: 12, sequence: 0, kind: .changed, asOf: date("2026-02-28"), source: "nightly",
                     user: user(firstName: "😀 Zoë </b>", email: "x@y.z", holder: "1", dealer: "IBERIA", contract: true)),
    ]

    @Test("a line's bytes are exactly JSONEncoder's (sorted keys, slashes unescaped)", arguments: lines)
    func sameAsJSONEncoder(line: SyncFeedLine) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var bytes: [UInt8] = []
        SyncFeedLineCodec.encode(line, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: try encoder.encode(line), as: UTF8.self))
    }
}
