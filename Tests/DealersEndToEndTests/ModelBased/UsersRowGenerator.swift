import DealersTestSupport
/// The rows of a users file: every action, on users in every status, a dependant now and then
/// listed before its holder, and rows that must be refused.
extension HistoryGenerator {
    /// What a users row is about; each kind is chosen by weight.
    enum UsersRowKind {
        case newHolder, newDependant, reEnrol, baja, familyBaja, extend, changeData, moveWithinDealer, moveToOtherDealer
        case changeRelationship, unknownUser, badDocument, otherDealersUser
    }

    mutating func usersRows(inbox: String?) -> [[String]] {
        var rows: [UsersRow] = []
        var touched: Set<String> = []
        let count = random.int(profile.usersRows)
        while rows.count < count {
            let kind = random.weighted([
                (25, UsersRowKind.newHolder), (8, .newDependant), (6, .reEnrol), (12, .baja), (3, .familyBaja), (10, .extend),
                (8, .changeData), (8, .moveWithinDealer), (5, .moveToOtherDealer), (4, .changeRelationship),
                (3, .unknownUser), (2, .badDocument), (4, .otherDealersUser),
            ]) ?? .newHolder
            rows += usersRows(kind, inbox: inbox, touched: &touched)
        }
        return rows.map(\.cells)
    }

    /// A known user the inbox sees, or `nil` when it sees none.
    mutating func someUser(_ inbox: String?, where condition: (ModelUser) -> Bool = { _ in true }) -> ModelUser? {
        random.pick(users(seenFrom: inbox).filter(condition))
    }

