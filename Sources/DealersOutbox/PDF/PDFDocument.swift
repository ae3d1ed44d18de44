import CHPDF
import Foundation
import DealersSupport

/// A PDF written with libharu (`HPDF_Doc`), owned here and freed in `deinit`: A4 pages of text
/// in an embedded TrueType font (every Spanish character), laid out top to bottom — headings,
/// wrapped paragraphs, labelled fields in boxes, signature boxes — and handed back as bytes for
/// ``AtomicFile`` to write (libharu never opens the output file itself).
package final class PDFDocument {
    private let doc: HPDF_Doc
    private var page: HPDF_Page?
    private let regular: HPDF_Font
    private let bold: HPDF_Font
    private var y: Float = 0
    private let margin: Float = 56
    private let width: Float = 595.276, height: Float = 841.89

    /// The fonts the documents embed: DejaVu Sans (Debian `fonts-dejavu-core`), which has every
    /// Spanish letter, `€`, `º` and `ª`.
    package static let fontFolder = "/usr/share/fonts/truetype/dejavu"

    /// Starts a document with its title (the PDF's information).
    /// - Throws: ``DealersError`` `.noInput` when the font is missing, `.internalError` when libharu fails.
    package init(title: String, fontFolder: String = PDFDocument.fontFolder) throws {
        let regularPath = "\(fontFolder)/DejaVuSans.ttf", boldPath = "\(fontFolder)/DejaVuSans-Bold.ttf"
        for path in [regularPath, boldPath] where !(try FileSystem.exists(path, followingLinks: true)) {
            throw DealersError(.noInput, path: path, "the PDF font is missing: install Debian's fonts-dejavu-core (scripts/setup.sh)")
        }
        guard let doc = HPDF_New(nil, nil) else { throw DealersError(.internalError, "libharu cannot start a document") }
        self.doc = doc
        HPDF_SetCompressionMode(doc, UInt32(HPDF_COMP_ALL))
        HPDF_UseUTFEncodings(doc)
        func load(_ path: String) throws -> HPDF_Font {
            guard let name = HPDF_LoadTTFontFromFile(doc, path, HPDF_TRUE), let font = HPDF_GetFont(doc, name, "UTF-8") else {
                throw DealersError(.internalError, path: path, "libharu cannot embed the font (error \(HPDF_GetError(doc)))")
            }
            return font
        }
        do {
            regular = try load(regularPath)
            bold = try load(boldPath)
        } catch {
            HPDF_Free(doc)
            throw error
        }
        HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, title)
        HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "dealers")
        newPage()
    }

    deinit { HPDF_Free(doc) }

    private func newPage() {
        page = HPDF_AddPage(doc)
        if let page { HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT) }
        y = height - margin
    }

    private func room(_ needed: Float) {
        if y - needed < margin { newPage() }
    }

    private func text(_ s: String, x: Float, size: Float, font: HPDF_Font) {
        guard let page else { return }
        HPDF_Page_BeginText(page)
        HPDF_Page_SetFontAndSize(page, font, size)
        HPDF_Page_TextOut(page, x, y, s)
        HPDF_Page_EndText(page)
    }

    private func measure(_ s: String, size: Float, font: HPDF_Font) -> Float {
        guard let page else { return 0 }
        HPDF_Page_SetFontAndSize(page, font, size)
        return HPDF_Page_TextWidth(page, s)
    }

    /// The lines of `s` that fit `maxWidth`, broken between words (a word longer than a line
    /// stays whole).
    private func wrap(_ s: String, size: Float, font: HPDF_Font, maxWidth: Float) -> [String] {
        var lines: [String] = []
        for paragraph in s.components(separatedBy: "\n") {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                let candidate = line.isEmpty ? String(word) : "\(line) \(word)"
                if !line.isEmpty, measure(candidate, size: size, font: font) > maxWidth {
                    lines.append(line)
                    line = String(word)
                } else {
                    line = candidate
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// A heading in bold.
    package func heading(_ s: String, size: Float = 14) {
        for line in wrap(s, size: size, font: bold, maxWidth: width - 2 * margin) {
            room(size * 1.6)
            y -= size * 1.4
            text(line, x: margin, size: size, font: bold)
        }
        y -= size * 0.4
    }

    /// A paragraph wrapped to the page's width.
    package func paragraph(_ s: String, size: Float = 9.5, isBold: Bool = false) {
        let font = isBold ? bold : regular
        for line in wrap(s, size: size, font: font, maxWidth: width - 2 * margin) {
            room(size * 1.5)
            y -= size * 1.35
            text(line, x: margin, size: size, font: font)
        }
        y -= size * 0.6
    }

    /// A labelled field: the label small above a box holding the value (empty for a person or a
    /// signing service to fill).
    package func field(_ label: String, _ value: String, boxHeight: Float = 20) {
        guard page != nil else { return }
        room(boxHeight + 16)
        y -= 11
        text(label, x: margin, size: 8, font: bold)
        y -= boxHeight
        if let page {
            HPDF_Page_SetLineWidth(page, 0.6)
            HPDF_Page_Rectangle(page, margin, y, width - 2 * margin, boxHeight - 4)
            HPDF_Page_Stroke(page)
        }
        let saved = y
        y += (boxHeight - 4) / 2 - 3.5
        text(value, x: margin + 5, size: 10, font: regular)
        y = saved - 4
    }

    /// The document's bytes (libharu's in-memory stream).
    /// - Throws: ``DealersError`` `.internalError` with libharu's error code when it fails.
    package func data() throws -> Data {
        guard HPDF_SaveToStream(doc) == HPDF_OK else {
            throw DealersError(.internalError, "libharu could not write the PDF (error \(HPDF_GetError(doc)))")
        }
        var size = HPDF_GetStreamSize(doc)
        var bytes = [UInt8](repeating: 0, count: Int(size))
        guard HPDF_GetContents(doc, &bytes, &size) == HPDF_OK else {
            throw DealersError(.internalError, "libharu could not hand the PDF over (error \(HPDF_GetError(doc)))")
        }
        return Data(bytes.prefix(Int(size)))
    }
}

/// One block of a document to sign, top to bottom.
package enum PDFBlock: Sendable, Equatable {
    /// A bold heading.
    case heading(String)
    /// A wrapped paragraph (`bold` for notices).
    case paragraph(String, bold: Bool = false)
    /// A labelled box with its value (empty: for the signer or a signing service to fill).
    case field(String, String)
    /// A taller empty box for a signature.
    case signature(String)
}

extension PDFDocument {
    /// The PDF of `blocks` under `title`.
    package static func render(title: String, _ blocks: [PDFBlock]) throws -> Data {
        let pdf = try PDFDocument(title: title)
        for block in blocks {
            switch block {
            case .heading(let s): pdf.heading(s)
            case .paragraph(let s, let bold): pdf.paragraph(s, isBold: bold)
            case .field(let label, let value): pdf.field(label, value)
            case .signature(let label): pdf.field(label, "", boxHeight: 60)
            }
        }
        return try pdf.data()
    }
}
