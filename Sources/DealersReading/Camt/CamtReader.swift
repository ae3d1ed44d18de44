import Foundation
#if canImport(FoundationXML)
import FoundationXML
import DealersFormats
import DealersModel
import DealersSupport
#endif

/// Reads ISO 20022 camt.053 (`BkToCstmrStmt`) and camt.054 (`BkToCstmrDbtCdtNtfctn`) files of any
/// version, streaming with Foundation's `XMLParser` (external entities are never resolved), and
/// hands each entry to a handler. Namespaces and versions are ignored: elements are matched by
/// local name and position. A pain.002 payment status report (told by its namespace,
/// `urn:iso:std:iso:20022:tech:xsd:pain.002.*`) is read too: each transaction status
/// (`TxInfAndSts`) rejected (`TxSts` RJCT) is handed over as a debit entry with return information — the original
/// `EndToEndId`, the original amount, the status reason code (`StsRsnInf/Rsn/Cd`), dated by the
/// report's creation date (docs/sepa.md, "Returns").
public struct CamtReader: RecordSource {
    /// The file.
    public var url: URL

    /// Creates a reader.
    public init(url: URL) { self.url = url }

    /// Calls `handler` for every entry in file order. Throws `.noInput` when the file cannot be
    /// opened, `.data` when it is not well-formed XML or not a camt.053/054 document, and
    /// rethrows what `handler` throws.
    public func entries(_ handler: @escaping (CamtEntry) throws -> Void) throws {
        guard let stream = InputStream(url: url) else {
            throw DealersError(.noInput, path: url.path, "cannot open the file")
        }
        let parser = XMLParser(stream: stream)
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = true
        let collector = CamtCollector(handler: handler)
        parser.delegate = collector
        let ok = parser.parse()
        if let error = collector.handlerError { throw error }
        guard ok else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw DealersError(.data, path: url.path, "not well-formed XML at line \(parser.lineNumber): \(reason)")
        }
        guard collector.sawDocument else {
            throw DealersError(.data, path: url.path, "not a camt.053, camt.054 or pain.002 document (no BkToCstmrStmt, BkToCstmrDbtCdtNtfctn or CstmrPmtStsRpt)")
        }
    }

    /// Each entry as a record whose cells are: account, date, amount, currency, CRDT/DBIT,
    /// bank reference, end-to-end id, text (for `dealers validate` and generic tools).
    public func read(_ handler: (SourceRecord) throws -> Void) throws {
        try withoutActuallyEscaping(handler) { h in
            try entries { e in
                try h(SourceRecord(line: e.line, cells: [
                    .text(e.account), .text(e.date?.description ?? ""), .text(e.amount.map { "\($0)" } ?? ""),
                    .text(e.currency), .text(e.isCredit ? "CRDT" : "DBIT"), .text(e.accountServicerReference ?? ""),
                    .text(e.endToEndId ?? ""), .text(e.text),
                ]))
            }
        }
    }
}

