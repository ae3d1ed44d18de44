import Foundation
import Testing
@testable import DealersCore
@testable import DealersStore

@Suite("StoreKey")
struct StoreKeyTests {
    @Test("accepts relative paths of safe components",
          arguments: ["users/3f/12345678Z.json", "meta", "a-b_c.d/e", "collectives/X1.json", "metadata.json"])
    func accepts(path: String) throws {
        #expect(try StoreKey(path).path == path)
    }

    @Test("rejects unsafe or reserved paths",
          arguments: ["", "/etc/passwd", "users/../x", "..", "./a", "a//b", "a/", "a/.hidden", "a b", "a/ü.json",
                      "a\nb", "journal/x.committed", "lock", "meta.json", "a\\b", String(repeating: "x", count: 201)])
    func rejects(path: String) {
        let error = dealersError { _ = try StoreKey(path) }
        #expect(error?.kind == .data)
    }

    @Test("orders by bytes and describes itself as its path")
    func ordering() throws {
        let keys = try ["b", "a/z", "a", "B"].map(StoreKey.init)
        #expect(keys.sorted().map(\.path) == ["B", "a", "a/z", "b"])
        #expect(try StoreKey("users/1.json").description == "users/1.json")
        #expect(try StoreKey("users/3f/1.json").name == "1.json")
    }
}
