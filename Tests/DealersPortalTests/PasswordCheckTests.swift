import DealersCore
import DealersTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import DealersPortal

@Suite("Password checks on their own threads, with a bounded queue")
struct PasswordCheckTests {
    /// One thread, no queue: while a check holds the thread, every other check is refused at once.
    static func onePlace(_ configuration: inout PortalConfiguration) {
        configuration.passwordChecks.threads = 1
        configuration.passwordChecks.queueLimit = 0
    }

    @Test func sessionsAreAnsweredWhileThePasswordChecksAreBusyAndChecksOverTheQueueGet503() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let portal = try fixture.portal(Self.onePlace)
        let app = Application(router: portal.router())
        try await app.test(.router) { client in
            let (browser, signedIn) = try await client.signIn("ana")
            #expect(signedIn.status == .seeOther)

            // Hold the only password thread.
            let gate = DispatchSemaphore(value: 0)
            let held = Task { try await portal.passwordChecks.run { _ in gate.wait() } }
            #expect(await eventuallyAsync { portal.passwordChecks.load == 1 })

            // A session pays no password check: answered at once.
            #expect(try await client.get("/reports/", browser).status == .ok)

            // HTTP Basic: 503, Retry-After, the scripts' JSON error shape.
            let script = try await client.execute(uri: "/reports/", method: .get, headers: basic("ana"))
            #expect(script.status == .serviceUnavailable)
            #expect(Int(script.headers[.retryAfter] ?? "") ?? 0 >= 1)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: script.body)) as? [String: Any]
            #expect(body?["error"] as? String == "BUSY")
            #expect((body?["message"] as? String)?.isEmpty == false)

            // The sign-in form: 503 with Retry-After and the form again, saying why.
            let (_, busyLogin) = try await client.signIn("ivan")
            #expect(busyLogin.status == .serviceUnavailable)
            #expect(busyLogin.headers[.retryAfter] != nil)
            #expect(String(buffer: busyLogin.body).contains("comprobaciones de contraseña"))

            // Neither counts as a failed sign-in; once the thread is free, Basic works again.
            gate.signal()
            try await held.value
            #expect(try await client.execute(uri: "/reports/", method: .get, headers: basic("ana")).status == .ok)
        }
    }

    @Test func passwordChecksRunOnThePoolsThreads() async throws {
        let fixture = try PortalFixture()
        defer { fixture.remove() }
        let portal = try fixture.portal()
        let thread = try await portal.passwordChecks.run { _ in Thread.current.name ?? "" }
        #expect(thread.hasPrefix("dealers-pool-"))
        #expect(try await portal.authenticate(name: "ana", password: PortalFixture.password)?.name == "ana")
        #expect(try await portal.authenticate(name: "ana", password: "wrong password") == nil)
        #expect(try await portal.authenticate(name: "nobody", password: PortalFixture.password) == nil)
    }
}
