import Foundation
import HTTPTypes
import Hummingbird

/// The portal's responses: pages, JSON, redirects, file downloads.
enum Responses {
    /// An HTML page.
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A JSON document (sorted keys, pretty printed).
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        data.append(0x0A)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `303 See Other` to a path of the portal.
    static func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// The one 404 for everything a visitor cannot see.
    static func notFound(_ text: PortalText) -> Response {
        html(NotFoundPage(text: text).html, status: .notFound)
    }

    /// The one 404 of the JSON API, for whatever a script cannot see.
    static func apiNotFound(_ text: PortalText) -> Response {
        json(ScriptError(error: "NOT_FOUND", message: text.notFoundText), status: .notFound)
    }

    /// An opened file, as a download: never shown inline, never sniffed. The file is read a
    /// chunk at a time on the thread pool, off the event loop.
    static func download(_ file: DownloadFile) -> Response {
        let body = ResponseBody(contentLength: file.size) { writer in
            while true {
                let chunk = try await BlockingWork.run { try file.nextChunk(limit: 64 * 1024) }
                if chunk.readableBytes == 0 { break }
                try await writer.write(chunk)
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [
            .contentType: contentType(file.entry.name),
            .contentDisposition: contentDisposition(file.entry.name),
        ], body: body)
    }

    /// The media type of a file the portal hands out, by extension; anything unknown is opaque bytes.
    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "csv": return "text/csv; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266): ASCII fallback plus the exact name.
    static func contentDisposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && scalar.value >= 0x20 && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)...Unicode.Scalar(127)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
