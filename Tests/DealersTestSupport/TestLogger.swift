import Logging

/// A logger that drops everything, for tests that must pass one.
package let testLogger = Logger(label: "dealers.tests") { _ in SwiftLogNoOpLogHandler() }
