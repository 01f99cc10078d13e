@seed
Feature: Users — the vendor page's table 312 (Create, Update, Delete, Get User, Get Users)
  A SCIM User is a Webex person (SPEC §3.2, §4.1). Each operation is checked twice: what the
  connector answers, and what Webex then holds, read straight from Webex.

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

  Scenario: Update User — PUT keeps the Webex fields SCIM does not map (WX08 is a full replace)
    Given a Webex person "joy" exists with:
      """
      {"department": "Finance", "title": "Controller", "phoneNumbers": [{"type": "work", "value": "+1 408 555 0199"}]}
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
      | phoneNumbers.0.value | "+1 408 555 0199"   |

  Scenario: Delete User — DELETE /Users/{id} answers 204 and the Webex person is gone
    Given a SCIM user "joy" exists
    When I send "DELETE" to SCIM "/Users/{joy.id}"
    Then the response status is 204
    And the response body is empty
    And Webex holds no person "{joy.id}"
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 404
    And the response is a SCIM error

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

  Scenario: Get Users — GET /Users lists the Webex people, filtered and paged
    Given a SCIM user "joy" exists
    And a SCIM user "kim" exists
    When I send "GET" to SCIM "/Users" with the filter `userName sw "{prefix}"`
    Then the response status is 200
    And the response JSON at "schemas" is ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    And the response JSON at "totalResults" is 2
    And the response JSON at "Resources.#.id" contains "{joy.id}"
    And the response JSON at "Resources.#.id" contains "{kim.id}"
    And Webex holds a person with email "{joy}"
    And Webex holds a person with email "{kim}"

  Scenario: Get Users — without a filter, every Webex person is listed (the seeded admin too)
    When I send "GET" to SCIM "/Users?count=1000"
    Then the response status is 200
    And the response JSON at "totalResults" is at least 1
    And the response JSON at "Resources.#.id" contains "{admin.id}"
