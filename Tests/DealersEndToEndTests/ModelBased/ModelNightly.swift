import DealersTestSupport
/// The nightly run of the model (docs/rules-over-time.md, last row of the table): as of a day,
/// each contract's INICIO (an ALTA recorded in advance reached its start and was not cancelled
/// before it), BAJA_EFECTIVA (a BAJA recorded in advance reached its date) and EXPIRACIÓN
/// (dated the day after an end that passed), each once. Each event names the collective the
/// user was in on its date.
extension ModelWorld {
    mutating func nightly(_ day: Day) {
        for document in users.keys.sorted() {
            guard var user = users[document] else { continue }
            var added: [ModelEvent] = []
            for index in user.contracts.indices {
                var contract = user.contracts[index]
                func note(_ kind: ModelEvent.Kind, _ date: Day) {
                    guard contract.nightlyMarks.insert(NightlyMark(kind: kind, date: date)).inserted else { return }
                    added.append(ModelEvent(kind: kind, date: date, collective: user.collective(on: date), contract: contract.number))
                }
                let neverStarted = contract.cancelledOn.map { $0 <= contract.start } ?? false
                if let start = contract.startRecordedInAdvance, start == contract.start, start <= day, !neverStarted {
                    note(.start, start)
                }
                if let cancelled = contract.cancelledOn, cancelled <= day, contract.bajasRecordedInAdvance.contains(cancelled) {
                    note(.bajaEffective, cancelled)
                }
                if contract.status(on: day) == .expired {
                    note(.expiry, contract.end.adding(days: 1))
                }
                user.contracts[index] = contract
            }
            guard !added.isEmpty else { continue }
            user.events.append(contentsOf: added)
            users[document] = user
        }
    }
}
