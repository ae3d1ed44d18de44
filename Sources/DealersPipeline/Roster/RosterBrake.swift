import DealersModel
import DealersWorkspace

/// The brake on mass cancellations (docs/layouts.md, "Roster files"): a roster whose BAJAs for a
/// collective exceed `rosterMaxCancelShare` of its current contracts or `rosterMaxCancel` is
/// held — nothing of it applied — until a person confirms it.
package struct RosterBrake: Sendable {
    /// The share of a collective's current contracts a roster may cancel.
    package let maxShare: Double
    /// The number of a collective's contracts a roster may cancel.
    package let maxCount: Int

    /// A collective whose computed BAJAs exceed the brake.
    package struct Excess: Sendable, Equatable {
        /// The collective.
        package var collective: String
        /// Its members with an ACTIVE or SCHEDULED contract before the file.
        package var current: Int
        /// The BAJAs the file computes for it.
        package var cancels: Int
    }

    /// The brake of a workspace's settings.
    package init(settings: Settings) {
        maxShare = settings.rosterMaxCancelShare
        maxCount = settings.rosterMaxCancel
    }

    /// The excess of `cancels` BAJAs among `current` contracts of `collective`, or `nil` when
    /// they are within the limits.
    package func excess(collective: String, current: Int, cancels: Int) -> Excess? {
        guard Double(cancels) > maxShare * Double(current) || cancels > maxCount else { return nil }
        return Excess(collective: collective, current: current, cancels: cancels)
    }

    /// The error of an excess, for the error files and the receipt (line 0: the file's).
    package func error(_ excess: Excess, field: String) -> RowError {
        let percent = (maxShare * 1000).rounded() / 10
        let shown = percent == percent.rounded() ? String(Int(percent)) : String(percent)
        return RowError(line: 0, field: field, value: excess.collective, code: .rosterCancelsTooMany, detail: LocalizedText(
            es: "\(excess.cancels) bajas de \(excess.current) contratos en vigor; el límite es el \(shown) % o \(maxCount)",
            en: "\(excess.cancels) cancellations of \(excess.current) current contracts; the limit is \(shown) % or \(maxCount)"))
    }
}
