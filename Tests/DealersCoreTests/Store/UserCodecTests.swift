import Foundation
import DealersTestSupport
import Testing
@testable import DealersCore

/// Differential tests: `UserCodec` against `JSONEncoder`/`JSONDecoder` over generated users and
/// over the same documents reshaped (pretty-printed, keys shuffled, unknown keys, escapes) and
/// broken (byte-level mutations).
@Suite("UserCodec")
struct UserCodecTests {
    static let userCount = 3000

    @Test("encode writes exactly JSONEncoder's bytes (sortedKeys, withoutEscapingSlashes, iso8601)")
    func encodeMatchesJSONEncoder() throws {
        var factory = UserFactory(seed: 1)
        for n in 0..<Self.userCount {
            let user = factory.user()
            #expect(try fast(user) == reference(user), "user #\(n)")
        }
    }

    @Test("the fast reader alone reads JSONEncoder's compact and pretty-printed documents back")
    func decodeRoundTrips() throws {
        var factory = UserFactory(seed: 2)
        for n in 0..<Self.userCount {
            let user = factory.user()
            let compact = try reference(user).withUnsafeBytes { try UserCodec.decodeFast($0) }
            #expect(compact == user, "user #\(n)")
            #expect(fast(compact) == fast(user), "user #\(n): same bytes, not just canonically equal strings")
            let pretty = try reference(user, pretty: true).withUnsafeBytes { try UserCodec.decodeFast($0) }
            #expect(fast(pretty) == fast(user), "user #\(n) pretty-printed")
        }
    }

