import Foundation
import DealersDomain
import DealersModel

/// Writes one SEPA Core direct-debit initiation, ISO 20022 `pain.008.001.02`, for one creditor:
/// a group header with the number and sum of every transaction, then one payment-information
/// block per sequence type and due date (each with its own number and sum), each transaction
/// naming the mandate, the debtor's account and the contract (docs/sepa.md, "What the bank sees").
///
/// Amounts are written from exact decimals with the currency's minor units; texts are cut to
/// the schema's lengths and kept to the SEPA Latin set (accents dropped, other characters become
/// spaces), which every bank of the scheme accepts.
public struct Pain008Writer: Sendable {
    /// The message's namespace: the format `dealers.json` names (`sepa.format`).
    public static let namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"

    /// The creditor that collects.
    public var creditor: Creditor
    /// The message id (≤ 35 characters, unique per creditor): also the prefix of the blocks' ids.
    public var messageId: String
    /// When the file was made, written as `CreDtTm` (local time, no zone).
    public var createdAt: String

    /// Creates a writer.
    public init(creditor: Creditor, messageId: String, createdAt: String) {
        self.creditor = creditor
        self.messageId = messageId
        self.createdAt = createdAt
    }

    /// The collections grouped as the file lists them: by sequence type (FRST, RCUR, FNAL), then
    /// due date, each group in the order given.
    public static func blocks(_ collections: [SEPACollection]) -> [[SEPACollection]] {
        var groups: [String: [SEPACollection]] = [:]
        var order: [String] = []
        for c in collections {
            let key = "\(SequenceType.allCases.firstIndex(of: c.sequence) ?? 0) \(c.dueDate)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(c)
        }
        return order.sorted().compactMap { groups[$0] }
    }

