import Testing
@testable import DealersCore

/// The uploader note beside a portal upload: the account, then `seller CODE` for a seller.
@Suite("Layouts: the uploader note")
struct UploaderNoteTests {
    @Test("a seller's note names the account and the code; a one-line note, as written before sellers uploaded, the account only")
    func noteRoundTrip() {
        let seller = DoneMarkers.Uploader(account: "vera", seller: "V01")
        #expect(seller.noteText == "vera\nseller V01\n")
        #expect(DoneMarkers.Uploader(noteText: seller.noteText) == seller)
        #expect(DoneMarkers.Uploader(noteText: "ana\n") == DoneMarkers.Uploader(account: "ana"))
        #expect(DoneMarkers.Uploader(noteText: "  ana  \r\n") == DoneMarkers.Uploader(account: "ana"))
        #expect(DoneMarkers.Uploader(noteText: "\n") == nil)
        #expect(DoneMarkers.Uploader(noteText: "") == nil)
    }

    @Test("a seller code is a folder name of its own: 1–32 of A-Z a-z 0-9 . _ -, never . or ..", arguments: [
        ("V01", true), ("v.1_a-b", true), (String(repeating: "V", count: 32), true),
        ("", false), (".", false), ("..", false), ("a/b", false), ("V 01", false), ("Ñ1", false),
        (String(repeating: "V", count: 33), false),
    ])
    func sellerCodes(code: String, valid: Bool) {
        #expect(SellerCode.isValid(code) == valid)
    }
}
