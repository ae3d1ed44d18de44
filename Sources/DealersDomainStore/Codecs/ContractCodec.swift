import Foundation
import DealersDomain
import DealersModel

/// `Contract` and `ContractEvent` as JSON bytes, the parts of a user document that repeat: keys
/// written in sorted order, optional fields left out when `nil`, as their synthesized `Codable`
/// conformances and `JSONEncoder`'s `.sortedKeys` write them.
package enum ContractCodec {
    // MARK: Contract

    private enum ContractKey: String, CaseIterable {
        case cancelledOn, collective, end, number, start
    }

    private static let contractKeys = JSONKeyTable<ContractKey>()

    /// Appends a contract as a JSON object.
    package static func encode(_ c: Contract, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{", to: &out)
        W.field("\"cancelledOn\":", c.cancelledOn, to: &out)
        if c.cancelledOn != nil { W.raw(",", to: &out) }
        W.field("\"collective\":", c.collective, to: &out)
        W.field(",\"end\":", c.end, to: &out)
        W.field(",\"number\":", c.number, to: &out)
        W.field(",\"start\":", c.start, to: &out)
        W.raw("}", to: &out)
    }

    /// Reads a contract object; unknown keys are skipped, a missing required key is a failure.
    package static func readContract(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> Contract {
        let start = r.offset
        var cancelledOn: CivilDate?, collective: String?, end: CivilDate?, number: String?, begin: CivilDate?
        try contractKeys.readObject(&r) { key, r throws(JSONByteReader.Failure) in
            switch key {
            case .cancelledOn: cancelledOn = try r.readNullIfPresent() ? nil : try r.readDate()
            case .collective: collective = try r.readString()
            case .end: end = try r.readDate()
            case .number: number = try r.readString()
            case .start: begin = try r.readDate()
            }
        }
        guard let collective, let end, let number, let begin else {
            throw JSONByteReader.Failure(expected: "every key of a Contract", offset: start)
        }
        return Contract(number: number, start: begin, end: end, cancelledOn: cancelledOn, collective: collective)
    }

    // MARK: ContractEvent

    private enum EventKey: String, CaseIterable {
        case collective, contract, date, document, endAfter, endBefore, kind, note, payment, recordedOn
        case sourceFile, sourceLine
    }

    private static let eventKeys = JSONKeyTable<EventKey>()

    /// Appends a contract-history event as a JSON object.
    package static func encode(_ e: ContractEvent, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.field("{\"collective\":", e.collective, to: &out)
        W.field(",\"contract\":", e.contract, to: &out)
        W.field(",\"date\":", e.date, to: &out)
        W.field(",\"document\":", e.document, to: &out)
        W.field(",\"endAfter\":", e.endAfter, to: &out)
        W.field(",\"endBefore\":", e.endBefore, to: &out)
        W.field(",\"kind\":", e.kind.rawValue, to: &out)
        W.field(",\"note\":", e.note, to: &out)
        W.field(",\"payment\":", e.payment, to: &out)
        W.field(",\"recordedOn\":", e.recordedOn, to: &out)
        W.field(",\"sourceFile\":", e.sourceFile, to: &out)
        W.field(",\"sourceLine\":", e.sourceLine, to: &out)
        W.raw("}", to: &out)
    }

    /// Reads a contract-history event object.
    package static func readEvent(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> ContractEvent {
        let start = r.offset
        var collective: String?, contract: String?, date: CivilDate?, document: String?
        var endAfter: CivilDate?, endBefore: CivilDate?, kind: EventKind?, note: String?, payment: String?
        var recordedOn: CivilDate?, sourceFile: String?, sourceLine: Int?
        try eventKeys.readObject(&r) { key, r throws(JSONByteReader.Failure) in
            switch key {
            case .collective: collective = try r.readString()
            case .contract: contract = try r.readNullIfPresent() ? nil : try r.readString()
            case .date: date = try r.readDate()
            case .document: document = try r.readString()
            case .endAfter: endAfter = try r.readNullIfPresent() ? nil : try r.readDate()
            case .endBefore: endBefore = try r.readNullIfPresent() ? nil : try r.readDate()
            case .kind: kind = try r.readEnum(EventKind.self)
            case .note: note = try r.readNullIfPresent() ? nil : try r.readString()
            case .payment: payment = try r.readNullIfPresent() ? nil : try r.readString()
            case .recordedOn: recordedOn = try r.readNullIfPresent() ? nil : try r.readDate()
            case .sourceFile: sourceFile = try r.readString()
            case .sourceLine: sourceLine = try r.readNullIfPresent() ? nil : try r.readInt()
            }
        }
        guard let collective, let date, let document, let kind, let sourceFile else {
            throw JSONByteReader.Failure(expected: "every key of a ContractEvent", offset: start)
        }
        return ContractEvent(date: date, document: document, collective: collective, kind: kind, contract: contract,
                             endBefore: endBefore, endAfter: endAfter, sourceFile: sourceFile, sourceLine: sourceLine,
                             note: note, payment: payment, recordedOn: recordedOn)
    }
}
