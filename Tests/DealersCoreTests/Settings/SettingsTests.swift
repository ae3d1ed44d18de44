import Foundation
import Testing
@testable import DealersCore

@Suite("Settings")
struct SettingsTests {
    @Test("no dealers.json means the defaults")
    func defaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dealers-settings-\(UUID().uuidString)")
        let s = try Settings.load(root: folder)
        #expect(s.language == .es && s.defaultCountry == "ES" && s.csvDialect == .spanishExcel)
        #expect(s.paymentMethods.contains { $0.code == "DIRECT_DEBIT" })
    }

    @Test("values are read, and English brings the English CSV dialect unless csv says otherwise")
    func values() throws {
        let json = #"{"dealers":["ACME"],"language":"en","timeZone":"America/Caracas","defaultCountry":"ve","stabilitySeconds":5,"defaultContractLength":"1M","csv":{"delimiter":"\t"},"archiveRetentionDays":90,"paymentMethods":[{"code":"bizum","name":"Bizum","aliases":["bzm"]}]}"#
        let s = try Settings.parse(data: Data(json.utf8), file: "dealers.json")
        #expect(s.dealers == ["ACME"] && s.language == .en && s.defaultCountry == "VE")
        #expect(s.timeZone.identifier == "America/Caracas" && s.stabilitySeconds == 5)
        #expect(s.defaultContractLength == .month && s.archiveRetentionDays == 90)
        #expect(s.csvDialect.delimiter == "\t" && s.csvDialect.decimalSeparator == ".")
        #expect(PaymentMethod.find("BZM", in: s.paymentMethods)?.code == "BIZUM")
    }

    @Test("the roster brake's limits: 10 % and 500 by default, read from dealers.json")
    func rosterBrake() throws {
        #expect(Settings.defaults.rosterMaxCancelShare == 0.10 && Settings.defaults.rosterMaxCancel == 500)
        let s = try Settings.parse(data: Data(#"{"rosterMaxCancelShare": 0.25, "rosterMaxCancel": 40}"#.utf8), file: "dealers.json")
        #expect(s.rosterMaxCancelShare == 0.25 && s.rosterMaxCancel == 40)
    }

    @Test("unknown keys and bad values are refused with the key named", arguments: [
        (#"{"dealer":["ACME"]}"#, "$.dealer"),
        (#"{"language":"fr"}"#, "$.language"),
        (#"{"timeZone":"Mars/Olympus"}"#, "$.timeZone"),
        (#"{"defaultCountry":"XX"}"#, "$.defaultCountry"),
        (#"{"stabilitySeconds":-1}"#, "$.stabilitySeconds"),
        (#"{"dealers":["AC ME"]}"#, "$.dealers[0]"),
        (#"{"csv":{"delimiter":","}}"#, "$.csv"),
        (#"{"defaultContractLength":"forever"}"#, "$.defaultContractLength"),
        (#"{"paymentMethods":[{"code":"A","name":"Tarjeta"},{"code":"B","name":"tarjeta"}]}"#, "$.paymentMethods[1]"),
        (#"{"rosterMaxCancelShare":1.5}"#, "$.rosterMaxCancelShare"),
        (#"{"rosterMaxCancel":-1}"#, "$.rosterMaxCancel"),
    ])
    func refused(json: String, path: String) {
        do {
            _ = try Settings.parse(data: Data(json.utf8), file: "dealers.json")
            Issue.record("accepted \(json)")
        } catch let error as DealersError {
            #expect(error.kind == .config && error.exitCode == 78)
            #expect(error.message.hasPrefix(path), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
