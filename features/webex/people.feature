Feature: Webex people
  The plain behaviour of /people that a connector relies on (design §5 wire details; official
  spec: People). Everything a scenario creates carries its prefix and is deleted afterwards.

  Scenario: Create a person
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}carol@example.com"], "displayName": "{prefix}Carol Example",
       "firstName": "Carol", "lastName": "Example", "title": "Engineer"}
      """
    Then the response status is 200
    And the response JSON at "id" matches `^[A-Za-z0-9_-]+$`
    And the response JSON at "emails" is ["{prefix}carol@example.com"]
    And the response JSON at "displayName" is "{prefix}Carol Example"
    And the response JSON at "firstName" is "Carol"
    And the response JSON at "lastName" is "Example"
    And the response JSON at "title" is "Engineer"
    And the response JSON at "orgId" is a string
    And the response JSON at "loginEnabled" is a boolean
    And the response JSON at "invitePending" is a boolean
    And the response JSON at "created" matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`

  Scenario: A person's id is a Webex id, and the bare uuid inside it reads the same person
    Given a Webex person "alice" exists
    When I remember the uuid inside the Webex person id "{alice.id}" as "aliceUuid"
    And I send "GET" to Webex "/people/{aliceUuid}"
    Then the response status is 200
    And the response JSON at "id" is "{alice.id}"

  Scenario: Read a person by id
    Given a Webex person "alice" exists
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 200
    And the response JSON at "id" is "{alice.id}"
    And the response JSON at "emails" is ["{alice}"]
    And the response JSON at "displayName" is "{alice.displayName}"
    And the response JSON at "lastModified" matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`

  @read-only
  Scenario: Read the caller
    When I send "GET" to Webex "/people/me"
    Then the response status is 200
    And the response JSON at "id" is "{admin.id}"
    And the response JSON at "emails" is ["{admin.email}"]

  Scenario: Find a person by email
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And eventually the response JSON at "items.#" is 1
    And the response JSON at "items.0.id" is "{alice.id}"

  @read-only
  Scenario: An email nobody has finds nobody
    When I send "GET" to Webex "/people?email={prefix}nobody@example.com"
    Then the response status is 200
    And the response JSON at "items" is []

  Scenario: Replace a person
    Given a Webex person "alice" exists
    When I send "PUT" to Webex "/people/{alice.id}" with body:
      """
      {"emails": ["{alice}"], "displayName": "{prefix}Alice Renamed", "firstName": "Alice",
       "lastName": "Renamed"}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Alice Renamed"
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Alice Renamed"
    And the response JSON at "lastName" is "Renamed"

  Scenario: Delete a person
    Given a Webex person "alice" exists
    When I send "DELETE" to Webex "/people/{alice.id}"
    Then the response status is 204
    And the response body is empty
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 404
    And the response is a Webex error

  Scenario: A person nobody has is 404 in Webex's error envelope
    Given I remember an unknown Webex person id as "ghost"
    When I send "GET" to Webex "/people/{ghost}"
    Then the response status is 404
    And the response is a Webex error
    And the response header "Content-Type" matches `^application/json`
    And the response JSON at "errors" is an array

  Scenario: Lists page with an absolute Link next URL that keeps the query
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    And a Webex person "carol" exists
    When I send "GET" to Webex "/people?displayName={prefix}&max=2"
    Then the response status is 200
    And the response JSON at "items.#" is 2
    And the response has a next link
    And the next link carries "displayName={prefix}"
    And the next link carries "max=2"
    And the next link carries "cursor"
    When I follow the next link
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response has no next link

  Scenario: A next URL with the original query added again is served
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    And a Webex person "carol" exists
    When I send "GET" to Webex "/people?displayName={prefix}&max=2"
    Then the response status is 200
    When I follow the next link with "displayName={prefix}&max=2" added to its query
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response has no next link

  Scenario: The last page has no Link header
    Given a Webex person "alice" exists
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And the response header "Link" is absent

  Scenario: A GET that carries a JSON Content-Type and no body is served
    Given a Webex person "alice" exists
    And I set the request header "Content-Type" to "application/json;charset=utf-8"
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 200
    And the response JSON at "id" is "{alice.id}"

  Scenario: Paths with a trailing slash are served
    Given a Webex person "alice" exists
    When I send "GET" to Webex "/people/?email={alice}"
    Then the response status is 200
    And eventually the response JSON at "items.0.id" is "{alice.id}"