    /// The sum of the amounts, exact.
    public static func total(_ collections: [SEPACollection]) -> Decimal {
        collections.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// The document, UTF-8.
    public func document(_ collections: [SEPACollection]) -> Data {
        var x = XMLText()
        x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        x.raw("<Document xmlns=\"\(Self.namespace)\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n")
        x.open("CstmrDrctDbtInitn")
        x.open("GrpHdr")
        x.element("MsgId", messageId, max: 35)
        x.element("CreDtTm", createdAt)
        x.element("NbOfTxs", "\(collections.count)")
        x.element("CtrlSum", amount(Self.total(collections), collections.first?.currency ?? "EUR"))
        x.open("InitgPty")
        x.element("Nm", creditor.name, max: 70)
        x.open("Id"); x.open("OrgId"); x.open("Othr")
        x.element("Id", creditor.identifier, max: 35)
        x.close("Othr"); x.close("OrgId"); x.close("Id")
        x.close("InitgPty")
        x.close("GrpHdr")
        for (index, block) in Self.blocks(collections).enumerated() {
            paymentInformation(block, number: index + 1, into: &x)
        }
        x.close("CstmrDrctDbtInitn")
        x.raw("</Document>\n")
        return Data(x.text.utf8)
    }

    private func paymentInformation(_ block: [SEPACollection], number: Int, into x: inout XMLText) {
        guard let first = block.first else { return }
        x.open("PmtInf")
        x.element("PmtInfId", "\(messageId.prefix(30))-\(number)", max: 35)
        x.element("PmtMtd", "DD")
        x.element("NbOfTxs", "\(block.count)")
        x.element("CtrlSum", amount(Self.total(block), first.currency))
        x.open("PmtTpInf")
        x.open("SvcLvl"); x.element("Cd", "SEPA"); x.close("SvcLvl")
        x.open("LclInstrm"); x.element("Cd", "CORE"); x.close("LclInstrm")
        x.element("SeqTp", first.sequence.rawValue)
        x.close("PmtTpInf")
        x.element("ReqdColltnDt", first.dueDate.description)
        x.open("Cdtr")
        x.element("Nm", creditor.name, max: 70)
        if let address = creditor.address {
            x.open("PstlAdr")
            x.element("Ctry", String(creditor.iban.prefix(2)))
            x.element("AdrLine", address, max: 70)
            x.close("PstlAdr")
        }
        x.close("Cdtr")
        account("CdtrAcct", creditor.iban, into: &x)
        agent("CdtrAgt", creditor.bic, into: &x)
        x.element("ChrgBr", "SLEV")
        x.open("CdtrSchmeId"); x.open("Id"); x.open("PrvtId"); x.open("Othr")
        x.element("Id", creditor.identifier, max: 35)
        x.open("SchmeNm"); x.element("Prtry", "SEPA"); x.close("SchmeNm")
        x.close("Othr"); x.close("PrvtId"); x.close("Id"); x.close("CdtrSchmeId")
        for c in block { transaction(c, into: &x) }
        x.close("PmtInf")
    }

    private func transaction(_ c: SEPACollection, into x: inout XMLText) {
        x.open("DrctDbtTxInf")
        x.open("PmtId"); x.element("EndToEndId", c.id, max: 35); x.close("PmtId")
        x.element("InstdAmt", amount(c.amount, c.currency), attribute: ("Ccy", c.currency))
        x.open("DrctDbtTx"); x.open("MndtRltdInf")
        x.element("MndtId", c.mandateReference, max: 35)
        x.element("DtOfSgntr", c.mandateSignedOn.description)
        if let original = c.originalIBAN {
            x.element("AmdmntInd", "true")
            x.open("AmdmntInfDtls")
            account("OrgnlDbtrAcct", original, into: &x)
            x.close("AmdmntInfDtls")
        } else {
            x.element("AmdmntInd", "false")
        }
        x.close("MndtRltdInf"); x.close("DrctDbtTx")
        agent("DbtrAgt", c.bic, into: &x)
        x.open("Dbtr"); x.element("Nm", c.debtorName, max: 70); x.close("Dbtr")
        account("DbtrAcct", c.iban, into: &x)
        x.open("RmtInf"); x.element("Ustrd", c.remittance, max: 140); x.close("RmtInf")
        x.close("DrctDbtTxInf")
    }

    private func account(_ name: String, _ iban: String, into x: inout XMLText) {
        x.open(name); x.open("Id"); x.element("IBAN", iban); x.close("Id"); x.close(name)
    }

    /// A bank by BIC, or `NOTPROVIDED` (IBAN-only, allowed in SEPA since 2016).
    private func agent(_ name: String, _ bic: String?, into x: inout XMLText) {
        x.open(name); x.open("FinInstnId")
        if let bic { x.element("BIC", bic) } else { x.open("Othr"); x.element("Id", "NOTPROVIDED"); x.close("Othr") }
        x.close("FinInstnId"); x.close(name)
    }

    private func amount(_ value: Decimal, _ currency: String) -> String { Money.number(value, currency) }
}

/// An indented XML text built element by element, every value escaped and kept to the SEPA set.
struct XMLText {
    private(set) var text = ""
    private var depth = 1

    mutating func raw(_ s: String) { text += s }

    mutating func open(_ name: String) {
        text += String(repeating: "  ", count: depth) + "<\(name)>\n"
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        text += String(repeating: "  ", count: depth) + "</\(name)>\n"
    }

    mutating func element(_ name: String, _ value: String, max: Int? = nil, attribute: (String, String)? = nil) {
        var v = Self.sepaText(value)
        if let max, v.count > max { v = String(v.prefix(max)).trimmingCharacters(in: .whitespaces) }
        let attr = attribute.map { " \($0.0)=\"\(Self.escaped($0.1))\"" } ?? ""
        text += String(repeating: "  ", count: depth) + "<\(name)\(attr)>\(Self.escaped(v))</\(name)>\n"
    }

    /// The text in the SEPA Latin set: accents dropped (`Muñoz` → `Munoz`), characters outside
    /// `A–Z a–z 0–9 / - ? : ( ) . , ' +` and space replaced by a space.
    static func sepaText(_ value: String) -> String {
        let folded = value.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "es_ES"))
        return String(folded.map { c in
            c.isASCII && (c.isLetter || c.isNumber || "/-?:().,'+ ".contains(c)) ? c : " "
        })
    }

    static func escaped(_ s: String) -> String { MarkupEscaping.escape(s) }
}
