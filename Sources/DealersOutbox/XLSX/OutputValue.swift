import Foundation
import DealersModel

/// A value for one output cell, shared by the XLSX and CSV writers.
///
/// Only values the program computes become numbers, dates or booleans; anything that came from
/// an input file or the store is `.text` and is always written as text, never as a formula.
public enum OutputValue: Sendable, Equatable {
    /// No value: an empty cell (or an empty CSV field).
    case empty
    /// Text from an input or the store. Never becomes a formula: XLSX writes it as a string cell,
    /// CSV neutralises a leading `=`, `+`, `-`, `@`, TAB or CR (see ``neutralizeFormula(_:)``).
    case text(String)
    /// A whole number. Excel keeps 15 significant digits: identifiers longer than that belong in `.text`.
    case integer(Int)
    /// A plain number.
    case decimal(Decimal)
    /// An amount: a number cell in a currency format (`#,##0.00 "€"` for EUR, the ISO code for others).
    case money(Decimal, currency: String)
    /// A calendar date: a real date cell in XLSX, the writer's date pattern in CSV.
    case date(CivilDate)
    /// A boolean cell (`TRUE`/`FALSE` in CSV).
    case boolean(Bool)
}
