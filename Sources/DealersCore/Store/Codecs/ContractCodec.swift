import Foundation

/// `Contract` and `ContractEvent` as JSON bytes, the parts of a user document that repeat: keys
/// written in sorted order, optional fields left out when `nil`, as their synthesized `Codable`
/// conformances and `JSONEncoder`'s `.sortedKeys` write them.
enum ContractCodec {
    // MARK: Contract

    private enum ContractKey: String, CaseIterable {
        case cancelledOn, collective, end, number, start
    }

    private static let contractKeys = JSONKeyTable<ContractKey>()

    /// Appends a contract as a JSON object.
    static func encode(_ c: Contract, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{", to: &out)
        if let cancelledOn = c.cancelledOn {
            W.raw("\"cancelledOn\":", to: &out)
            W.date(cancelledOn, to: &out)
            W.raw(",", to: &out)
        }
        W.raw("\"collective\":", to: &out)
        W.string(c.collective, to: &out)
        W.raw(",\"end\":", to: &out)
        W.date(c.end, to: &out)
        W.raw(",\"number\":", to: &out)
        W.string(c.number, to: &out)
        W.raw(",\"start\":", to: &out)
        W.date(c.start, to: &out)
        W.raw("}", to: &out)
    }

    /// Reads a contract object; unknown keys are skipped, a missing required key is a failure.
    static func readContract(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> Contract {
        let start = r.offset
        var cancelledOn: CivilDate?, collective: String?, end: CivilDate?, number: String?, begin: CivilDate?
        var seen: UInt64 = 0
        try r.beginObject()
        var first = true
        while let raw = try r.nextKey(first: first) {
            first = false
            guard let (key, bit) = try contractKeys.match(raw, in: r) else {
                try r.skipValue()
                continue
            }
            try JSONKeyTable<ContractKey>.see(bit, in: &seen, reader: r)
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
    static func encode(_ e: ContractEvent, into out: inout [UInt8]) {
        typealias W = JSONByteWriter
        W.raw("{\"collective\":", to: &out)
        W.string(e.collective, to: &out)
        if let contract = e.contract {
            W.raw(",\"contract\":", to: &out)
            W.string(contract, to: &out)
        }
        W.raw(",\"date\":", to: &out)
        W.date(e.date, to: &out)
        W.raw(",\"document\":", to: &out)
        W.string(e.document, to: &out)
        if let endAfter = e.endAfter {
            W.raw(",\"endAfter\":", to: &out)
            W.date(endAfter, to: &out)
        }
        if let endBefore = e.endBefore {
            W.raw(",\"endBefore\":", to: &out)
            W.date(endBefore, to: &out)
        }
        W.raw(",\"kind\":", to: &out)
        W.string(e.kind.rawValue, to: &out)
        if let note = e.note {
            W.raw(",\"note\":", to: &out)
            W.string(note, to: &out)
        }
        if let payment = e.payment {
            W.raw(",\"payment\":", to: &out)
            W.string(payment, to: &out)
        }
        if let recordedOn = e.recordedOn {
            W.raw(",\"recordedOn\":", to: &out)
            W.date(recordedOn, to: &out)
        }
        W.raw(",\"sourceFile\":", to: &out)
        W.string(e.sourceFile, to: &out)
        if let sourceLine = e.sourceLine {
            W.raw(",\"sourceLine\":", to: &out)
            W.int(sourceLine, to: &out)
        }
        W.raw("}", to: &out)
    }

    /// Reads a contract-history event object.
    static func readEvent(_ r: inout JSONByteReader) throws(JSONByteReader.Failure) -> ContractEvent {
        let start = r.offset
        var collective: String?, contract: String?, date: CivilDate?, document: String?
        var endAfter: CivilDate?, endBefore: CivilDate?, kind: EventKind?, note: String?, payment: String?
        var recordedOn: CivilDate?, sourceFile: String?, sourceLine: Int?
        var seen: UInt64 = 0
        try r.beginObject()
        var first = true
        while let raw = try r.nextKey(first: first) {
            first = false
            guard let (key, bit) = try eventKeys.match(raw, in: r) else {
                try r.skipValue()
                continue
            }
            try JSONKeyTable<EventKey>.see(bit, in: &seen, reader: r)
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
