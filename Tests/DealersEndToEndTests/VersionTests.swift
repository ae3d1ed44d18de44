import Foundation
import Testing
@testable import DealersCore
import DealersTestSupport

/// `dealers --version`: the one version constant, from the built binary.
@Suite("dealers --version")
struct VersionTests {
    @Test("dealers --version prints DealersVersion.current alone on standard output and exits 0")
    func printsTheVersion() throws {
        let result = try RunningProcess(arguments: ["--version"], environment: [:]).wait()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == DealersVersion.current + "\n")
        #expect(result.stderr.isEmpty)
    }
}
