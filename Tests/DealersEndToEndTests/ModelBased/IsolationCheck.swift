import Foundation
import DealersTestSupport

/// Two dealers kept apart over time (§3.5, docs/rules-over-time.md "Moves, dealers and dates";
/// deliverable 4): no event line of a dealer's contract history, no row of its users report and
/// no line of its sync feed names a customer on a day the customer was not that dealer's, as
/// the model tells it. A customer the operator moved from IBERIA to ACME may stay in IBERIA's
/// history with events dated up to the day of the move, never after it.
struct IsolationCheck {
    /// History lines already judged, per dealer: a day in the past stays whose it was.
    private var judged: [String: Set<String>] = [:]
    /// Sync feed files already read, per dealer.
    private var feeds: [String: Set<String>] = [:]

    mutating func check(_ world: ModelWorld, asOf: Day, product: ProductView) throws -> Difference? {
        for dealer in History.dealers {
            func leak(_ what: String, _ document: String, _ day: Day) -> Difference? {
                guard let user = world.users[document] else {
                    return Difference(kind: .isolation, message: "\(what) names \(document), whom the model does not know")
                }
                let owners = world.owners(of: user, on: day)
                guard !owners.contains(dealer) else { return nil }
                let timeline = world.dealers(of: user).map { "\($0.from): \($0.dealer ?? "operator")" }
                return Difference(kind: .isolation, message: "\(what) names \(document) on \(day), when the customer was "
                                  + "\(owners.map { $0 ?? "operator" }.sorted())'s, not \(dealer)'s (dealers: \(timeline))")
            }
            let history = try product.reportLines("contract-history", dealer: dealer)
            for line in history.lines where judged[dealer, default: []].insert(line).inserted {
                let row = CSVLine.row(history.header, line)
                guard let document = row["Documento"], let day = row["Fecha"].flatMap(Day.init(spanish:)) else {
                    return Difference(kind: .isolation, message: "outbox/\(dealer)/reports/contract-history.csv: a line without date or document: \(row)")
                }
                let what = "outbox/\(dealer)/reports/contract-history.csv line «\(row["Evento"] ?? "") \(row["Colectivo"] ?? "")»"
                if let leak = leak(what, document, day) { return leak }
            }
            for row in try product.report("users", dealer: dealer) {
                if let leak = leak("outbox/\(dealer)/reports/users.csv as of \(asOf)", row["Documento"] ?? "?", asOf) { return leak }
            }
            var seen = feeds[dealer, default: []]
            defer { feeds[dealer] = seen }
            for (file, line) in try product.newSyncLines(dealer: dealer, seen: &seen) {
                let user = line["user"] as? [String: Any]
                guard let document = user?["document"] as? String, let day = (line["asOf"] as? String).flatMap(Day.init(iso:)) else {
                    return Difference(kind: .isolation, message: "outbox/\(dealer)/sync/\(file): a line without document or date")
                }
                if let leak = leak("outbox/\(dealer)/sync/\(file)", document, day) { return leak }
            }
        }
        return nil
    }
}
