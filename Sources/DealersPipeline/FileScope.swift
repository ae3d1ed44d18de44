import DealersDomain
import DealersModel
import DealersWorkspace

/// Whose file is being applied, which file, and within which run: what the appliers of a file
/// (rows, bank statements) tell the rules about each row.
package struct FileScope: Sendable {
    /// The run (as-of date, settings).
    package let context: RunContext
    /// The dealer whose inbox the file came from; `nil` for the operator.
    package let dealer: String?
    /// The input file's name.
    package let sourceFile: String
    /// The seller whose upload (or validation) this is: the rows reach only that seller's clients.
    package var seller: String? = nil

    /// The as-of date of the run.
    package var asOf: CivilDate { context.asOf }
    /// The workspace's settings.
    package var settings: Settings { context.settings }

    /// What the rules are told of the row on `line`.
    package func rules(line: Int) -> RuleContext {
        var rules = RuleContext(asOf: asOf, dealer: dealer, sourceFile: sourceFile, line: line,
                                defaultLength: settings.defaultContractLength)
        rules.seller = seller
        return rules
    }
}
