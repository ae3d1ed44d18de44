import Foundation
import DealersTestSupport

/// A workspace with a creditor for ACME, direct-debit collectives and users with mandates
/// (docs/sepa.md's worked example).
enum SEPAWorkspace {
    static let creditor = #"{"name": "Acme Telecom, S.L.", "creditorId": "ES11000B12345674", "iban": "ES9121000418450200051332", "bic": "CAIXESBBXXX", "address": "Calle Mayor 1, 28013 Madrid"}"#

    static func settings(creditor: String = creditor) -> String {
        #"{"dealers": ["ACME", "IBERIA"], "stabilitySeconds": 0, "sepa": {"creditors": {"ACME": \#(creditor)}, "leadDays": 5}}"#
    }

    static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo;Forma de pago\r
    ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1M;sí;DOMICILIACION\r
    ALTA;SUR;Asociación Sur;ES;ACME;4,95;49,50;EUR;1A;sí;domiciliación\r
    ALTA;OESTE;Oeste;ES;ACME;7,00;70,00;EUR;1M;sí;\r

    """

    /// José (holder, mandate), María (his dependant, paid by his mandate), Lucía (annual, own
    /// reference, account holder), Pedro (no Forma de pago: not collected), and three rows with
    /// the mandate mistakes a users file can have.
    static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Apellidos;Relación;Documento titular;Fecha inicio;IBAN;BIC;Referencia mandato;Fecha firma mandato;Titular de la cuenta;Dirección\r
    ALTA;NORTE;12345678Z;José;Núñez;TITULAR;;01/11/2026;ES12 2100 0418 4612 3456 7890;CAIXESBBXXX;;20/10/2026;;Calle Sol 3, Madrid\r
    ALTA;NORTE;23456789D;María;Peña;CÓNYUGE;12345678Z;01/11/2026;;;;;;\r
    ALTA;SUR;45678901G;Lucía;Fernández;TITULAR;;10/12/2025;ES0421000418450000000001;;LUC-2025/1;01/12/2025;Lucía Fernández Ruiz;\r
    ALTA;OESTE;87654321X;Pedro;Gil;TITULAR;;01/11/2026;ES7100491500010000000002;;;01/11/2026;;\r
    ALTA;NORTE;11111111H;Ana;Turca;TITULAR;;01/11/2026;TR330006100519786457841326;;;;;\r
    ALTA;NORTE;22222222J;Eva;Alemana;TITULAR;;01/11/2026;ES0921000418405555555555;DEUTDEFFXXX;;;;\r
    ALTA;NORTE;33333333P;Pío;Futuro;TITULAR;;01/11/2026;ES0921000418405555555555;;;01/01/2027;;\r

    """

    static func make(settings: String = settings()) throws -> TestWorkspace {
        let ws = try TestWorkspace(settings: settings)
        try ws.write("inbox/colectivos.csv", collectives, windows1252: true)
        try ws.write("inbox/usuarios.csv", users, windows1252: true)
        return ws
    }

    /// A camt.054 notification of ACME's account with a returned direct debit (AM04) of
    /// `endToEndId` and a return naming a collection nobody made.
    static func returns(_ endToEndId: String, amount: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02">
          <BkToCstmrDbtCdtNtfctn>
            <GrpHdr><MsgId>NTF-1</MsgId><CreDtTm>2026-12-04T08:00:00+01:00</CreDtTm></GrpHdr>
            <Ntfctn>
              <Id>NTF-1</Id><CreDtTm>2026-12-04T08:00:00+01:00</CreDtTm>
              <Acct><Id><IBAN>ES9121000418450200051332</IBAN></Id></Acct>
              <Ntry>
                <Amt Ccy="EUR">\(amount)</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-12-04</Dt></BookgDt><AcctSvcrRef>RET-0001</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>\(endToEndId)</EndToEndId></Refs>
                  <RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf>
                </TxDtls></NtryDtls>
              </Ntry>
              <Ntry>
                <Amt Ccy="EUR">4.95</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                <BookgDt><Dt>2026-12-04</Dt></BookgDt><AcctSvcrRef>RET-0002</AcctSvcrRef>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>SDD-C00009999-20261201</EndToEndId></Refs>
                  <RtrInf><Rsn><Cd>MD06</Cd></Rsn></RtrInf>
                </TxDtls></NtryDtls>
              </Ntry>
            </Ntfctn>
          </BkToCstmrDbtCdtNtfctn>
        </Document>

        """
    }
}

extension SEPAWorkspace {
    /// A pain.002 status report rejecting `endToEndId` (MS03) and accepting another.
    static func rejection(_ endToEndId: String, amount: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.002.001.03">
          <CstmrPmtStsRpt>
            <GrpHdr><MsgId>STS-1</MsgId><CreDtTm>2026-11-30T09:00:00</CreDtTm></GrpHdr>
            <OrgnlGrpInfAndSts><OrgnlMsgId>ADEUDOS-20261128-1-ACME</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.02</OrgnlMsgNmId><GrpSts>PART</GrpSts></OrgnlGrpInfAndSts>
            <OrgnlPmtInfAndSts>
              <OrgnlPmtInfId>ADEUDOS-20261128-1-ACME-1</OrgnlPmtInfId>
              <TxInfAndSts>
                <StsId>1</StsId><OrgnlEndToEndId>\(endToEndId)</OrgnlEndToEndId><TxSts>RJCT</TxSts>
                <StsRsnInf><Rsn><Cd>MS03</Cd></Rsn></StsRsnInf>
                <OrgnlTxRef><Amt><InstdAmt Ccy="EUR">\(amount)</InstdAmt></Amt><ReqdColltnDt>2026-12-01</ReqdColltnDt></OrgnlTxRef>
              </TxInfAndSts>
              <TxInfAndSts>
                <StsId>2</StsId><OrgnlEndToEndId>SDD-C00000002-20261201</OrgnlEndToEndId><TxSts>ACCP</TxSts>
              </TxInfAndSts>
            </OrgnlPmtInfAndSts>
          </CstmrPmtStsRpt>
        </Document>

        """
    }
}
