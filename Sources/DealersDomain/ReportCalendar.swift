import DealersModel

/// The dates on which what the reports say of a user changes by the calendar alone, beyond the
/// events the nightly run records (``NightlyRules/pendingEvents(of:)``, which cover a contract
/// starting, expiring or a BAJA taking effect): a future-dated event reaching the as-of date
/// (the contract-history report lists events dated up to it), a payment leaving the
/// collective-status report's window of recent payments, and a cancelled contract entering its
/// window of contracts expiring soon. (An uncancelled contract enters that window
/// ``windowDays`` before the day its pending EXPIRACION is filed under.)
///
/// A function of the user alone, so that the store's index of these dates can be checked
/// against the users; dates that have passed stay in it harmlessly until the user next changes.
public enum ReportCalendar {
    /// The window of the collective-status report's "expiring within" and "payments in the
    /// last" columns, in days.
    public static let windowDays = 30

    /// The dates, sorted, each once.
    public static func dates(of user: User) -> [CivilDate] {
        var dates: [CivilDate] = []
        for event in user.history {
            if let recorded = event.recordedOn, recorded < event.date { dates.append(event.date) }
            if event.kind == .pago { dates.append(event.date.adding(days: windowDays)) }
        }
        for contract in user.contracts where contract.cancelledOn != nil {
            dates.append(contract.end.adding(days: -windowDays))
        }
        return dates.sortedOnce()
    }
}

extension Array where Element: Comparable {
    /// The elements sorted, each once (for the few dates of one user, cheaper than a set).
    package func sortedOnce() -> [Element] {
        guard count > 1 else { return self }
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in sorted() where result.last != element { result.append(element) }
        return result
    }
}
