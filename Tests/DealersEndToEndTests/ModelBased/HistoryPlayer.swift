import Foundation
import DealersTestSupport

/// Plays a history on a fresh workspace with the built `dealers` binary and on the model, step
/// by step, and stops at the first difference (deliverables 3 and 4); `store verify` ends it.
enum HistoryPlayer {
    /// Where a history first went wrong.
    struct Failure: Error, CustomStringConvertible {
        /// The index of the step after which it showed (`steps.count`: at the end, `store verify`).
        var step: Int
        var difference: Difference

        var description: String { "after step \(step + 1): \(difference)" }
    }

    /// Plays `history`; `nil` when the product and the model agreed all the way.
    static func play(_ history: History) -> Failure? {
        let ws: TestWorkspace
        do { ws = try TestWorkspace() } catch { return Failure(step: -1, difference: Difference(kind: .io, message: "\(error)")) }
        defer { ws.remove() }
        var step = -1
        do {
            try ws.write("inbox/colectivos.csv", History.collectivesFile)
            let setUp = try ws.run(["run", "--as-of", history.start.iso])
            guard setUp.status == 0 else {
                return Failure(step: -1, difference: Difference(kind: .exit, message: "collectives: \(setUp.stderr)"))
            }
            var world = History.initialWorld
            var isolation = IsolationCheck()
            let product = ProductView(ws: ws)
            for (index, next) in history.steps.enumerated() {
                step = index
                if next.kind != .nightly { try ws.write(next.path, next.text) }
                let result = try ws.run([next.kind == .nightly ? "nightly" : "run", "--as-of", next.asOf.iso])
                let expected = world.apply(next)
                let allowed: Set<Int32> = next.kind == .nightly || expected?.rejected == 0 ? [0] : [65]
                guard !result.signalled, allowed.contains(result.status) else {
                    return Failure(step: index, difference: Difference(
                        kind: .exit, message: "\(next.command) exited \(result.status), expected \(allowed.sorted()): \(result.stderr.suffix(2000))"))
                }
                if let difference = try ModelComparison.compare(world, expected: expected, step: next, product: product)
                    ?? isolation.check(world, asOf: next.asOf, product: product) {
                    return Failure(step: index, difference: difference)
                }
            }
            step = history.steps.count
            let verify = try ws.run(["store", "verify"])
            guard verify.status == 0 else {
                return Failure(step: step, difference: Difference(kind: .verify, message: "store verify exited \(verify.status): \(verify.stdout) \(verify.stderr)"))
            }
            return nil
        } catch {
            return Failure(step: step, difference: Difference(kind: .io, message: "\(error)"))
        }
    }
}
