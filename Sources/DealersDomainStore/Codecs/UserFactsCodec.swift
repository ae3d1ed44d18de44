import DealersDomain
import DealersModel
import DealersSupport

/// A user as a dry run's rules read them back (``User/ruleFacts``) in a compact binary record of
/// the fact overlay (``FactOverlay``): the document first (a look-up checks it without decoding
/// the rest), then the first name, relationship, holder, dependants, collective, seller, the
/// contracts (number, start, end, cancellation, collective) and the record's two dates. Nothing
/// else: no history, surname, contact data or mandate, which no rule reads. Fields go through
/// ``SpillWriter``/``SpillReader`` (integers as 8 bytes, text after its length); dates as
/// `year × 10,000 + month × 100 + day`, an absent one as 0.
///
/// The record lives only as long as the process (a temporary file past a budget), so its
/// layout is no format: it changes freely with ``User``.
package enum UserFactsCodec {
    /// Writes the facts of `user` into `writer` (reset first by the caller).
    package static func encode(_ user: User, into writer: inout SpillWriter) {
        writer.text(user.document)
        writer.text(user.firstName)
        writer.text(user.relationship.rawValue)
        optional(user.holder, into: &writer)
        writer.int(user.dependants.count)
        for dependant in user.dependants { writer.text(dependant) }
        writer.text(user.collective)
        optional(user.seller, into: &writer)
        writer.int(user.contracts.count)
        for contract in user.contracts {
            writer.text(contract.number)
            writer.int(number(contract.start))
            writer.int(number(contract.end))
            writer.int(contract.cancelledOn.map(number) ?? 0)
            writer.text(contract.collective)
        }
        writer.int(number(user.createdOn))
        writer.int(number(user.updatedOn))
    }

    /// Whether the record in `bytes` is the user with `document` (only its first field read).
    package static func isRecord(_ bytes: UnsafeRawBufferPointer, of document: String) -> Bool {
        var reader = SpillReader(bytes)
        guard let length = reader.int(), length == document.utf8.count, reader.rest.count >= length else { return false }
        return reader.rest.prefix(length).elementsEqual(document.utf8)
    }

    /// The user a record holds, as ``User/ruleFacts`` holds them.
    /// - Throws: ``DealersError`` `.io` when the record does not decode (a damaged temporary file).
    package static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> User {
        var reader = SpillReader(bytes)
        func fail() -> DealersError { DealersError(.io, path: path, "a user's facts in the dry run's temporary file do not decode") }
        func text() throws -> String {
            guard let value = reader.text() else { throw fail() }
            return value
        }
        func int() throws -> Int {
            guard let value = reader.int() else { throw fail() }
            return value
        }
        func date(_ value: Int) throws -> CivilDate {
            guard let date = CivilDate(year: value / 10_000, month: value / 100 % 100, day: value % 100) else { throw fail() }
            return date
        }
        func optionalText() throws -> String? {
            guard let present = reader.flag() else { throw fail() }
            return present ? try text() : nil
        }
        let document = try text()
        let firstName = try text()
        guard let relationship = Relationship(rawValue: try text()) else { throw fail() }
        let holder = try optionalText()
        let dependantCount = try int()
        guard dependantCount >= 0 else { throw fail() }
        var dependants: [String] = []
        dependants.reserveCapacity(dependantCount)
        for _ in 0..<dependantCount { dependants.append(try text()) }
        let collective = try text()
        let seller = try optionalText()
        let contractCount = try int()
        guard contractCount >= 0 else { throw fail() }
        var contracts: [Contract] = []
        contracts.reserveCapacity(contractCount)
        for _ in 0..<contractCount {
            let number = try text()
            let start = try date(int())
            let end = try date(int())
            let cancelled = try int()
            let cancelledOn = cancelled == 0 ? nil : try date(cancelled)
            contracts.append(Contract(number: number, start: start, end: end, cancelledOn: cancelledOn, collective: try text()))
        }
        let createdOn = try date(int())
        let updatedOn = try date(int())
        return User(document: document, firstName: firstName, lastName: "", relationship: relationship, holder: holder,
                    dependants: dependants, collective: collective, seller: seller, contracts: contracts, history: [],
                    createdOn: createdOn, updatedOn: updatedOn)
    }

    private static func optional(_ value: String?, into writer: inout SpillWriter) {
        writer.flag(value != nil)
        if let value { writer.text(value) }
    }

    private static func number(_ date: CivilDate) -> Int {
        date.year * 10_000 + date.month * 100 + date.day
    }
}