/// The `XMLParser` delegate: keeps the element path and the entry being read.
package final class CamtCollector: NSObject, XMLParserDelegate {
    private let handler: (CamtEntry) throws -> Void
    private var path: [String] = []
    private var textBuffer = ""
    private var account = ""
    private var entry: CamtEntry?
    private var texts: [String] = []
    package private(set) var handlerError: Error?
    package private(set) var sawDocument = false
    /// A pain.002 status report (by its namespace), read by ``pain002(_:_:parser:)``.
    private var isPain002 = false
    private var reportDate: CivilDate?
    private var transactionStatus = ""

    package init(handler: @escaping (CamtEntry) throws -> Void) {
        self.handler = handler
    }

    package func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let local = name.split(separator: ":").last.map(String.init) ?? name
        path.append(local)
        textBuffer = ""
        if namespaceURI?.hasPrefix("urn:iso:std:iso:20022:tech:xsd:pain.002") == true { isPain002 = true }
        if isPain002 {
            switch local {
            case "CstmrPmtStsRpt": sawDocument = true
            case "TxInfAndSts":
                entry = CamtEntry(account: "", amount: nil, currency: "", isCredit: false, date: reportDate,
                                  accountServicerReference: nil, endToEndId: nil, text: "", line: parser.lineNumber, isReturn: true)
                texts = []
                transactionStatus = ""
            case "InstdAmt" where path.contains("OrgnlTxRef"): entry?.currency = (attributes["Ccy"] ?? "").uppercased()
            default: break
            }
            return
        }
        switch local {
        case "BkToCstmrStmt", "BkToCstmrDbtCdtNtfctn", "BkToCstmrAcctRpt": sawDocument = true
        case "Stmt", "Ntfctn", "Rpt": account = ""
        case "Ntry":
            entry = CamtEntry(account: account, amount: nil, currency: "", isCredit: false, date: nil,
                              accountServicerReference: nil, endToEndId: nil, text: "", line: parser.lineNumber)
            texts = []
        case "Amt" where parent == "Ntry":
            entry?.currency = (attributes["Ccy"] ?? "").uppercased()
        case "RtrInf": entry?.isReturn = true
        default: break
        }
    }

    package func parser(_ parser: XMLParser, foundCharacters string: String) {
        textBuffer += string
    }

    package func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let local = path.last ?? name
        let value = textBuffer.trimmingCharacters(in: .whitespacesAndNewlines)
        if isPain002 {
            pain002(local, value, parser: parser)
            textBuffer = ""
            path.removeLast()
            return
        }
        let inEntry = path.contains("Ntry")
        if !inEntry, local == "IBAN" || (local == "Id" && parent == "Othr"), path.contains("Acct"), account.isEmpty {
            account = value
        }
        if inEntry {
            switch local {
            case "Amt" where parent == "Ntry": entry?.amount = DecimalParsing.parseCanonical(value)
            case "CdtDbtInd" where parent == "Ntry": entry?.isCredit = value == "CRDT"
            case "Dt", "DtTm":
                if parent == "BookgDt" || (parent == "ValDt" && entry?.date == nil) {
                    entry?.date = CivilDate(iso: value.prefix(10))
                }
            case "AcctSvcrRef" where entry?.accountServicerReference == nil: entry?.accountServicerReference = value
            case "EndToEndId" where entry?.endToEndId == nil && value.uppercased() != "NOTPROVIDED": entry?.endToEndId = value
            case "Cd" where parent == "Rsn" && path.contains("RtrInf") && entry?.returnReason == nil: entry?.returnReason = value
            case "Ustrd", "Ref", "AddtlNtryInf", "AddtlTxInf", "AddtlRmtInf", "NtryRef":
                if !value.isEmpty { texts.append(value) }
            case "Ntry": emit(parser)
            default: break
            }
        }
        textBuffer = ""
        path.removeLast()
    }

    private var parent: String? { path.count >= 2 ? path[path.count - 2] : nil }

    /// Hands the entry read to the handler (stopping the parse when it throws) and forgets it.
    private func emit(_ parser: XMLParser) {
        if var e = entry {
            e.text = texts.joined(separator: " ")
            do { try handler(e) } catch {
                handlerError = error
                parser.abortParsing()
            }
        }
        entry = nil
    }

    /// The end of an element of a pain.002 status report.
    private func pain002(_ local: String, _ value: String, parser: XMLParser) {
        switch local {
        case "CreDtTm" where parent == "GrpHdr": reportDate = CivilDate(iso: value.prefix(10))
        case "OrgnlEndToEndId" where entry?.endToEndId == nil: entry?.endToEndId = value
        case "Cd" where parent == "Rsn" && path.contains("StsRsnInf") && entry?.returnReason == nil: entry?.returnReason = value
        case "InstdAmt" where path.contains("OrgnlTxRef"): entry?.amount = DecimalParsing.parseCanonical(value)
        case "AddtlInf" where !value.isEmpty: texts.append(value)
        case "TxSts": transactionStatus = value
        case "TxInfAndSts":
            // Only rejected transactions are returns; accepted ones (ACCP, ACSC …) say nothing new.
            if transactionStatus == "RJCT" || transactionStatus.isEmpty { emit(parser) }
            entry = nil
        default: break
        }
    }
}
