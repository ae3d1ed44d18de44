extension PortalTemplates {
    /// The master's accounts. Context: ``AccountsPage``.
    static let accounts = #"""
    {{#error}}<p class="error" role="alert">{{.}}</p>{{/error}}<table class="cards" id="accounts"><thead><tr>{{#labels.columns}}<th>{{.}}</th>{{/labels.columns}}</tr></thead><tbody>
    {{#rows}}<tr{{#disabled}} class="disabled"{{/disabled}}><td data-label="{{labels.name}}"><strong>{{name}}</strong></td><td data-label="{{labels.role}}">{{role}}</td><td data-label="{{labels.dealer}}">{{dealer}}</td><td data-label="{{labels.seller}}">{{seller}}</td><td data-label="{{labels.email}}">{{email}}</td><td data-label="{{labels.state}}">{{state}}</td><td>{{#actions}}<form method="post" action="/accounts/{{path}}" class="inline"><input type="hidden" name="csrf" value="{{csrfToken}}"><input type="hidden" name="name" value="{{name}}"><button type="submit">{{label}}</button></form>{{/actions}}</td></tr>
    {{/rows}}</tbody></table>
    <h2>{{labels.add}}</h2><form method="post" action="/accounts/add"><input type="hidden" name="csrf" value="{{csrfToken}}"><label for="add-name">{{labels.name}}</label><input type="text" id="add-name" name="name" required>{{#addFields}}{{>accountFields}}{{/addFields}}<label for="add-password">{{labels.password}}</label><input type="password" id="add-password" name="password" required minlength="{{minimumPassword}}"><div><button type="submit">{{labels.add}}</button></div></form>
    <h2>{{labels.change}}</h2><form method="post" action="/accounts/change"><input type="hidden" name="csrf" value="{{csrfToken}}"><label for="change-name">{{labels.name}}</label><select id="change-name" name="name">{{#names}}<option value="{{.}}">{{.}}</option>{{/names}}</select>{{#changeFields}}{{>accountFields}}{{/changeFields}}<div><button type="submit">{{labels.save}}</button></div></form>
    """#

    /// The role, dealer, seller and e-mail fields of the accounts' forms (a partial). Context: ``AccountsPage/Fields``.
    static let accountFields = #"""
    <label for="{{prefix}}role">{{labels.role}}</label><select id="{{prefix}}role" name="role">{{#roles}}<option value="{{value}}">{{label}}</option>{{/roles}}</select><label for="{{prefix}}dealer">{{labels.dealer}}</label><select id="{{prefix}}dealer" name="dealer">{{#dealers}}<option value="{{value}}">{{label}}</option>{{/dealers}}</select><label for="{{prefix}}seller">{{labels.seller}}</label><input type="text" id="{{prefix}}seller" name="seller" maxlength="32"><label for="{{prefix}}email">{{labels.email}}</label><input type="email" id="{{prefix}}email" name="email"{{^optional}} required{{/optional}}>
    """#
}
