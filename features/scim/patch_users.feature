Feature: PATCH on Users (RFC 7644 §3.5.2, design §3.6)
  add, replace and remove, matched without regard to case; simple, dotted, filtered and
  path-less paths; "True"/"False" strings for booleans (Entra). The whole patch is checked
  before anything is sent to Webex: a patch that cannot apply changes nothing.

  Background:
    Given a SCIM user "joy" exists with:
      """
      {"name": {"givenName": "Joy", "familyName": "Young"}, "displayName": "{prefix}Joy Young", "timezone": "Europe/Paris", "active": true}
      """

  Scenario: replace with a dotted path answers 200 with the user
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name.familyName", "value": "Younger"}]}
      """
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    And the response JSON at "name.familyName" is "Younger"
    And the response JSON at "name.givenName" is "Joy"
    And Webex holds the person "{joy.id}" with:
      | lastName  | "Younger" |
      | firstName | "Joy"     |

  Scenario: Operation names match without regard to case (Entra sends "Replace" and "Add")
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Replace", "path": "displayName", "value": "{prefix}Joy R"},
                      {"op": "ADD", "path": "timezone", "value": "Asia/Tokyo"}]}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" with:
      | displayName | "{prefix}Joy R" |
      | timezone    | "Asia/Tokyo"    |

  Scenario Outline: active accepts the strings "<value>" as well as JSON booleans (Entra's default format)
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "Replace", "path": "active", "value": "<value>"}]}
      """
    Then the response status is 200
    And the response JSON at "active" is <active>
    And Webex holds the person "{joy.id}" whose loginEnabled is <active>

    Examples:
      | value | active |
      | False | false  |
      | false | false  |
      | True  | true   |

  Scenario: A path-less replace with dotted keys (Entra's newer format)
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"displayName": "{prefix}Bjfe", "name.givenName": "Kkom", "name.familyName": "Unua", "active": false}}]}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" with:
      | displayName  | "{prefix}Bjfe" |
      | firstName    | "Kkom"         |
      | lastName     | "Unua"         |
      | loginEnabled | false          |

  Scenario: A path-less replace with a nested object (Okta)
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "value": {"name": {"givenName": "Jo", "familyName": "Yu"}}}]}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" with:
      | firstName | "Jo" |
      | lastName  | "Yu" |

  Scenario: remove clears an attribute in Webex
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "timezone"}]}
      """
    Then the response status is 200
    And the response JSON at "timezone" is absent
    And Webex holds the person "{joy.id}" whose timezone is absent

  # Webex holds one email, the userName (connector/user_emails.go): a PATCH that would leave
  # emails naming another address, or no address, cannot be applied and is refused, whole.
  Scenario: A filtered path on emails (Entra) naming another address is refused (mutability) and changes nothing
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "{prefix}other@example.com"},
                      {"op": "replace", "path": "name.familyName", "value": "Updated"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "mutability" and its detail mentions "userName"
    And Webex holds the person "{joy.id}" with:
      | lastName | "Young"   |
      | emails   | ["{joy}"] |

  Scenario: Removing emails is refused (mutability): Webex needs the one address
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "emails"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "mutability"
    And Webex holds the person "{joy.id}" whose emails is ["{joy}"]

  Scenario: The work email and userName changed together change the Webex address
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "userName", "value": "{prefix}joy.moved@example.com"},
                      {"op": "replace", "path": "emails[type eq \"work\"].value", "value": "{prefix}Joy.Moved@example.com"}]}
      """
    Then the response status is 200
    And the response JSON at "emails" is [{"value": "{prefix}joy.moved@example.com", "type": "work", "primary": true}]
    And Webex holds the person "{joy.id}" whose emails is ["{prefix}joy.moved@example.com"]

  Scenario: Replacing userName changes the Webex email
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "userName", "value": "{prefix}joy.renamed@example.com"}]}
      """
    Then the response status is 200
    And the response JSON at "userName" is "{prefix}joy.renamed@example.com"
    And Webex holds the person "{joy.id}" whose emails is ["{prefix}joy.renamed@example.com"]

  Scenario: A patch is atomic — one bad operation and nothing is changed
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Changed"},
                      {"op": "replace", "path": "active", "value": "not a boolean"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidValue"
    And Webex holds the person "{joy.id}" with:
      | displayName  | "{prefix}Joy Young" |
      | loginEnabled | true                |

  Scenario: A replace whose filter matches nothing is 400 noTarget (RFC 7644 §3.5.2.3)
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "emails[type eq \"home\"].value", "value": "{prefix}home@example.com"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "noTarget"

  Scenario: A read-only attribute cannot be replaced (mutability)
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "id", "value": "something-else"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "mutability"

  Scenario: What Webex holds is stored (title, phone numbers, address, department, manager); the rest is accepted and not stored
    # connector/doc.go: RFC 7643 attributes Webex has no field for (preferredLanguage, locale,
    # employeeNumber…; identity providers' default mappings send them) are dropped; the answer
    # shows what Webex holds. name.formatted is derived from the names.
    Given a Webex person "kim" exists with:
      """
      {"firstName": "Kim", "lastName": "Kale", "title": "Controller"}
      """
    When I send "PATCH" to SCIM "/Users/{kim.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "Replace", "path": "title", "value": "CFO"},
         {"op": "Add", "path": "phoneNumbers[type eq \"work\"].value", "value": "+1 555 0100"},
         {"op": "Add", "path": "phoneNumbers[type eq \"mobile\"].value", "value": "+1 555 0199"},
         {"op": "Add", "path": "addresses[type eq \"work\"].locality", "value": "Oslo"},
         {"op": "Replace", "path": "preferredLanguage", "value": "nb-NO"},
         {"op": "Replace", "path": "locale", "value": "nb-NO"},
         {"op": "Replace", "path": "name.formatted", "value": "Kim K. Kale"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Finance"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "42"},
         {"op": "Replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager", "value": {"value": "{joy.id}"}},
         {"op": "Replace", "path": "name.givenName", "value": "Kimberly"}]}
      """
    Then the response status is 200
    And the response JSON at "name.givenName" is "Kimberly"
    And the response JSON at "name.formatted" is "Kimberly Kale"
    And the response JSON at "title" is "CFO"
    And the response JSON at "phoneNumbers" is [{"type": "work", "value": "+1 555 0100"}, {"type": "mobile", "value": "+1 555 0199"}]
    And the response JSON at "addresses" is [{"type": "work", "locality": "Oslo"}]
    And the response JSON at "urn:ietf:params:scim:schemas:extension:enterprise:2\.0:User" is {"department": "Finance", "manager": {"value": "{joy.id}", "displayName": "{prefix}Joy Young"}}
    And the response JSON at "preferredLanguage" is absent
    And the response JSON at "locale" is absent
    And Webex holds the person "{kim.id}" with:
      | firstName      | "Kimberly"                  |
      | title          | "CFO"                       |
      | department     | "Finance"                   |
      | managerId      | "{joy.id}"                  |
      | manager        | "{prefix}Joy Young"         |
      | phoneNumbers.1 | {"type": "mobile", "value": "+1 555 0199"} |
      | addresses.0    | {"type": "work", "locality": "Oslo"}       |

  Scenario: An attribute RFC 7643 does not define is still 400 invalidPath, and nothing changes
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [
         {"op": "replace", "path": "displayName", "value": "{prefix}Changed"},
         {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber", "value": "42"},
         {"op": "replace", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:shoeSize", "value": "42"}]}
      """
    Then the response status is 400
    And the SCIM error has scimType "invalidPath"
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy Young"

  Scenario: Removing userName, which is required, is refused and changes nothing
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "userName"}]}
      """
    Then the response status is 400
    And the response is a SCIM error
    And Webex holds the person "{joy.id}" whose emails is ["{joy}"]

  Scenario: An unknown operation is 400
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "merge", "path": "displayName", "value": "x"}]}
      """
    Then the response status is 400
    And the response is a SCIM error
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy Young"

  Scenario: PATCH keeps the Webex fields SCIM does not map
    Given a Webex person "kim" exists with:
      """
      {"department": "Finance", "title": "Controller"}
      """
    When I send "PATCH" to SCIM "/Users/{kim.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Kim K"}]}
      """
    Then the response status is 200
    And Webex holds the person "{kim.id}" with:
      | displayName | "{prefix}Kim K" |
      | department  | "Finance"       |
      | title       | "Controller"    |
