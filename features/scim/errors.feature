Feature: SCIM errors (RFC 7644 §3.12, design §3)
  Every 4xx and 5xx under /scim/v2 carries an error body: schemas [the Error URN], status as a
  string, scimType where the RFC defines one, and a detail naming the problem; when the cause
  came from Webex, the detail carries Webex's trackingId.

  Scenario: An unknown user is 404 without scimType
    Given I remember an unknown Webex person id as "ghost"
    When I send "GET" to SCIM "/Users/{ghost}"
    Then the response status is 404
    And the SCIM error has no scimType
    And the response header "Content-Type" matches `^application/scim\+json`

  @group-kinds
  Scenario: An unknown group is 404
    Given I remember an unknown Webex team id as "ghost"
    When I send "GET" to SCIM "/Groups/{ghost}"
    Then the response status is 404
    And the response is a SCIM error

  Scenario: A user without userName is refused, naming the attribute
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "displayName": "{prefix}Nobody"}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "userName"

  Scenario: A user without any name is refused, naming the attributes (vendor page: mandatory fields)
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}nameless@example.com"}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "displayName"
    And the SCIM error's detail mentions "givenName"
    And the SCIM error's detail mentions "familyName"
    And Webex holds no person with email "{prefix}nameless@example.com"

  Scenario: A second user with the same userName is 409 uniqueness, and Webex keeps one person
    Given a SCIM user "joy" exists
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy}", "displayName": "Joy Again"}
      """
    Then the response status is 409
    And the SCIM error has scimType "uniqueness"
    And Webex holds a person with email "{joy}" whose id is "{joy.id}"

  Scenario: userName is unique without regard to case
    Given a SCIM user "joy" exists
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy|upper}", "displayName": "Joy Again"}
      """
    Then the response status is 409
    And the SCIM error has scimType "uniqueness"

  Scenario: A Webex refusal carries Webex's trackingId in the detail
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}joy@example.com",
       "displayName": "Joy", "roles": [{"value": "no-such-role"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue" and its detail mentions "trackingId"
    And Webex holds no person with email "{prefix}joy@example.com"

  @read-only
  Scenario Outline: A filter that cannot be parsed or names an unknown attribute is 400 invalidFilter
    When I send "GET" to SCIM "/Users" with the filter `<filter>`
    Then the response status is 400
    And the SCIM error has scimType "invalidFilter"

    Examples:
      | filter                          |
      | userName eq                     |
      | userName zz "x"                 |
      | (userName eq "x"                |
      | noSuchAttribute eq "x"          |
      | userName eq "x" and             |

  @read-only
  Scenario: A cursor the connector did not issue is 400 invalidCursor (RFC 9865 §2.1)
    When I send "GET" to SCIM "/Users?count=5&cursor=not-a-cursor"
    Then the response status is 400
    And the SCIM error has scimType "invalidCursor"

  Scenario: A body that is not JSON is 400 invalidSyntax
    When I send "POST" to SCIM "/Users" with body:
      """
      {"userName": "{prefix}broken@example.com",
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidSyntax"

  Scenario: A body whose schemas lack the resource's schema is 400 invalidSyntax
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "userName": "{prefix}joy@example.com", "displayName": "Joy"}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidSyntax"
    And Webex holds no person with email "{prefix}joy@example.com"

  Scenario: A value of the wrong type is 400 invalidValue
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}joy@example.com", "displayName": "Joy", "active": "maybe"}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue"

  Scenario: A PATCH message without the PatchOp schema is 400 invalidSyntax
    Given a SCIM user "joy" exists
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"Operations": [{"op": "replace", "path": "displayName", "value": "x"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidSyntax"

  Scenario: A PATCH on an unknown attribute is 400 invalidPath, and nothing changes
    Given a SCIM user "joy" exists
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "noSuchAttribute", "value": "x"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidPath"

  @read-only
  Scenario: An unknown endpoint is 404 with a SCIM error
    When I send "GET" to SCIM "/NoSuchEndpoint"
    Then the response status is 404
    And the response is a SCIM error

  Scenario: A method an endpoint does not serve is 405 with a SCIM error
    When I send "DELETE" to SCIM "/Users"
    Then the response status is 405
    And the response is a SCIM error
