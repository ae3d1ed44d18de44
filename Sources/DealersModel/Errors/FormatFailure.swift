/// Why a value failed, in Spanish and English, saying what was expected (e.g. "control letter should be Z").
public struct FormatFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reason in Spanish, e.g. "la letra de control debería ser Z".
    public var spanish: String
    /// The reason in English, e.g. "control letter should be Z".
    public var english: String

    /// Creates a failure from its two wordings.
    public init(spanish: String, english: String) {
        self.spanish = spanish
        self.english = english
    }

    /// The English wording.
    public var description: String { english }
}

extension FormatFailure {
    /// Shorthand used by the checks: Spanish first, then English.
    package static func because(_ spanish: String, _ english: String) -> FormatFailure {
        FormatFailure(spanish: spanish, english: english)
    }
}
