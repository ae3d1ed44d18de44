import Foundation
import DealersFormats

/// Amounts as people read them: with the currency's minor units (ISO 4217), never through
/// binary floating point.
public enum Money {
    /// `9.9` EUR → `9.90 EUR` (`9,90 EUR` with a decimal comma); `2700` JPY → `2700 JPY`.
    public static func format(_ amount: Decimal, _ currency: String, decimalSeparator: Character = ".") -> String {
        "\(number(amount, currency, decimalSeparator: decimalSeparator)) \(currency)"
    }

    /// The amount alone with the currency's minor units: `9.9` EUR → `9.90` (what pain.008's
    /// `InstdAmt` and `CtrlSum` hold).
    public static func number(_ amount: Decimal, _ currency: String, decimalSeparator: Character = ".") -> String {
        let scale = currencyMinorUnits(currency) ?? 2
        var value = amount, rounded = Decimal()
        NSDecimalRound(&rounded, &value, scale, .plain)
        var text = "\(rounded)"
        if scale > 0 {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            let fraction = parts.count > 1 ? String(parts[1]) : ""
            text = String(parts[0]) + String(decimalSeparator) + fraction.padding(toLength: scale, withPad: "0", startingAt: 0)
        }
        return text
    }
}
