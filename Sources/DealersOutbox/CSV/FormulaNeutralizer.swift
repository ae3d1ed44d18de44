/// Neutralises CSV injection (OWASP): text starting with `=`, `+`, `-`, `@`, TAB or CR gets a
/// leading single quote (`'`) so that a spreadsheet shows it as text instead of running it.
///
/// Apply to text from inputs and the store (``OutputValue/text(_:)``), never to numbers the
/// program writes itself (a negative amount must stay a number).
public func neutralizeFormula(_ text: String) -> String {
    guard let first = text.unicodeScalars.first else { return text }
    switch first {
    case "=", "+", "-", "@", "\t", "\r":
        return "'" + text
    default:
        return text
    }
}
