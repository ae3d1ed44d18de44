import Foundation
import PostgresNIO

/// How a worker's connections notice by themselves that the server or the network is gone,
/// instead of waiting for an answer that never comes (docs/scaling.md, "Leases").
///
/// Both ends of every connection watch it:
/// - **the worker's socket** (set when it connects, ``channelOptions``): TCP keepalive after
///   ``idleSeconds`` without traffic, a probe every ``intervalSeconds``, and `TCP_USER_TIMEOUT`
///   of ``userTimeoutSeconds``: data or probes left unacknowledged that long end the connection
///   with an error, so a statement sent, or waited for, over a cut link fails instead of waiting
///   for TCP's retransmission back-off (which can take minutes once the link is mended). A
///   server that is slow to answer is not affected: its host still acknowledges;
/// - **the server's session** (``serverSettings``): the same keepalives, so the server ends the
///   session of a vanished worker and rolls back its transaction.
struct DeadPeerDetection: Sendable, Equatable {
    /// Seconds without traffic before the first keepalive probe.
    var idleSeconds = 10
    /// Seconds between two probes.
    var intervalSeconds = 5
    /// Probes without an answer before the server gives the session up.
    var probes = 3
    /// Seconds data or a probe may stay unacknowledged before the worker's side gives up.
    var userTimeoutSeconds: Int

    /// The detection for a worker whose leases last `leaseSeconds`: the socket gives up after
    /// a lease's length, and never before 10 s (a busy network pauses).
    init(leaseSeconds: Double) {
        userTimeoutSeconds = Int(max(leaseSeconds, 10).rounded(.up))
    }

    /// The socket options of a worker's connection.
    var channelOptions: [(ChannelOptions.Types.SocketOption, SocketOptionValue)] {
        let tcp = NIOBSDSocket.OptionLevel.tcp
        func option(_ name: Int32) -> ChannelOptions.Types.SocketOption {
            ChannelOptions.Types.SocketOption(level: tcp, name: NIOBSDSocket.Option(rawValue: name))
        }
        return [
            (ChannelOptions.Types.SocketOption(level: .socket, name: .so_keepalive), 1),
            (option(TCP_KEEPIDLE), SocketOptionValue(idleSeconds)),
            (option(TCP_KEEPINTVL), SocketOptionValue(intervalSeconds)),
            (option(TCP_KEEPCNT), SocketOptionValue(probes)),
            (option(TCP_USER_TIMEOUT), SocketOptionValue(userTimeoutSeconds * 1000)),
        ]
    }

    /// The statements that make the server watch the session the same way.
    var serverSettings: [String] {
        ["SET tcp_keepalives_idle = \(idleSeconds)",
         "SET tcp_keepalives_interval = \(intervalSeconds)",
         "SET tcp_keepalives_count = \(probes)"]
    }
}
