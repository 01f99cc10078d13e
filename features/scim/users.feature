Feature: Users — the vendor page's table 312 (Create, Update, Delete, Get User, Get Users)
  A SCIM User is a Webex person (design §3.2, §4.1). Each operation is checked twice: what the
  connector answers, and what Webex then holds, read straight from Webex.

  @seed
  Scenario: Create User — POST /Users answers 201 with the user and creates the Webex person
    When I send "POST" to SCIM "/Users" with body:
      """
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "{prefix}joy.young@example.com",
        "name": {"givenName": "Joy", "familyName": "Young"},
        "displayName": "Joy Young",
        "active": true
      }
      """
    Then the response status is 201
    And the response header "Content-Type" matches `^application/scim\+json`
    And the response JSON at "schemas" contains "urn:ietf:params:scim:schemas:core:2.0:User"
    And the response JSON at "userName" is "{prefix}joy.young@example.com"
    And the response JSON at "meta.resourceType" is "User"
    And I remember the response JSON at "id" as "joy"
    And the response JSON at "meta.location" matches `/Users/{joy}$`
    And the response header "Location" matches `/Users/{joy}$`
    And the response header "ETag" matches `^W/".+"$`
    And Webex holds the person "{joy}" with:
      | emails       | ["{prefix}joy.young@example.com"] |
      | firstName    | "Joy"                             |
      | lastName     | "Young"                           |
      | displayName  | "Joy Young"                       |
      | loginEnabled | true                              |

  @seed
  Scenario: Update User — PUT /Users/{id} replaces the user and Webex holds the new values
    Given a SCIM user "joy" exists
    When I send "PUT" to SCIM "/Users/{joy.id}" with body:
      """
      {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "{prefix}joy@example.com",
        "name": {"givenName": "Joyce", "familyName": "Younger"},
        "displayName": "Joyce Younger",
        "active": false
      }
      """
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    And the response JSON at "name.givenName" is "Joyce"
    And the response JSON at "active" is false
    And Webex holds the person "{joy.id}" with:
      | firstName    | "Joyce"         |
      | lastName     | "Younger"       |
      | displayName  | "Joyce Younger" |
      | loginEnabled | false           |

  # WX08 is a full replace: the connector sends back what SCIM does not map (extension), and the
  # directory fields a PUT leaves out are "not asserted" (RFC 7644 §3.5.1) and kept.
  Scenario: Update User — PUT keeps the Webex fields SCIM does not map, and those the PUT leaves out
    Given a Webex person "joy" exists with:
      """
      {"department": "Finance", "title": "Controller", "extension": "4321", "phoneNumbers": [{"type": "work", "value": "+1 408 555 0199"}]}
      """
    When I send "PUT" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{joy}", "displayName": "Joy Renamed"}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" with:
      | displayName          | "Joy Renamed"       |
      | department           | "Finance"           |
      | title                | "Controller"        |
      | extension            | "4321"              |
      | phoneNumbers.0.value | "+1 408 555 0199"   |

  @seed
  Scenario: Delete User — DELETE /Users/{id} answers 204 and the Webex person is gone
    Given a SCIM user "joy" exists
    When I send "DELETE" to SCIM "/Users/{joy.id}"
    Then the response status is 204
    And the response body is empty
    And Webex holds no person "{joy.id}"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 404
    And the response is a SCIM error

  @seed
  Scenario: Get User — GET /Users/{id} answers the Webex person as a SCIM User
    Given a Webex person "joy" exists with:
      """
      {"firstName": "Joy", "lastName": "Young", "displayName": "{prefix}Joy Young"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    And the response JSON at "userName" is "{joy}"
    And the response JSON at "name.givenName" is "Joy"
    And the response JSON at "name.familyName" is "Young"
    And the response JSON at "displayName" is "{prefix}Joy Young"
    And the response JSON at "meta.resourceType" is "User"
    And Webex holds the person "{joy.id}" whose emails is ["{joy}"]

  @seed
  Scenario: Get Users — GET /Users lists the Webex people, filtered and paged
    Given a SCIM user "joy" exists
    And a SCIM user "kim" exists
    When I send "GET" to SCIM "/Users" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And eventually the response JSON at "totalResults" is 2
    And the response JSON at "Resources.#.id" contains "{joy.id}"
    And the response JSON at "Resources.#.id" contains "{kim.id}"
    And Webex holds a person with email "{joy}"
    And Webex holds a person with email "{kim}"

  @read-only
  Scenario: Get Users — without a filter, every Webex person is listed (the seeded admin too)
    When I send "GET" to SCIM "/Users?count=1000"
    Then the response status is 200
    And the response JSON at "totalResults" is at least 1
    And the response JSON at "Resources.#.id" contains "{admin.id}"

  # Table 316, one scenario per row: the SCIM attribute written through the connector lands in
  # the Webex field (where SCIM may write it), and the Webex field reads back as the SCIM
  # attribute.

  @seed
  Scenario: Mapping 316 — id ↔ id
    Given a SCIM user "joy" exists
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    And Webex holds a person with email "{joy}" whose id is "{joy.id}"

  @seed
  Scenario: Mapping 316 — userName ↔ emails[0], matched without regard to case
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}Joy.Young@Example.com", "displayName": "Joy"}
      """
    Then the response status is 201
    And I remember the response JSON at "id" as "joy"
    And Webex holds a person with email "{prefix}joy.young@example.com" whose id is "{joy}"
    When I send "GET" to SCIM "/Users" with the filter `userName eq "{prefix}JOY.YOUNG@example.COM"`
    Then the response status is 200
    And eventually the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{joy}"

  @seed
  Scenario: Mapping 316 — name.familyName ↔ lastName
    Given a SCIM user "joy" exists with:
      """
      {"name": {"givenName": "Joy", "familyName": "Young"}}
      """
    Then Webex holds the person "{joy.id}" whose lastName is "Young"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name.familyName", "value": "Younger"}]}
      """
    Then the response status is 200
    And the response JSON at "name.familyName" is "Younger"
    And Webex holds the person "{joy.id}" whose lastName is "Younger"

  @seed
  Scenario: Mapping 316 — name.givenName ↔ firstName
    Given a SCIM user "joy" exists with:
      """
      {"name": {"givenName": "Joy", "familyName": "Young"}}
      """
    Then Webex holds the person "{joy.id}" whose firstName is "Joy"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name.givenName", "value": "Joyce"}]}
      """
    Then the response status is 200
    And the response JSON at "name.givenName" is "Joyce"
    And Webex holds the person "{joy.id}" whose firstName is "Joyce"

  @seed
  Scenario: Mapping 316 — name.formatted ← "firstName lastName" (read-only)
    Given a Webex person "joy" exists with:
      """
      {"firstName": "Joy", "lastName": "Young"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "name.formatted" is "Joy Young"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "name.formatted", "value": "Somebody Else"}]}
      """
    # Derived, so a value sent for it is ignored (RFC 7644 §3.5.1; Entra's default mapping sends
    # it): 200, and the answer shows the name Webex still holds.
    Then the response status is 200
    And the response JSON at "name.formatted" is "Joy Young"
    And Webex holds the person "{joy.id}" with:
      | firstName | "Joy"   |
      | lastName  | "Young" |

  @seed
  Scenario: Mapping 316 — displayName ↔ displayName
    Given a SCIM user "joy" exists with:
      """
      {"displayName": "{prefix}Joy Young"}
      """
    Then Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy Young"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy Y."}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Joy Y."
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}Joy Y."

  @seed
  Scenario: Mapping 316 — nickName ↔ nickName, which Webex sets to firstName on every update (WX08)
    Given a SCIM user "joy" exists with:
      """
      {"name": {"givenName": "Joy", "familyName": "Young"}, "nickName": "JJ"}
      """
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "nickName" as "webexNick"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "nickName" is "{webexNick}"
    And the response JSON at "nickName" is "Joy"

  @seed
  Scenario: Mapping 316 — emails[0].value ↔ emails[0], the same Webex field as userName
    Given a SCIM user "joy" exists
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "emails.#" is 1
    And the response JSON at "emails.0.value" is "{joy}"
    And the response JSON at "emails.0.primary" is true
    And Webex holds the person "{joy.id}" whose emails is ["{joy}"]

  @seed
  Scenario: Mapping 316 — timezone ↔ timezone
    Given a SCIM user "joy" exists with:
      """
      {"timezone": "Europe/Paris"}
      """
    Then Webex holds the person "{joy.id}" whose timezone is "Europe/Paris"
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "timezone", "value": "America/Chicago"}]}
      """
    Then the response status is 200
    And the response JSON at "timezone" is "America/Chicago"
    And Webex holds the person "{joy.id}" whose timezone is "America/Chicago"

  @seed
  Scenario: Mapping 316 — active ↔ loginEnabled
    Given a SCIM user "joy" exists with:
      """
      {"active": true}
      """
    Then Webex holds the person "{joy.id}" whose loginEnabled is true
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "active", "value": false}]}
      """
    Then the response status is 200
    And the response JSON at "active" is false
    And Webex holds the person "{joy.id}" whose loginEnabled is false

  @seed
  Scenario: Mapping 316 — userType ← type (read-only)
    Given a Webex person "joy" exists
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "type" as "webexType"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "userType" is "{webexType}"

  @seed
  Scenario: Mapping 316 — roles[].value ↔ roles[]
    Given I send "GET" to Webex "/roles"
    And I remember the response JSON at "items.0.id" as "roleId"
    And a SCIM user "joy" exists with:
      """
      {"roles": [{"value": "{roleId}"}]}
      """
    Then Webex holds the person "{joy.id}" whose roles is ["{roleId}"]
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response JSON at "roles.#.value" is ["{roleId}"]
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "remove", "path": "roles[value eq \"{roleId}\"]"}]}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" whose roles does not contain "{roleId}"

  @seed
  Scenario: Mapping 316 — entitlements[].value ↔ licenses[]
    Given I send "GET" to Webex "/licenses"
    And I remember the response JSON at "items.0.id" as "licenceId"
    And a SCIM user "joy" exists with:
      """
      {"entitlements": [{"value": "{licenceId}"}]}
      """
    Then Webex holds the person "{joy.id}" whose licenses is ["{licenceId}"]
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response JSON at "entitlements.#.value" is ["{licenceId}"]

  @seed
  Scenario: Mapping 316 — photos[].value ↔ avatar
    Given a SCIM user "joy" exists with:
      """
      {"photos": [{"value": "https://avatars.example.com/{prefix}joy.png", "type": "photo", "primary": true}]}
      """
    Then Webex holds the person "{joy.id}" whose avatar is "https://avatars.example.com/{prefix}joy.png"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response JSON at "photos.0.value" is "https://avatars.example.com/{prefix}joy.png"

  @seed
  Scenario: Mapping 316 — userExtension.organization ← orgId (read-only)
    Given a Webex person "joy" exists
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "orgId" as "orgId"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "schemas" contains "urn:scim:schemas:extension:webex:2.0:User"
    And the response JSON at "urn:scim:schemas:extension:webex:2\.0:User.organization" is "{orgId}"

  @seed
  Scenario: Mapping 316 — userExtension.status ← status (read-only)
    Given a Webex person "joy" exists
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "status" as "webexStatus"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "urn:scim:schemas:extension:webex:2\.0:User.status" is "{webexStatus}"

  @seed
  Scenario: Mapping 316 — meta.created ← created
    Given a SCIM user "joy" exists
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "created" as "created"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "meta.created" is the instant "{created}"

  @seed
  Scenario: Mapping 316 — meta.lastModified ← lastModified
    Given a SCIM user "joy" exists
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy changed"}]}
      """
    Then the response status is 200
    When I send "GET" to Webex "/people/{joy.id}"
    And I remember the response JSON at "lastModified" as "lastModified"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "meta.lastModified" is the instant "{lastModified}"
