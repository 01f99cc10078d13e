@WX15
Feature: WX15 — team lists show only the caller's teams; memberships need teamId and membership
  Official spec: GET /teams lists "teams to which the authenticated user belongs";
  GET /team/memberships requires teamId. Even an organisation's full administrator sees only
  their own teams, which is why the connector can only manage teams its account belongs to.

  @read-only
  Scenario: Listing memberships without teamId is 400
    When I send "GET" to Webex "/team/memberships"
    Then the response status is 400
    And the response is a Webex error

  @mock-only
  Scenario: Another person's team is not in the admin's list, nor are its memberships readable
    Given a Webex person "bob" exists
    And "bob" has a Webex access token
    And I send "POST" to Webex "/teams" as "bob" with body:
      """
      {"name": "{prefix}bobs"}
      """
    And the response status is 200
    And I remember the response JSON at "id" as "bobsTeam"
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#.id" does not contain "{bobsTeam}"
    When I send "GET" to Webex "/team/memberships?teamId={bobsTeam}"
    Then the response status is 404
    And the response is a Webex error

  @mock-only
  Scenario: A plain person lists only the teams they belong to
    Given a Webex team "red" exists
    And a Webex team "blue" exists
    And a Webex person "bob" exists
    And "bob" is a member of the Webex team "red"
    And "bob" has a Webex access token
    When I send "GET" to Webex "/teams?max=1000" as "bob"
    Then the response status is 200
    And the response JSON at "items.#.id" is ["{red.id}"]
