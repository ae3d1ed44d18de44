import Foundation
import DealersDomain
import DealersFormats

/// Finds what a movement's references and remittance text name: a contract number of the store
/// (`C` and eight digits) or the document of a known user (a valid DNI, NIE or CIF). Several
/// different users named at once are ambiguous and match nothing. In a dealer's statement only
/// that dealer's users count: another dealer's contract or document matches nothing, as an
/// unknown one (docs/reliability.md, "Isolation between dealers").
package enum StatementMatcher {
    package enum Match: Equatable {
        case contract(String)
        case document(String)
        case none
        case ambiguous([String])
    }

    /// What `text` names among the users `context` may touch; another dealer's contracts and
    /// documents it names go to `foreign` (reference, conflict) for the operator.
    package static func match(_ text: String, state: PaymentState, context: RuleContext,
                      foreign: inout [(reference: String, conflict: CrossDealerConflict)]) throws -> Match {
        var found: [(match: Match, user: String)] = []
        let tokens = text.uppercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
        for token in tokens {
            if let number = contractNumber(in: token), let user = try state.user(holdingContract: number) {
                if let conflict = try context.conflict(.contract, user: user, state: state) {
                    foreign.append((number, conflict))
                } else {
                    found.append((.contract(number), user.document))
                }
            } else if case .success(let document) = SpanishDocument.checkNIF(token.utf8), let user = try state.user(document) {
                if let conflict = try context.conflict(.user, user: user, state: state) {
                    foreign.append((document, conflict))
                } else {
                    found.append((.document(document), user.document))
                }
            }
        }
        let users = Set(found.map(\.user))
        if users.count > 1 { return .ambiguous(users.sorted()) }
        return found.first(where: { if case .contract = $0.match { return true } else { return false } })?.match
            ?? found.first?.match ?? .none
    }

    /// `C00000001` inside a token such as `C00000001`, `REFC00000001` or `CONTRATOC00000001`.
    package static func contractNumber(in token: String) -> String? {
        let chars = Array(token)
        guard chars.count >= 9 else { return nil }
        for start in 0...(chars.count - 9) where chars[start] == "C" {
            let digits = chars[(start + 1)..<(start + 9)]
            let after = start + 9 < chars.count ? chars[start + 9] : nil
            if digits.allSatisfy({ $0.isASCII && $0.isNumber }), !(after?.isNumber ?? false) {
                return String(chars[start..<(start + 9)])
            }
        }
        return nil
    }
}
