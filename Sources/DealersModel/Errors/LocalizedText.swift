/// The languages of messages, headers and sheet names.
public enum Language: String, Sendable, Codable, CaseIterable {
    /// Spanish (default).
    case es
    /// English.
    case en
}

/// A text in every supported language.
public struct LocalizedText: Sendable, Equatable, Hashable {
    /// Spanish.
    public var es: String
    /// English.
    public var en: String

    /// Creates a text from its translations.
    public init(es: String, en: String) {
        self.es = es
        self.en = en
    }

    /// The same text in both languages (codes, numbers).
    public init(_ both: String) {
        self.init(es: both, en: both)
    }

    /// The text in a language.
    public func `in`(_ language: Language) -> String {
        language == .es ? es : en
    }
}
