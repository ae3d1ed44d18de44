#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bare HTTP/1.1 client over a socket: the request line goes out exactly as written (no
/// client-side clean-up of `..` or percent-encodings), as an attacker's tool would send it.
enum RawHTTP {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    /// Sends `METHOD target` to 127.0.0.1:`port` with `headers`, and reads the answer to the end.
    static func send(_ method: String, _ target: String, port: Int, headers: [String: String] = [:]) throws -> Answer {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw DevToolsPipe.Failure(description: "socket failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw DevToolsPipe.Failure(description: "connect failed") }
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard write(socket, bytes, bytes.count) == bytes.count else { throw DevToolsPipe.Failure(description: "write failed") }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(socket, &chunk, chunk.count)
            if count <= 0 { break }
            received.append(contentsOf: chunk[..<count])
        }
        guard let split = received.range(of: Data("\r\n\r\n".utf8)) else { throw DevToolsPipe.Failure(description: "no answer to \(target)") }
        let head = String(decoding: received[..<split.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var fields: [String: String] = [:]
        for line in head.dropFirst() {
            let pieces = line.split(separator: ":", maxSplits: 1)
            if pieces.count == 2 { fields[pieces[0].lowercased()] = pieces[1].trimmingCharacters(in: .whitespaces) }
        }
        return Answer(status: status, headers: fields, body: Data(received[split.upperBound...]))
    }
}
