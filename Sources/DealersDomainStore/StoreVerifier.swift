import Foundation
import Logging
import DealersDomain
import DealersModel
import DealersStore
import DealersSupport

/// `dealers store verify`: reads every document and checks the invariants of §3 — one current
/// contract per user, holders and dependants consistent and in the same collective, membership
/// and contract-number indexes in step with the users, and a history that explains each
/// contract's dates.
///
/// Three threads share the work: the file checks, the reading and decoding of the users (a
/// ``BatchQueue`` of decoded users, each thread with a read-only view of the same folder), and
/// the checks themselves on the calling thread. The caller holds the store, so every view sees
/// the same state.
public struct StoreVerifier {
    package let store: any DocumentBackend
    package let asOf: CivilDate
    package let logger: Logger

    /// Creates a verifier for a store as of a date.
    /// - Parameter logger: where the read-only views of the other threads report (they rarely do).
    public init(store: any DocumentBackend, asOf: CivilDate,
                logger: Logger = Logger(label: "dealers.verify") { _ in SwiftLogNoOpLogHandler() }) {
        self.store = store
        self.asOf = asOf
        self.logger = logger
    }

    /// Both halves of `dealers store verify`, on two threads: the store's files
    /// (``DocumentStore/verifyFiles()``: checksums, indexes) through a read-only view of the same
    /// folder on a second thread, the domain (``verify()``) on the calling thread. The caller
    /// holds the store, so both see the same state. A store in a database has no files of its
    /// own to check (the server keeps its pages' checksums): only the domain is checked.
    /// - Returns: the file problems, then the domain problems; empty when the store is sound.
    /// - Throws: ``DealersError`` when a segment cannot be read.
    public func verifyAll() throws -> [String] {
        guard let folder = store as? DocumentStore else { return try verify() }
        let directory = folder.directory, logger = logger
        let files = BackgroundWork {
            try DocumentStore.openReadOnly(directory: directory, logger: logger).verifyFiles()
        }
        let domain = try verify()
        return try files.value() + domain
    }

    /// Every problem found, one sentence each naming the document; empty when the store is sound.
    public func verify() throws -> [String] {
        // Users start being read and decoded, and member keys being read, on threads of their own.
        let openView = store.readOnlyOpener()
        let reader = UserReader(openView: openView)
        let memberEntries = BackgroundWork {
            let view = try openView()
            defer { view.close() }
            return try MemberEntries(store: view)
        }
        var problems: [String] = []
        var collectives: Set<String> = []
        try store.forEachDocument(under: "collectives") { key, bytes in
            do {
                collectives.insert(try StoreJSON.decode(Collective.self, from: bytes, path: key.path).code)
            } catch { problems.append("\(key.path): \(error)") }
        }
        var maxContract = 0
        var dependantsOf: [String: [String]] = [:]
        let members = try memberEntries.value()
        // One entry per user (about one member key each): sized once, not grown a million times.
        var contractOwner: [String: String] = Dictionary(minimumCapacity: members.count)
        var users: [String: UserFacts] = Dictionary(minimumCapacity: members.count)
        var ledger = try LedgerVerifier(store: store)
        var dateIndex = try DateIndexCheck(store: store)
        try reader.forEach { path, decoded in
            let user: User
            switch decoded {
            case .success(let decodedUser): user = decodedUser
            case .failure(let error): problems.append("\(path): \(error)"); return
            }
            let name = "user \(user.document)"
            if path != "users/\(StoreLayout.bucket(user.document))/\(StoreLayout.safe(user.document)).json" {
                problems.append("\(path): holds \(name), expected at another path")
            }
            if !collectives.contains(user.collective) { problems.append("\(name): collective \(user.collective) does not exist") }
            for (i, contract) in user.contracts.enumerated() {
                if contract.end < contract.start { problems.append("\(name): contract \(contract.number) ends \(contract.end) before it starts \(contract.start)") }
                if i < user.contracts.count - 1, contract.status(asOf: asOf).isCurrent {
                    problems.append("\(name): contract \(contract.number) is current but is not the latest (two current contracts)")
                }
                if let other = contractOwner[contract.number] { problems.append("contract \(contract.number) belongs to \(other) and \(user.document)") }
                contractOwner[contract.number] = user.document
                if let n = Int(contract.number.dropFirst()) { maxContract = max(maxContract, n) }
                if !user.history.contains(where: { $0.contract == contract.number && $0.kind == .alta }) { problems.append("\(name): contract \(contract.number) has no ALTA in the history") }
                if let last = user.history.last(where: { $0.contract == contract.number && $0.endAfter != nil }),
                   last.endAfter != contract.end {
                    problems.append("\(name): contract \(contract.number) ends \(contract.end) but its history says \(last.endAfter?.description ?? "")")
                }
            }
            for event in user.history where event.contract.map({ number in !user.contracts.contains { $0.number == number } }) ?? false {
                problems.append("\(name): history event \(event.kind.rawValue) names contract \(event.contract ?? "") the user does not have")
            }
            ledger.check(user)
            dateIndex.add(user, path: path)
            users[user.document] = UserFacts(relationship: user.relationship, collective: user.collective,
                                             dependants: user.dependants)
            if user.relationship != .titular {
                if let holder = user.holder { dependantsOf[holder, default: []].append(user.document) }
                else { problems.append("\(name): is \(user.relationship.rawValue) but names no holder") }
            }
            if !members.contains(collective: user.collective, document: user.document) {
                problems.append("\(name): missing from the members of \(user.collective)")
            }
        }
        for (holder, dependants) in dependantsOf {
            guard let h = users[holder] else { problems.append("holder \(holder) of \(dependants.joined(separator: ", ")) does not exist"); continue }
            if h.relationship != .titular { problems.append("holder \(holder) is not a TITULAR") }
            for d in dependants {
                if users[d]?.collective != h.collective { problems.append("dependant \(d) is in \(users[d]?.collective ?? "?") but holder \(holder) is in \(h.collective)") }
                if !h.dependants.contains(d) { problems.append("holder \(holder) does not list dependant \(d)") }
            }
        }
        for (holder, h) in users {
            for d in h.dependants where !(dependantsOf[holder]?.contains(d) ?? false) {
                problems.append("holder \(holder) lists \(d), who does not name them as holder")
            }
        }
        problems += members.problems { users[$0]?.collective }
        var indexed = 0
        try store.forEachDocument(under: "contracts") { key, bytes in
            indexed += 1
            guard let entry = try? IndexEntryCodec.decodeContractEntry(bytes, path: key.path) else {
                problems.append("\(key.path): unreadable contract index entry"); return
            }
            if contractOwner[entry.number] != entry.document { problems.append("\(key.path): says \(entry.document) holds \(entry.number)") }
        }
        if indexed != contractOwner.count { problems.append("contract index has \(indexed) entries for \(contractOwner.count) contracts") }
        if let seq = try store.readJSON(StoreDomainState.Sequence.self, StoreKey(StoreLayout.sequence)), seq.nextContract <= maxContract {
            problems.append("\(StoreLayout.sequence): next contract \(seq.nextContract) is not above the highest in use \(maxContract)")
        }
        problems += ledger.finish()
        problems += try dateIndex.finish(store: store)
        return problems
    }
}

