import Foundation
import Logging
import DealersDomain
import DealersDomainStore
import DealersModel
import DealersSEPA
import DealersStore
import DealersSupport
import DealersWorkspace

/// `dealers collect`: as of a date, plans every contract's direct debit (``CollectionPlanner``),
/// writes one pain.008 file per creditor in `outbox/<DEALER>/sepa/<date>/adeudos-<date>-<n>.xml`,
/// and records every collection (PENDING, with its entry in the pending index), the mandates' use
/// and each file's manifest in one
/// transaction, committed after the files are written: a crash before the commit leaves no
/// record (the rerun writes the same file again), a rerun after it finds every period collected
/// and writes nothing.
public struct Collect: RunStep {
    /// The workspace, the as-of date and the logger.
    public let context: RunContext
    /// Only this dealer's collectives (`--dealer`); `nil`: every creditor.
    public var dealer: String?

    /// What a run made: the files, relative to the workspace, and the number of collections.
    public struct Summary: Sendable, Equatable {
        /// Files written.
        public var files: [String] = []
        /// Collections recorded.
        public var collections = 0
    }

    /// Creates a run.
    public init(context: RunContext, dealer: String? = nil) {
        self.context = context
        self.dealer = dealer
    }

    /// Runs the job on a writable store.
    public func run(store: any DocumentBackend) throws -> Summary {
        guard let workers = store as? any WorkerCoordination else { return try runAlone(store: store) }
        return try workers.exclusively(job: "collect") { try runAlone(store: store) }
    }

    /// The job, done again from the start after a concurrent transaction (its files are written
    /// again under the same names: nothing of the failed attempt was recorded).
    private func runAlone(store: any DocumentBackend) throws -> Summary {
        try ConflictRetry.run("collect \(asOf)", doing: "running it", logger: logger) { try collect(store: store) }
    }

    private func collect(store: any DocumentBackend) throws -> Summary {
        let sepa = context.settings.sepa
        guard !sepa.creditors.isEmpty || sepa.operatorCreditor != nil else { return Summary() }
        let planner = CollectionPlanner(asOf: asOf, leadDays: sepa.leadDays)
        var collectives: [String: Collective?] = [:]
        var planned: [String: [SEPACollection]] = [:]   // by dealer ("" = operator)
        try store.forEachDocument(under: "users") { key, bytes in
            let user = try UserCodec.decode(bytes, path: store.location(of: key))
            let code = user.collective
            if collectives[code] == nil { collectives[code] = try store.readJSON(Collective.self, StoreLayout.collective(code)) }
            guard let found = collectives[code], let collective = found else { return }
            if let dealer, collective.dealer != dealer { return }
            guard sepa.creditor(for: collective.dealer) != nil else { return }
            let holder = user.mandate == nil ? try user.holder.flatMap { try store.readUser($0) } : nil
            let reference = (user.mandate ?? holder?.mandate)?.reference
            let use = try reference.flatMap { try store.readJSON(MandateUse.self, CollectionKeys.mandateUse($0)) }
            if let c = try planner.plan(user: user, collective: collective, holder: holder, use: use,
                                        exists: { try store.contains(CollectionKeys.collection($0)) }, file: "") {
                planned[collective.dealer ?? "", default: []].append(c)
            }
        }
        var summary = Summary()
        guard !planned.isEmpty else {
            logger.info("collect \(asOf): nothing to collect")
            return summary
        }
        let transaction = store.beginTransaction()
        for (dealerKey, collections) in planned.sorted(by: { $0.key < $1.key }) {
            let dealer = dealerKey.isEmpty ? nil : dealerKey
            guard let creditor = sepa.creditor(for: dealer) else { continue }
            let file = try write(collections, dealer: dealer, creditor: creditor, store: store, transaction: transaction)
            summary.files.append(file)
            summary.collections += collections.count
        }
        try DataVersion.noteChanges(in: transaction)
        try transaction.commit()
        logger.info("collect \(asOf): \(summary.collections) collections in \(summary.files.count) files")
        return summary
    }

    /// Writes one creditor's file and puts its records in the transaction; returns its path.
    private func write(_ planned: [SEPACollection], dealer: String?, creditor: Creditor, store: any DocumentBackend,
                       transaction: some DocumentTransaction) throws -> String {
        let date = String(format: "%04d%02d%02d", asOf.year, asOf.month, asOf.day)
        var number = 1
        while try store.contains(CollectionKeys.manifest(dealer: dealer, date: asOf.description, number: number)) { number += 1 }
        let name = "adeudos-\(asOf)-\(number).xml"
        let folder = workspace.outbox(dealer: dealer).appendingPathComponent("sepa").appendingPathComponent(asOf.description)
        let relative = (dealer.map { "outbox/\($0)" } ?? "outbox") + "/sepa/\(asOf)/\(name)"
        let collections = planned.map { c -> SEPACollection in
            var c = c
            c.file = relative
            return c
        }
        let messageId = String("ADEUDOS-\(date)-\(number)-\(dealer ?? "OPERADOR")".prefix(35))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = context.settings.timeZone
        formatter.formatOptions = [.withInternetDateTime]
        let writer = Pain008Writer(creditor: creditor, messageId: messageId, createdAt: formatter.string(from: clock.now))
        let ordered = Pain008Writer.blocks(collections.sorted { $0.id < $1.id }).flatMap { $0 }
        try FileSystem.createDirectory(folder.path)
        try AtomicFile.write(writer.document(ordered), to: folder.appendingPathComponent(name))
        var uses: [String: MandateUse] = [:]
        for c in ordered {
            try transaction.writeJSON(c, CollectionKeys.collection(c.id))
            try transaction.writeJSON(PendingCollection(id: c.id, dueDate: c.dueDate), CollectionKeys.pending(c.id, due: c.dueDate))
            let before = try uses[c.mandateReference] ?? store.readJSON(MandateUse.self, CollectionKeys.mandateUse(c.mandateReference))
            let sameReference = before?.reference == c.mandateReference
            uses[c.mandateReference] = MandateUse(reference: c.mandateReference, collections: (sameReference ? before?.collections ?? 0 : 0) + 1,
                                                  lastIBAN: c.iban, lastDueDate: max(before?.lastDueDate ?? c.dueDate, c.dueDate))
        }
        for (reference, use) in uses { try transaction.writeJSON(use, CollectionKeys.mandateUse(reference)) }
        let total = Pain008Writer.total(ordered)
        let manifest = CollectionFileManifest(file: relative, dealer: dealer, creditorId: creditor.identifier, messageId: messageId,
                                              collections: ordered.map(\.id), numberOfTransactions: ordered.count,
                                              controlSum: Money.number(total, ordered.first?.currency ?? "EUR"),
                                              asOf: asOf.description)
        try transaction.writeJSON(manifest, CollectionKeys.manifest(dealer: dealer, date: asOf.description, number: number))
        return relative
    }
}
