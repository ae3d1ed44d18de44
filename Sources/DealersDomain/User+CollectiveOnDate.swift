import DealersModel

extension User {
    /// The collective the user belonged to on a date, as the history tells it: the collective of
    /// the latest event recorded on or before that date (every event a file records carries the
    /// user's collective at the time), else of the first event, else the user's collective.
    ///
    /// The nightly run dates its events by the calendar (INICIO, BAJA_EFECTIVA, EXPIRACION), so a
    /// user moved since the contract was made — even to another dealer — has those events in the
    /// collective of that date, and they reach that collective's dealer only (§3.5).
    public func collective(on date: CivilDate) -> String {
        var found: String?
        for event in history where event.sourceFile != NightlyRules.source {
            if (event.recordedOn ?? event.date) <= date {
                found = event.collective
            } else if found == nil {
                found = event.collective   // recorded after the date: the earliest record stands
                break
            }
        }
        return found ?? collective
    }
}
