Feature: Attribute selection — attributes and excludedAttributes (RFC 7644 §3.9, design §3.5)
  id and schemas are always returned; names match without regard to case; selection applies to
  GET, lists, POST, PUT and PATCH answers.

  Background:
    Given a SCIM user "joy" exists with:
      """
      {"name": {"givenName": "Joy", "familyName": "Young"}, "timezone": "Europe/Paris"}
      """

  Scenario: attributes returns only what is asked, with id and schemas
    When I send "GET" to SCIM "/Users/{joy.id}?attributes=userName"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    And the response JSON at "schemas" exists
    And the response JSON at "userName" is "{joy}"
    And the response JSON at "name" is absent
    And the response JSON at "displayName" is absent
    And the response JSON at "timezone" is absent

  Scenario: attributes names a sub-attribute
    When I send "GET" to SCIM "/Users/{joy.id}?attributes=name.familyName"
    Then the response status is 200
    And the response JSON at "name.familyName" is "Young"
    And the response JSON at "name.givenName" is absent
    And the response JSON at "userName" is absent

  Scenario: Attribute names match without regard to case
    When I send "GET" to SCIM "/Users/{joy.id}?attributes=USERNAME,TimeZone"
    Then the response status is 200
    And the response JSON at "userName" is "{joy}"
    And the response JSON at "timezone" is "Europe/Paris"
    And the response JSON at "name" is absent

  Scenario: excludedAttributes leaves out what is named and keeps the rest
    When I send "GET" to SCIM "/Users/{joy.id}?excludedAttributes=name,timezone"
    Then the response status is 200
    And the response JSON at "name" is absent
    And the response JSON at "timezone" is absent
    And the response JSON at "userName" is "{joy}"
    And the response JSON at "id" is "{joy.id}"

  Scenario: id cannot be excluded (returned: always)
    When I send "GET" to SCIM "/Users/{joy.id}?excludedAttributes=id"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"

  Scenario: An extension attribute is selected by its full name
    When I send "GET" to SCIM "/Users/{joy.id}?attributes=urn:scim:schemas:extension:webex:2.0:User:status"
    Then the response status is 200
    And the response JSON at "urn:scim:schemas:extension:webex:2\.0:User.status" is a string
    And the response JSON at "userName" is absent

  Scenario: Selection applies to every resource of a list
    When I send "GET" to SCIM "/Users?attributes=userName" with the filter `userName eq "{joy}"`
    Then the response status is 200
    And the response JSON at "Resources.0.userName" is "{joy}"
    And the response JSON at "Resources.0.id" is "{joy.id}"
    And the response JSON at "Resources.0.name" is absent

  Scenario: Selection applies to the answer of a POST
    When I send "POST" to SCIM "/Users?attributes=userName" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}kim@example.com", "displayName": "Kim"}
      """
    Then the response status is 201
    And the response JSON at "userName" is "{prefix}kim@example.com"
    And the response JSON at "displayName" is absent
    And Webex holds a person with email "{prefix}kim@example.com" whose displayName is "Kim"

  Scenario: Selection applies to the answer of a PATCH
    When I send "PATCH" to SCIM "/Users/{joy.id}?excludedAttributes=name" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}Joy Y."}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Joy Y."
    And the response JSON at "name" is absent

  @group-kinds
  Scenario: A group answered without members (what Entra asks for)
    Given a SCIM group "red" exists with the members "joy"
    When I send "GET" to SCIM "/Groups/{red.id}?excludedAttributes=members"
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}red"
    And the response JSON at "members" is absent
    When I send "GET" to SCIM "/Groups/{red.id}?attributes=members"
    Then the response status is 200
    And the response JSON at "members.#.value" is ["{joy.id}"]
    And the response JSON at "displayName" is absent
