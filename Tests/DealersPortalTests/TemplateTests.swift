import DealersCore
import Testing
@testable import DealersPortal

/// The page templates: they parse, the layout frames every page, and values are escaped.
@Suite struct TemplateTests {
    @Test func everyTemplateParses() {
        for name in PortalTemplates.sources.keys {
            #expect(PortalTemplates.library.getTemplate(named: name) != nil, "template \(name)")
        }
    }

    @Test func theLayoutEscapesWhatItIsGivenAndFramesTheBody() {
        let text = PortalText(language: .es)
        let visitor = Page.Visitor(name: "<ana>", scope: "ACME · administrador", csrfToken: "t\"k", access: nil)
        let html = Page(title: "<script>alert(1)</script>", body: "<p id=\"body\">cuerpo</p>", visitor: visitor, text: text).html
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>&lt;script&gt;alert(1)&lt;/script&gt; · Portal de distribuidores</title>"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<main><h1>&lt;script&gt;"))
        #expect(html.contains("<p id=\"body\">cuerpo</p>"))
        #expect(html.contains("&lt;ana&gt; · ACME · administrador"))
        #expect(html.contains("name=\"csrf\" value=\"t&quot;k\""))
        #expect(html.contains("<footer>"))
    }

    @Test func aPageTemplateEscapesItsContext() {
        let html = LoginPage(text: PortalText(language: .en), csrfToken: "abc", error: "<b>no</b>").html
        #expect(html.contains("<p class=\"error\" role=\"alert\">&lt;b&gt;no&lt;/b&gt;</p>"))
        #expect(html.contains("name=\"csrf\" value=\"abc\""))
        #expect(html.contains("<label for=\"password\">Password</label>"))
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test func theDealerSwitchLinksEveryChoiceButTheCurrentOne() {
        let html = DealerSwitch(text: PortalText(language: .es), path: "/reports/", current: "ACME", dealers: ["ACME", "B&B"]).html
        #expect(html == "<p class=\"switch\">Ver: <a href=\"/reports/\">operador</a> · <strong>ACME</strong> · <a href=\"/reports/?dealer=B%26B\">B&amp;B</a></p>")
        #expect(DealerSwitch(text: PortalText(language: .es), path: "/reports/", current: nil, dealers: []).html == "")
    }
}
