import Foundation
@testable import DealersCore
import DealersTestSupport

/// The first difference between the product and the model after a step, in words.
struct Difference: Error, Sendable, CustomStringConvertible {
    /// What was compared: two failures of the same kind are "the same failure" when shrinking.
    enum Kind: String, Sendable { case exit, receipt, user, usersReport, isolation, verify, io }

    var kind: Kind
    var message: String

    var description: String { "[\(kind.rawValue)] \(message)" }
}

/// Compares the product's store, receipts and users reports with the model (deliverable 3).
enum ModelComparison {
    /// A user as both sides can tell it: what the model compares.
    struct UserFacts: Equatable, CustomStringConvertible {
        var names: String
        var collective: String
        var relationship: String
        var holder: String?
        var dependants: [String]
        var contracts: [String]
        var events: [String]

        var description: String {
            "\(names) | \(collective) \(relationship) holder=\(holder ?? "-") dependants=\(dependants) | contracts \(contracts)"
        }
    }

    static func contract(_ number: String, _ start: String, _ end: String, _ cancelledOn: String?) -> String {
        "\(number) \(start)…\(end)" + (cancelledOn.map { " baja \($0)" } ?? "")
    }

    static func facts(_ user: ModelUser, dependants: [String]) -> UserFacts {
        UserFacts(names: "\(user.firstName) \(user.lastName)", collective: user.collective, relationship: user.relationship,
                  holder: user.holder, dependants: dependants,
                  contracts: user.contracts.map { contract($0.number, $0.start.iso, $0.end.iso, $0.cancelledOn?.iso) },
                  events: user.events.map { event($0.kind.rawValue, $0.date.iso, $0.collective, $0.contract) }.sorted())
    }

    static func facts(_ user: User) -> UserFacts {
        UserFacts(names: "\(user.firstName) \(user.lastName)", collective: user.collective, relationship: user.relationship.rawValue,
                  holder: user.holder, dependants: user.dependants.sorted(),
                  contracts: user.contracts.map { contract($0.number, $0.start.description, $0.end.description, $0.cancelledOn?.description) },
                  events: user.history.map { event($0.kind.rawValue, $0.date.description, $0.collective, $0.contract) }.sorted())
    }

    static func event(_ kind: String, _ date: String, _ collective: String, _ contract: String?) -> String {
        let namesContract = ModelEvent.Kind(rawValue: kind)?.namesContract ?? true
        return "\(date) \(kind) \(collective)" + (namesContract ? " \(contract ?? "-")" : "")
    }

    /// The receipt, every user, and each dealer's users report.
    static func compare(_ world: ModelWorld, expected: ModelReceipt?, step: HistoryStep, product: ProductView) throws -> Difference? {
        if let expected {
            let found = try product.receipt(step)
            if found != expected {
                return Difference(kind: .receipt, message: "\(step.name): receipt \(found), the model says \(expected)")
            }
        }
        let users = try product.users()
        let dependants = world.dependantsByHolder
        for document in Set(users.keys).union(world.users.keys).sorted() {
            guard let mine = world.users[document] else {
                return Difference(kind: .user, message: "\(document) is in the store, not in the model")
            }
            guard let theirs = users[document] else {
                return Difference(kind: .user, message: "\(document) is in the model (\(facts(mine, dependants: dependants[document] ?? []))), not in the store")
            }
            let (expected, found) = (facts(mine, dependants: dependants[document] ?? []), facts(theirs))
            if expected != found { return Difference(kind: .user, message: describe(document, found: found, expected: expected)) }
        }
        for dealer in History.dealers {
            let rows = try product.report("users", dealer: dealer)
                .map { "\($0["Documento"] ?? "?") \($0["Colectivo"] ?? "?") \($0["Estado"] ?? "?")" }.sorted()
            let expected = world.users.values.filter { world.dealer(of: $0.collective) == dealer }
                .map { "\($0.document) \($0.collective) \($0.latest?.status(on: step.asOf).rawValue ?? "")" }.sorted()
            if rows != expected {
                return Difference(kind: .usersReport, message: "outbox/\(dealer)/reports/users.csv: "
                                  + "\(Set(rows).subtracting(expected).sorted()) where the model has \(Set(expected).subtracting(rows).sorted())")
            }
        }
        return nil
    }

    static func describe(_ document: String, found: UserFacts, expected: UserFacts) -> String {
        var lines = ["user \(document):", "  store: \(found)", "  model: \(expected)"]
        if found.events != expected.events {
            let extra = found.events.filter { !expected.events.contains($0) }
            let missing = expected.events.filter { !found.events.contains($0) }
            lines.append("  events only in the store: \(extra); only in the model: \(missing)")
            if extra.isEmpty && missing.isEmpty { lines.append("  (the same events, not as many times)") }
        }
        return lines.joined(separator: "\n")
    }
}