    mutating func usersRows(_ kind: UsersRowKind, inbox: String?, touched: inout Set<String>) -> [UsersRow] {
        let today = self.today
        switch kind {
        case .newHolder:
            var holder = UsersRow(action: "ALTA", document: freshDocument())
            holder.collective = random.pick(collectives(of: inbox))?.code ?? "NORTE"
            holder.firstName = firstName()
            holder.lastName = lastName()
            holder.relationship = random.chance(0.8) ? "TITULAR" : ""
            let start: Day = random.weighted([(65, today), (20, today.adding(days: random.int(1...45))),
                                             (15, today.adding(days: -random.int(1...20)))]) ?? today
            if start != today { holder.start = start.spanish }
            if random.chance(0.1) { holder.end = start.adding(days: random.int(20...80)).spanish }
            if random.chance(0.04) { holder.end = start.adding(days: -3).spanish }
            touched.insert(holder.document)
            guard random.chance(0.3) else { return [holder] }
            // A family in one file: dependants sometimes listed before their holder.
            var family = (0..<random.int(1...2)).map { _ in dependant(of: holder.document, in: holder.collective, start: holder.start) }
            family.forEach { touched.insert($0.document) }
            family.insert(holder, at: random.chance(0.5) ? 0 : family.count)
            return family
        case .newDependant:
            guard let holder = someUser(inbox, where: { $0.isHolder && $0.isCurrent(on: today) }) ?? someUser(inbox) else {
                return usersRows(.newHolder, inbox: inbox, touched: &touched)
            }
            var collective = holder.collective
            if random.chance(0.1) { collective = random.pick(collectives(of: inbox))?.code ?? collective }
            let row = dependant(of: holder.document, in: collective, start: "")
            touched.insert(row.document)
            return [row]
        case .reEnrol:
            guard let user = someUser(inbox) else { return [] }
            var row = UsersRow(action: "ALTA", document: user.document)
            row.collective = random.chance(0.7) ? user.collective : random.pick(collectives(of: inbox))?.code ?? user.collective
            if leavesDatedEventsBehind(user, to: row.collective) { row.collective = user.collective }
            row.firstName = user.firstName
            if random.chance(0.3) { row.relationship = "TITULAR" }
            if row.collective != user.collective { touched.insert(user.document) }
            return [row]
        case .baja:
            guard let user = someUser(inbox) else { return [] }
            var row = UsersRow(action: "BAJA", document: user.document)
            let family = [user.document] + world.dependants(of: user.document)
            let earliest = earliestBackdate(family)
            switch random.int(0...9) {
            case 0...4: break
            case 5...7: row.baja = today.adding(days: random.int(1...40)).spanish
            default:
                let date = today.adding(days: -random.int(1...10))
                if family.allSatisfy({ !touched.contains($0) }), date >= earliest { row.baja = date.spanish }
            }
            touched.insert(user.document)
            return [row]
        case .familyBaja:
            // A dependant leaving on a later day, then the holder leaving (the holder's BAJA
            // cancels the dependant's contract too: "whatever its status but CANCELLED").
            let world = self.world
            guard let holder = someUser(inbox, where: { !world.dependants(of: $0.document).isEmpty }),
                  let dependant = random.pick(world.dependants(of: holder.document)) else { return [] }
            var first = UsersRow(action: "BAJA", document: dependant)
            let leaves = today.adding(days: random.int(1...20))
            first.baja = leaves.spanish
            var second = UsersRow(action: "BAJA", document: holder.document)
            if random.chance(0.6) { second.baja = today.adding(days: random.int(1...40)).spanish }
            touched.formUnion([holder.document, dependant])
            return [first, second]
        case .extend:
            guard let user = someUser(inbox) else { return [] }
            var row = UsersRow(action: random.chance(0.5) ? "EXTENSIÓN" : "EXTENSION", document: user.document)
            row.period = random.weighted([(55, "1M"), (40, "1A"), (5, "")]) ?? "1M"
            return [row]
        case .changeData:
            guard let user = someUser(inbox) else { return [] }
            var row = UsersRow(action: random.chance(0.5) ? "MODIFICACIÓN" : "MODIFICACION", document: user.document)
            if random.chance(0.85) {
                row.firstName = firstName()
                row.lastName = lastName()
            } else {
                row.firstName = user.firstName   // the data it has already
            }
            return [row]
        case .moveWithinDealer, .moveToOtherDealer:
            let movable = users(seenFrom: inbox).filter { kind == .moveWithinDealer || !leavesDatedEventsBehind($0, to: nil) }
            guard let user = random.pick(movable) else { return [] }
            let own = world.dealer(of: user.collective)
            let targets = History.collectives.filter {
                $0.code != user.collective && (kind == .moveWithinDealer) == ($0.dealer == own)
            }
            guard let target = random.pick(targets) else { return [] }
            var row = UsersRow(action: "MODIFICACION", document: user.document)
            row.collective = target.code
            touched.insert(user.document)
            world.dependants(of: user.document).forEach { touched.insert($0) }
            return [row]
        case .changeRelationship:
            guard let user = someUser(inbox) else { return [] }
            var row = UsersRow(action: "MODIFICACION", document: user.document)
            if user.isHolder {
                row.relationship = random.pick(["HIJO", "CONYUGE", "OTRO"]) ?? "HIJO"
                row.holder = someUser(inbox, where: { $0.isHolder && $0.document != user.document })?.document ?? ""
            } else {
                row.relationship = "TITULAR"
            }
            return [row]
        case .unknownUser:
            let action = random.pick(["BAJA", "EXTENSION", "MODIFICACION"]) ?? "BAJA"
            var row = UsersRow(action: action, document: freshDocument())
            if action == "EXTENSION" { row.period = "1M" }
            if action == "MODIFICACION" { row.firstName = firstName() }
            return [row]
        case .badDocument:
            var row = UsersRow(action: "ALTA", document: String(freshDocument().dropLast()) + "X")
            if DNI.isValid(row.document) { row.document = String(row.document.dropLast()) + "Q" }
            row.collective = random.pick(collectives(of: inbox))?.code ?? "NORTE"
            row.firstName = firstName()
            return [row]
        case .otherDealersUser:
            guard let user = random.pick(users(hiddenFrom: inbox)) else { return [] }
            var row = UsersRow(action: random.pick(["ALTA", "BAJA", "MODIFICACION"]) ?? "BAJA", document: user.document)
            if row.action == "ALTA" {
                row.collective = random.pick(collectives(of: inbox))?.code ?? "NORTE"
                row.firstName = firstName()
            }
            if row.action == "MODIFICACION" { row.lastName = lastName() }
            return [row]
        }
    }

    /// Whether moving `user` (and the dependants) to another dealer's collective (`nil`: any)
    /// would leave events dated later than today in the old dealer's history: the known issue
    /// ``KnownIssues/futureEventsStayWithTheOldDealer``, left out unless the profile plays it.
    func leavesDatedEventsBehind(_ user: ModelUser, to collective: String?) -> Bool {
        guard profile.avoidKnownIssues, collective.map({ world.dealer(of: $0) != world.dealer(of: user.collective) }) ?? true else {
            return false
        }
        let family = [user.document] + world.dependants(of: user.document)
        return family.contains { world.users[$0]?.events.contains { $0.date > today } ?? false }
    }

    /// The ALTA of a new dependant of `holder`.
    mutating func dependant(of holder: String, in collective: String, start: String) -> UsersRow {
        var row = UsersRow(action: "ALTA", document: freshDocument())
        row.collective = collective
        row.firstName = firstName()
        row.lastName = lastName()
        row.relationship = random.pick(["CONYUGE", "HIJO", "HIJA", "OTRO"]) ?? "HIJO"
        row.holder = holder
        row.start = start
        return row
    }
}
