import DealersCore
import Foundation

/// Building blocks of the portal's pages: escaping and links (the frame is the `layout` template, ``Page``).
enum HTML {
    /// Text made safe for element content and quoted attribute values.
    static func escape(_ text: String) -> String { MarkupEscaping.escape(text) }

    /// A path segment percent-encoded for a link (`/reports/<this>`).
    static func pathSegment(_ name: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        return name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// A query value percent-encoded.
    static func queryValue(_ value: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+;#%")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}

