import Foundation
import DealersLayouts
import DealersModel
import DealersSupport

/// The answers to a seller's upload, also in the seller's own folder
/// (`outbox/<DEALER>/sellers/<CODE>/receipts/…`, `…/errors/<date>/…`), which is all of the
/// dealer's outbox a seller account reaches: the receipt (dated and latest) written again, the
/// error files linked under the same names. The dealer keeps its own copies, as for any file.
package enum SellerAnswers {
    /// The seller folder a file's answers are copied to, when a seller account uploaded it.
    package static func folder(for input: FileInput) -> URL? {
        guard let dealer = input.dealer, let seller = DoneMarkers.uploaderDetails(of: input.file)?.seller,
              SellerCode.isValid(seller) else { return nil }
        return input.workspaceOutbox(dealer: dealer, seller: seller)
    }

    /// Copies the published answers (`receipt` as `data`, named `receiptNames`; the outputs in
    /// `outbox`) into `folder`.
    package static func copy(receipt data: Data, receiptNames: [String], outputs: [String], from outbox: URL, to folder: URL) throws {
        for name in receiptNames {
            let target = folder.appendingPathComponent(name)
            try AtomicFile.createDirectory(target.deletingLastPathComponent())
            try AtomicFile.write(data, to: target)
        }
        for output in outputs where !receiptNames.contains(output) {
            let source = outbox.appendingPathComponent(output)
            guard try FileSystem.exists(source.path) else { continue }
            let target = folder.appendingPathComponent(output)
            try AtomicFile.createDirectory(target.deletingLastPathComponent())
            _ = try FileSystem.linkIfAbsent(source.path, to: target.path)
        }
    }
}
