@testable import DealersCore

/// The normalised value when the check passes, nil when it fails.
func passesFormat(_ format: DomainFormat, _ value: String, country: String? = nil) -> String? {
    switch format.check(value, context: FormatContext(defaultCountry: country)) {
    case .success(let normalised): return normalised
    case .failure: return nil
    }
}

/// The failure when the check fails, nil when it passes.
func failsFormat(_ format: DomainFormat, _ value: String, country: String? = nil) -> FormatFailure? {
    switch format.check(value, context: FormatContext(defaultCountry: country)) {
    case .success: return nil
    case .failure(let failure): return failure
    }
}
