import Foundation

/// Sample files used by several tests.
package enum Samples {
    package static let collectives = """
    Acción;Código;Nombre;País;Distribuidor;Precio mensual;Precio anual;Moneda;Duración;Activo\r
    ALTA;NORTE;Empresa Norte;ES;ACME;9,90;99,00;EUR;1A;sí\r
    ALTA;SUR;Asociación Sur;ES;ACME;4,95;49,50;EUR;1A;sí\r
    ALTA;PYME;Pymes de Madrid;ES;IBERIA;12,50;1.250,00;EUR;12M;sí\r

    """

    package static let users = """
    Acción;Colectivo;Nº Documento;Nombre;Apellidos;Email;Fecha nacimiento;Relación;Documento titular;Fecha inicio\r
    ALTA;NORTE;23456789D;María;Peña;maria@example.es;15/09/1982;CÓNYUGE;12345678Z;01/11/2026\r
    ALTA;NORTE;12345678Z;José;Núñez;jose@example.es;03/04/1980;TITULAR;;01/11/2026\r
    ALTA;SUR;45678901A;Lucía;Fernández;lucia@example;31/02/1975;TITULAR;;\r
    ALTA;NOEXISTE;67890123B;Carmen;Vidal;carmen@example.es;;TITULAR;;\r

    """

    /// A users file of `count` ALTAs (holders, each second row a dependant of the row before).
    package static func bigUsersFile(_ count: Int) -> String {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        var lines = ["Acción;Colectivo;Nº Documento;Nombre;Relación;Documento titular"]
        var previous = ""
        for i in 0..<count {
            let n = 10_000_000 + i * 7
            let document = String(n) + String(letters[n % 23])
            let collective = (i / 2) % 3 == 0 ? "NORTE" : "SUR"
            if i % 2 == 1 {
                lines.append("ALTA;\(collective);\(document);Persona \(i);HIJO;\(previous)")
            } else {
                lines.append("ALTA;\(collective);\(document);Persona \(i);TITULAR;")
            }
            previous = document
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// NORTE and SUR (ACME) with no prices: enough for users files that pay nothing.
    package static let plainCollectives = """
    Acción;Código;Nombre;País;Distribuidor;Moneda\r
    ALTA;NORTE;Norte;ES;ACME;EUR\r
    ALTA;SUR;Sur;ES;ACME;EUR\r

    """
}
