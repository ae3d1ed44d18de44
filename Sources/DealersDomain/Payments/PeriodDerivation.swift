import Foundation
import DealersModel

/// Which period an amount pays for under a collective's plan (§3.4): exactly the monthly price
/// is one month, exactly the annual price is one year; anything else matches no price.
/// Multiples (two months' worth) are deliberately not accepted: they go to reconciliation.
public enum PeriodDerivation {
    /// The period an amount pays, or `nil` when it equals neither price. When both prices are
    /// equal the month wins (the smaller grant).
    public static func period(for amount: Decimal, plan: Plan) -> ContractLength? {
        if let monthly = plan.monthlyPrice, monthly == amount { return .month }
        if let annual = plan.annualPrice, annual == amount { return .year }
        return nil
    }

    /// The plan's price of a period (`nil` when the plan has no such price).
    public static func price(of period: ContractLength, plan: Plan) -> Decimal? {
        switch period.months {
        case 1: return plan.monthlyPrice
        case 12: return plan.annualPrice
        default: return nil
        }
    }

    /// What the plan accepts, for messages: `10,00 EUR (1M), 100,00 EUR (1A)` in Spanish,
    /// `10.00 EUR (1M), 100.00 EUR (1A)` in English.
    public static func describe(_ plan: Plan) -> LocalizedText {
        func text(_ separator: Character) -> String {
            var parts: [String] = []
            if let m = plan.monthlyPrice { parts.append("\(Money.format(m, plan.currency, decimalSeparator: separator)) (1M)") }
            if let a = plan.annualPrice { parts.append("\(Money.format(a, plan.currency, decimalSeparator: separator)) (1A)") }
            return parts.isEmpty ? "—" : parts.joined(separator: separator == "," ? "; " : ", ")
        }
        return LocalizedText(es: text(","), en: text("."))
    }
}
