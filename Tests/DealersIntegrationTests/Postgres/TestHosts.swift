import Foundation
import Testing

/// Test hosts made by the test itself: network namespaces, each joined to this one by a veth
/// pair, reaching the test PostgreSQL server through a relay on this side of the pairs — so a
/// worker's link can be cut (`ip link set … down`) without touching the server or the other
/// workers. Only the relay's address and each host's own address are used (and loopback).
///
/// The relay (a few lines of Python) stands in for the network path: the test server listens on
/// loopback only. A cut link therefore looks, to the server, like a client that went quiet in
/// the middle of its transaction (ended after `leaseSeconds` by `idle_in_transaction_session_timeout`)
/// rather than a vanished host (ended by TCP keepalive).
final class TestHosts {
    /// Why hosts cannot be made here (not root, no `ip`, no network namespaces), or `nil`;
    /// `DEALERS_TEST_HOSTS_UNAVAILABLE=reason` forces the skip (to check that path).
    static let unavailableReason: String? = {
        if let forced = ProcessInfo.processInfo.environment["DEALERS_TEST_HOSTS_UNAVAILABLE"] {
            return "network namespaces for test hosts: \(forced)"
        }
        guard FileManager.default.isExecutableFile(atPath: ip) else { return "network namespaces for test hosts: no \(ip) here" }
        guard getuid() == 0 else { return "network namespaces for test hosts: making them needs root" }
        let probe = "dlrprobe\(getpid())"
        guard (try? run([ip, "netns", "add", probe])) != nil else { return "network namespaces for test hosts: this machine cannot make them (ip netns add failed)" }
        _ = try? run([ip, "netns", "del", probe])
        return nil
    }()

    static let ip = "/usr/sbin/ip"
    /// A prefix of the names of this run's namespaces and interfaces (at most 15 characters each).
    let tag = "d" + String(UInt32.random(in: 0..<0xFFFFF), radix: 16)
    /// 10.231.`subnet`.0/24 holds the relay (.1) and the hosts (.10, .11 …).
    let subnet = Int.random(in: 1...250)
    private(set) var count = 0
    private var relay: Process?
    /// The relay's address and port: the store URL's host for every worker.
    private(set) var relayAddress = ""
    private(set) var relayPort = 0

    /// Starts the relay to `server` (host, port) on this side of the pairs.
    init(server host: String, port: Int, hosts: Int) throws {
        relayAddress = "10.231.\(subnet).1"
        for _ in 0..<hosts { try addHost() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.relayScript, relayAddress, "0", host, String(port)]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        relay = process
        let line = String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = Int(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            remove()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "the relay did not start: \(line)"])
        }
        relayPort = port
    }

    /// The namespace of host `n`.
    func namespace(_ n: Int) -> String { "\(tag)n\(n)" }
    /// How a process is started on host `n`.
    func launcher(_ n: Int) -> [String] { [Self.ip, "netns", "exec", namespace(n)] }
    private func outside(_ n: Int) -> String { "\(tag)h\(n)" }
    private func inside(_ n: Int) -> String { "\(tag)w\(n)" }
    private func address(_ n: Int) -> String { "10.231.\(subnet).\(10 + n)" }

    private func addHost() throws {
        let n = count
        let ip = Self.ip
        try Self.run([ip, "netns", "add", namespace(n)])
        count += 1
        try Self.run([ip, "link", "add", outside(n), "type", "veth", "peer", "name", inside(n)])
        try Self.run([ip, "link", "set", inside(n), "netns", namespace(n)])
        try Self.run([ip, "addr", "add", "\(relayAddress)/32", "dev", outside(n)])
        try Self.run([ip, "link", "set", outside(n), "up"])
        try Self.run([ip, "route", "add", "\(address(n))/32", "dev", outside(n)])
        let there = [ip, "netns", "exec", namespace(n), ip]
        try Self.run(there + ["link", "set", "lo", "up"])
        try Self.run(there + ["addr", "add", "\(address(n))/32", "dev", inside(n)])
        try Self.run(there + ["link", "set", inside(n), "up"])
        try Self.run(there + ["route", "add", "\(relayAddress)/32", "dev", inside(n)])
    }

    /// Cuts host `n`'s link: its packets are dropped, nobody is told.
    func cut(_ n: Int) throws { try Self.run([Self.ip, "link", "set", outside(n), "down"]) }

    /// Mends host `n`'s link.
    func mend(_ n: Int) throws {
        try Self.run([Self.ip, "link", "set", outside(n), "up"])
        _ = try? Self.run([Self.ip, "route", "replace", "\(address(n))/32", "dev", outside(n)])
    }

    /// Stops the relay and removes every host (the veth pairs go with their namespaces).
    func remove() {
        // SIGKILL: the test runner's children inherit its blocked SIGTERM.
        if let relay, relay.isRunning { kill(relay.processIdentifier, SIGKILL) }
        relay?.waitUntilExit()
        for n in 0..<count {
            _ = try? Self.run([Self.ip, "link", "del", outside(n)])
            _ = try? Self.run([Self.ip, "netns", "del", namespace(n)])
        }
    }

    @discardableResult
    private static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed"])
        }
        return 0
    }

    /// A TCP relay: `python3 -c SCRIPT LISTEN_HOST LISTEN_PORT SERVER_HOST SERVER_PORT`; prints
    /// the port it listens on. Each side's end closes the other.
    static let relayScript = """
    import asyncio, sys
    lhost, lport, shost, sport = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    async def pipe(r, w):
        try:
            while True:
                data = await r.read(65536)
                if not data:
                    break
                w.write(data)
                await w.drain()
        except Exception:
            pass
        finally:
            try:
                w.close()
            except Exception:
                pass
    async def handle(cr, cw):
        try:
            sr, sw = await asyncio.open_connection(shost, sport)
        except Exception:
            cw.close()
            return
        await asyncio.gather(pipe(cr, sw), pipe(sr, cw))
    async def main():
        server = await asyncio.start_server(handle, lhost, lport)
        print(server.sockets[0].getsockname()[1], flush=True)
        async with server:
            await server.serve_forever()
    asyncio.run(main())
    """
}
