@WX11
Feature: WX11 — the account that creates a team becomes its member and moderator
  Official spec and observed behaviour. (design §3.7: the connector never removes or demotes
  its own membership and hides it from SCIM members.)

  Scenario: The creator is the new team's only member, as moderator
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}fresh"}
      """
    Then the response status is 200
    And I remember the response JSON at "id" as "teamId"
    When I send "GET" to Webex "/team/memberships?teamId={teamId}"
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response JSON at "items.0.personId" is "{admin.id}"
    And the response JSON at "items.0.personEmail" is "{admin.email}"
    And the response JSON at "items.0.isModerator" is true

  @mock-only
  Scenario: Whoever creates the team becomes its moderator
    Given a Webex person "bob" exists
    And "bob" has a Webex access token
    When I send "POST" to Webex "/teams" as "bob" with body:
      """
      {"name": "{prefix}bobs"}
      """
    Then the response status is 200
    And I remember the response JSON at "id" as "teamId"
    When I send "GET" to Webex "/team/memberships?teamId={teamId}" as "bob"
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response JSON at "items.0.personId" is "{bob.id}"
    And the response JSON at "items.0.isModerator" is true