    @Test("the fast reader alone reads reshaped documents (shuffled keys, whitespace, unknown keys, escapes, nulls) as Codable does")
    func reshapedDocumentsMatchCodable() throws {
        var factory = UserFactory(seed: 3)
        var rng = SeededGenerator(seed: 33)
        for n in 0..<Self.userCount {
            let tree = try JSONTree(parsing: try reference(factory.user()))
            let bytes = Array(tree.reshaped(using: &rng).utf8)
            let expected = try JSONDecoder().decode(User.self, from: Data(bytes))
            let decoded = try bytes.withUnsafeBytes { try UserCodec.decodeFast($0) }
            #expect(fast(decoded) == fast(expected), "user #\(n): \(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test("mutated documents are refused or read exactly as JSONDecoder does, never crash")
    func mutatedDocumentsMatchCodable() throws {
        var factory = UserFactory(seed: 4)
        var rng = SeededGenerator(seed: Mutator.baseSeed)
        for n in 0..<(Mutator.iterations * 5) {
            let seed = try reference(factory.user(contracts: 1))
            let bytes = Mutator.mutate(seed, using: &rng)
            let expected = try? JSONDecoder().decode(User.self, from: Data(bytes))
            do {
                let decoded = try UserCodec.decode(bytes, path: "u.json")
                #expect(expected.map(fast) == fast(decoded), "case #\(n)")
            } catch let error as DealersError {
                #expect(expected == nil, "case #\(n): \(error)")
                #expect(error.kind == .corruptStore && error.path == "u.json")
            }
        }
    }

    @Test("documents the fast reader leaves to JSONDecoder still decode as Codable does", arguments: [
        #"{"\u0064ocument":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#,
        #"{"document":"X","document":"Y","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#,
        "\u{FEFF}" + #"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#,
        #"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[{"collective":"C","date":"2024-01-01","document":"X","kind":"ALTA","sourceFile":"f","sourceLine":1e2}],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#,
        #"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"+202-01-01","updatedOn":"\u0032024-01-01","x":[1,],}"#,
        #"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01","x":"\ud800"}"#,
    ])
    func unusualDocumentsMatchCodable(_ text: String) throws {
        let expected = try JSONDecoder().decode(User.self, from: Data(text.utf8))
        #expect(try fast(UserCodec.decode(Array(text.utf8))) == fast(expected))
    }

    @Test("refused documents throw a corruptStore error naming the JSON location", arguments: [
        (#"{"document":"X","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#, #"missing "firstName""#),
        (#"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[{"collective":"C","end":"2024-12-31","start":"2024-01-01"}],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#, #"missing "number" at contracts[0]"#),
        (#"{"document":"X","firstName":"A","lastName":"","relationship":"JEFE","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#, "relationship"),
        (#"{"document":"X","firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-02-30","updatedOn":"2024-01-01"}"#, "createdOn"),
        (#"{"document":null,"firstName":"A","lastName":"","relationship":"TITULAR","dependants":[],"collective":"C","contracts":[],"history":[],"createdOn":"2024-01-01","updatedOn":"2024-01-01"}"#, "document"),
        (#"{"document":"X","firstName":"A""#, "not valid JSON"),
        ("", "not valid JSON"),
        ("[]", "top level"),
    ])
    func refusedDocumentsNameTheLocation(_ text: String, _ fragment: String) {
        do {
            _ = try UserCodec.decode(Array(text.utf8), path: "users/X.json")
            Issue.record("decoded a refused document")
        } catch let error as DealersError {
            #expect(error.kind == .corruptStore)
            #expect(error.path == "users/X.json")
            #expect(error.message.contains(fragment), "\(error.message)")
        } catch {
            Issue.record("not a DealersError: \(error)")
        }
    }

    @Test("strings escape exactly as JSONEncoder escapes them, every ASCII character and more")
    func stringEscapingMatchesJSONEncoder() throws {
        var texts = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        texts += ["", "a/b", "\u{2028}\u{2029}", "\u{FEFF}", "é", "e\u{301}", "😀👍🏽🇪🇸", "\u{FFFF}", "\u{10FFFF}", "\"\\\u{0}"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for text in texts {
            var bytes: [UInt8] = []
            JSONByteWriter.string(text, to: &bytes)
            #expect(bytes == Array(try encoder.encode([text]).dropFirst().dropLast()), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("the reader resolves every escape, surrogate pairs included, and refuses broken ones", arguments: [
        (#""a\"b\\c\/d\b\f\n\r\t""#, "a\"b\\c/d\u{8}\u{C}\n\r\t" as String?),
        (#""\u00e9\u00C9\ud83d\ude00\u0000""#, "éÉ😀\u{0}"),
        (#""\ud83d""#, nil), (#""\ude00""#, nil), (#""\ud83d\u0041""#, nil), (#""\x""#, nil), (#""\u12g4""#, nil),
        ("\"a\tb\"", nil), ("\"abc", nil), ("\"abc\\", nil),
    ])
    func readerResolvesEscapes(_ json: String, _ expected: String?) {
        let bytes = Array(json.utf8)
        let text = bytes.withUnsafeBytes { buffer -> String? in
            var reader = JSONByteReader(buffer)
            return try? reader.readString()
        }
        #expect(text == expected)
    }

    @Test("the reader validates UTF-8", arguments: [
        ([0xC3, 0xA9], true), ([0xF0, 0x9F, 0x98, 0x80], true), ([0xEF, 0xBF, 0xBF], true),
        ([0xC0, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
        ([0xE2, 0x82], false), ([0xFF], false), ([0x80], false),
    ] as [([UInt8], Bool)])
    func readerValidatesUTF8(_ bytes: [UInt8], _ valid: Bool) {
        #expect(bytes.withUnsafeBytes { JSONByteReader.isValidUTF8($0) } == valid)
    }

    @Test("index entries encode like JSONEncoder and decode, reshaped or not, like JSONDecoder")
    func indexEntriesMatchCodable() throws {
        var factory = UserFactory(seed: 5)
        var rng = SeededGenerator(seed: 55)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for n in 0..<Self.userCount {
            let contract = StoreDomainState.ContractIndexEntry(number: factory.text(), document: factory.text())
            let member = StoreDomainState.MemberEntry(document: factory.text())
            var bytes: [UInt8] = [], memberBytes: [UInt8] = []
            IndexEntryCodec.encode(contract, into: &bytes)
            IndexEntryCodec.encode(member, into: &memberBytes)
            #expect(bytes == Array(try encoder.encode(contract)), "entry #\(n)")
            #expect(memberBytes == Array(try encoder.encode(member)), "entry #\(n)")
            let reshaped = Array(try JSONTree(parsing: bytes).reshaped(using: &rng).utf8)
            let expected = try? JSONDecoder().decode(StoreDomainState.ContractIndexEntry.self, from: Data(reshaped))
            let decoded = try? reshaped.withUnsafeBytes { try IndexEntryCodec.decodeContractEntry($0) }
            #expect(decoded?.number == expected?.number && decoded?.document == expected?.document, "entry #\(n)")
            let asMember = try? reshaped.withUnsafeBytes { try IndexEntryCodec.decodeMemberEntry($0) }
            #expect(asMember?.document == expected?.document, "entry #\(n)")
        }
    }

    // MARK: Helpers

    private func fast(_ user: User) -> [UInt8] {
        var bytes: [UInt8] = []
        UserCodec.encode(user, into: &bytes)
        return bytes
    }

    private func reference(_ user: User, pretty: Bool = false) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return Array(try encoder.encode(user))
    }
}

@Suite("Change-log entry encoding")
struct ChangeLogEncodingTests {
    @Test("the streamed encoding equals JSONEncoder's with sorted keys")
    func sameAsJSONEncoder() throws {
        let entry = ChangeLogEntry(sequence: 42, asOf: try #require(CivilDate(iso: "2026-11-24")), source: "usuarios \"ñ\"/1.csv",
                                   changes: [.init(document: "12345678Z", kind: .created), .init(document: "X1234567L", kind: .deactivated)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(entry.encoded() == Array(try encoder.encode(entry)))
    }
}
