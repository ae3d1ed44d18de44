import DealersTestSupport
/// What the model found the product doing against docs/rules-over-time.md, not yet mended: each
/// with a seed whose history shows it (played with ``HistoryProfile/avoidKnownIssues`` off) and
/// the shortest history the shrinker made of it. The normal histories leave these patterns out,
/// so that they keep finding new differences; ``ModelBasedTests`` plays each seed under
/// `withKnownIssue`, which fails once the product is mended (then delete the case and the
/// generator's avoidance).
enum KnownIssues {
    /// A seed that shows a known issue.
    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var issue: String
        var description: String { "seed \(seed)" }
    }

    /// Events recorded from a file in advance (an ALTA starting later, a BAJA dated later) keep
    /// the collective the user was in when the row was applied. When the operator moves the
    /// customer to another dealer's collective before that date, the old dealer's contract
    /// history shows the event once its date comes: an event dated after the move, naming a
    /// customer who was no longer that dealer's ("every event names the collective the user was
    /// in on the event's date"; "IBERIA … learns nothing after the move").
    ///
    /// Shortest history (seed 109): IBERIA's `ALTA;PYME;…;79523884G;Juan;García;;;;TITULAR;;27/04/2026`
    /// as of 2026-03-17; the operator's `MODIFICACION;SUR;…;79523884G` as of 2026-04-18; `nightly`
    /// as of 2026-04-28: `outbox/IBERIA/reports/contract-history.csv` has `27/04/2026;79523884G;
    /// Juan García;PYME;ALTA;…`.
    static let futureEventsStayWithTheOldDealer =
        "an event recorded in advance stays in the old dealer's contract history after the operator moved the customer"

    /// A holder's BAJA dated on or after the day a dependant's own BAJA is pending moves the
    /// dependant's BAJA to the holder's date: its contract still ends on the first date, but is
    /// CANCELLED only from the second (EXPIRED in between, a second BAJA event, BAJA_EFECTIVA on
    /// the holder's date). A BAJA row of the dependant's own on that date would be refused
    /// `CONTRACT_CANCELLED`: "brought forward when d is earlier … the service already ends on
    /// its date". The model lets the holder's BAJA leave such a dependant as it is.
    ///
    /// Shortest history: `ALTA;NORTE;…;00000001R;Ana;X;;;;TITULAR` and `ALTA;NORTE;…;00000002W;Bea;
    /// X;;;;HIJO;00000001R` (ACME) as of 2026-01-05; `BAJA;;…;00000002W;…;01/03/2026` as of
    /// 2026-01-10; `BAJA;;…;00000001R;…;01/04/2026` as of 2026-01-12: the store has 00000002W's
    /// contract with end 2026-03-01 and `cancelledOn` 2026-04-01.
    static let holderBajaPushesBackADependantsBaja =
        "a holder's BAJA pushes a dependant's pending BAJA back to the holder's later date"

    static let cases = [
        Case(seed: 109, issue: futureEventsStayWithTheOldDealer),
        Case(seed: 102, issue: holderBajaPushesBackADependantsBaja),
    ]
}