/// The `users/` documents of a store read and decoded on a thread of their own, through a
/// read-only view of the store, in batches of 1,024 (at most 8 waiting) for ``forEach(_:)`` on
/// the caller's thread. Reading starts when the reader is made; a reader dropped unread stops.
private final class UserReader {
    /// A user document's key and what decoding it gave.
    package typealias DecodedUser = (path: String, user: Result<User, DealersError>)

    private let queue = BatchQueue<DecodedUser>(limit: 8)
    private var work: BackgroundWork<Void>?

    package init(openView: @escaping @Sendable () throws -> any DocumentBackend) {
        let queue = queue
        work = BackgroundWork {
            do {
                let view = try openView()
                defer { view.close() }
                var batch: [DecodedUser] = []
                batch.reserveCapacity(1_024)
                try view.forEachDocument(under: "users") { key, bytes in
                    let user = Result { () throws(DealersError) in
                        do { return try UserCodec.decode(bytes, path: view.location(of: key)) } catch let error as DealersError {
                            throw error
                        } catch {
                            throw DealersError(.corruptStore, path: view.location(of: key), "\(error)")
                        }
                    }
                    batch.append((key.path, user))
                    if batch.count == 1_024 {
                        guard queue.put(batch) else { throw DealersError(.internalError, path: nil, "verify stopped") }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty { _ = queue.put(batch) }
                queue.finish()
            } catch {
                queue.finish(throwing: error)
            }
        }
    }

    deinit { queue.stop() }

    /// Calls `body` with every user document's key and decoded user (or the decoding's error),
    /// in key order.
    /// - Throws: ``DealersError`` when the store cannot be read.
    package func forEach(_ body: (String, Result<User, DealersError>) -> Void) throws {
        defer {
            queue.stop()
            _ = try? work?.value()
        }
        while let batch = try queue.take() {
            for (path, user) in batch { body(path, user) }
        }
    }
}

/// What `store verify` keeps of each user for the checks across users (holders and dependants,
/// members).
private struct UserFacts {
    package var relationship: Relationship
    package var collective: String
    package var dependants: [String]
}
