import DealersTestSupport
/// How a history is made: how many steps, how many rows, how days go by.
struct HistoryProfile: Sendable {
    enum Schedule: Sendable {
        /// Steps of a random kind (users file, payments file, nightly), days apart at random.
        case random(steps: Int, days: ClosedRange<Int>)
        /// A calendar: a nightly every day, each dealer's users and payments files every week,
        /// the operator's files every four weeks.
        case calendar(days: Int)
    }

    var schedule: Schedule
    var usersRows: ClosedRange<Int>
    var paymentsRows: ClosedRange<Int>
    /// Leave out the patterns of the product's known issues (the known-issue tests play them).
    var avoidKnownIssues = false

    /// The normal suite's: a few dozen steps over a few months.
    static let quick = HistoryProfile(schedule: .random(steps: 36, days: 0...6), usersRows: 1...6, paymentsRows: 1...4)
    /// `DEALERS_MODEL_LONG=1`: a simulated year.
    static let year = HistoryProfile(schedule: .calendar(days: 365), usersRows: 15...30, paymentsRows: 8...16)
}

/// Makes a random but seeded history. It keeps a model of the history so far to choose rows
/// that mean something (a BAJA of a user who exists, a reversal of a payment made …) and, on
/// purpose, rows that must be refused; the model decides what happens, not the generator.
struct HistoryGenerator {
    var random: SeededGenerator
    let profile: HistoryProfile
    /// The model after the steps made so far.
    var world = History.initialWorld
    var today: Day
    var steps: [HistoryStep] = []
    var documentsMade = 0
    var paymentsMade = 0
    let documentBase: Int

    /// The history of a seed.
    static func history(seed: UInt64, profile: HistoryProfile) -> History {
        var generator = HistoryGenerator(seed: seed, profile: profile)
        let start = generator.today
        generator.make()
        return History(start: start, steps: generator.steps)
    }

    init(seed: UInt64, profile: HistoryProfile) {
        random = SeededGenerator(seed: seed)
        self.profile = profile
        // Month ends come round early in some histories: 31 Jan + 1 month.
        today = Day(2026, 1, 1).adding(days: random.int(0...45))
        documentBase = 10_000_000 + random.int(0...80_000_000)
    }

    mutating func make() {
        switch profile.schedule {
        case .random(let count, let days):
            for _ in 0..<count {
                today = today.adding(days: random.int(days))
                let kind = random.weighted([(45, HistoryStep.Kind.users), (25, .payments), (30, .nightly)]) ?? .nightly
                let inbox = random.weighted([(35, "ACME"), (35, "IBERIA"), (30, nil)]) ?? nil
                add(kind, inbox: inbox)
            }
        case .calendar(let days):
            for day in 0..<days {
                if day % 7 == 3 {
                    for dealer in History.dealers { add(.users, inbox: dealer) }
                    for dealer in History.dealers { add(.payments, inbox: dealer) }
                    if day % 28 == 3 {
                        add(.users, inbox: nil)
                        add(.payments, inbox: nil)
                    }
                }
                add(.nightly, inbox: nil)
                today = today.adding(days: 1)
            }
        }
    }

    /// Makes a step of a kind and applies it to the model.
    mutating func add(_ kind: HistoryStep.Kind, inbox: String?) {
        var step = HistoryStep(kind: kind, asOf: today, inbox: inbox)
        let number = String(steps.count + 1)
        let serial = String(repeating: "0", count: max(0, 3 - number.count)) + number
        switch kind {
        case .nightly: break
        case .users:
            step.name = "usuarios-\(serial).csv"
            step.rows = resent(.users, inbox) ?? usersRows(inbox: inbox)
        case .payments:
            step.name = "pagos-\(serial).csv"
            step.rows = resent(.payments, inbox) ?? paymentsRows(inbox: inbox)
        }
        guard kind == .nightly || !step.rows.isEmpty else { return }
        _ = world.apply(step)
        steps.append(step)
    }

    /// Now and then, the rows of an earlier file of the same inbox, sent again.
    mutating func resent(_ kind: HistoryStep.Kind, _ inbox: String?) -> [[String]]? {
        guard random.chance(0.03) else { return nil }
        return random.pick(steps.filter { $0.kind == kind && $0.inbox == inbox })?.rows
    }

    // MARK: - Choosing

    /// A document never used before.
    mutating func freshDocument() -> String {
        documentsMade += 1
        return DNI.make(documentBase + documentsMade * 7)
    }

    /// A payment id never used before.
    mutating func freshPaymentId() -> String {
        paymentsMade += 1
        return "P\(documentBase % 1000)-\(paymentsMade)"
    }

    /// The collectives an inbox may use.
    func collectives(of inbox: String?) -> [ModelCollective] {
        History.collectives.filter { inbox == nil || $0.dealer == inbox }
    }

    /// The users an inbox sees, in a stable order.
    func users(seenFrom inbox: String?) -> [ModelUser] {
        world.users.keys.sorted().compactMap { world.users[$0] }.filter { world.sees($0, from: inbox) }
    }

    /// The users of the other dealer (none for the operator, who sees everybody).
    func users(hiddenFrom inbox: String?) -> [ModelUser] {
        guard inbox != nil else { return [] }
        return world.users.keys.sorted().compactMap { world.users[$0] }.filter { !world.sees($0, from: inbox) }
    }

    static let firstNames = ["Ana", "Bea", "Carla", "Dani", "Eva", "Fran", "Gema", "Hugo", "Inés", "Juan", "Lucía",
                             "Marta", "Nuria", "Óscar", "Pablo"]
    static let lastNames = ["García", "López", "Núñez", "Peña", "Ruiz", "Vidal", "Ibáñez", "Soto"]

    mutating func firstName() -> String { random.pick(Self.firstNames) ?? "Ana" }
    mutating func lastName() -> String { random.pick(Self.lastNames) ?? "García" }

    /// The earliest day a row may date an event of these users in the past: not before the
    /// latest move of any of them (an event names the collective the user is in when the row is
    /// applied; dated before a move it would name the collective of another day).
    func earliestBackdate(_ documents: [String]) -> Day {
        documents.compactMap { world.users[$0]?.moves.last?.from }.max() ?? today
    }
}
