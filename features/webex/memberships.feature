Feature: Webex team memberships
  The plain behaviour of /team/memberships (official spec: Team Memberships). A SCIM Group's
  members are its team's memberships (design §4.2).

  Background:
    Given a Webex team "red" exists
    And a Webex person "alice" exists

  Scenario: Add a member
    When I send "POST" to Webex "/team/memberships" with body:
      """
      {"teamId": "{red.id}", "personId": "{alice.id}"}
      """
    Then the response status is 200
    And the response JSON at "id" matches `^[A-Za-z0-9_-]+$`
    And the response JSON at "teamId" is "{red.id}"
    And the response JSON at "personId" is "{alice.id}"
    And the response JSON at "personEmail" is "{alice}"
    And the response JSON at "personDisplayName" is "{alice.displayName}"
    And the response JSON at "isModerator" is false
    And the response JSON at "created" matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`

  Scenario: Add a member by email
    When I send "POST" to Webex "/team/memberships" with body:
      """
      {"teamId": "{red.id}", "personEmail": "{alice}", "isModerator": true}
      """
    Then the response status is 200
    And the response JSON at "personId" is "{alice.id}"
    And the response JSON at "isModerator" is true

  Scenario: List a team's memberships; isModerator is always a JSON boolean
    Given "alice" is a member of the Webex team "red"
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response status is 200
    And the response JSON at "items.#.personId" contains "{alice.id}"
    And the response JSON at "items.#(personId=={alice.id}).isModerator" is false
    And the response JSON at "items.#(personId=={admin.id}).isModerator" is true

  Scenario: Read a membership
    Given "alice" is a member of the Webex team "red"
    When I send "GET" to Webex "/team/memberships/{red.alice.membership}"
    Then the response status is 200
    And the response JSON at "id" is "{red.alice.membership}"
    And the response JSON at "teamId" is "{red.id}"
    And the response JSON at "isModerator" is false

  Scenario: Make a member a moderator
    Given "alice" is a member of the Webex team "red"
    When I send "PUT" to Webex "/team/memberships/{red.alice.membership}" with body:
      """
      {"isModerator": true}
      """
    Then the response status is 200
    And the response JSON at "isModerator" is true
    When I send "GET" to Webex "/team/memberships/{red.alice.membership}"
    Then the response JSON at "isModerator" is true

  Scenario: Remove a member
    Given "alice" is a member of the Webex team "red"
    When I send "DELETE" to Webex "/team/memberships/{red.alice.membership}"
    Then the response status is 204
    And the response body is empty
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response status is 200
    And the response JSON at "items.#.personId" does not contain "{alice.id}"

  Scenario: Memberships page with a Link next URL that keeps teamId
    Given a Webex person "bob" exists
    And a Webex person "carol" exists
    And "alice" is a member of the Webex team "red"
    And "bob" is a member of the Webex team "red"
    And "carol" is a member of the Webex team "red"
    When I send "GET" to Webex "/team/memberships?teamId={red.id}&max=3"
    Then the response status is 200
    And the response JSON at "items.#" is 3
    And the response has a next link
    And the next link carries "teamId={red.id}"
    When I follow the next link
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response has no next link

  Scenario: A membership nobody has is 404
    Given I remember an unknown Webex membership id as "ghost"
    When I send "GET" to Webex "/team/memberships/{ghost}"
    Then the response status is 404
    And the response is a Webex error

  Scenario: Deleting a person deletes their team memberships
    Given "alice" is a member of the Webex team "red"
    When I send "DELETE" to Webex "/people/{alice.id}"
    Then the response status is 204
    When I send "GET" to Webex "/team/memberships/{red.alice.membership}"
    Then the response status is 404
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response JSON at "items.#.personId" does not contain "{alice.id}"
