@WX04
Feature: WX04 — the last moderator cannot leave or be demoted while others remain
  Vendor page, limitations: "The last moderator of a group can leave the group or can be
  unassigned from the group only if there are no members in the group." Webex answers 409.

  Background:
    Given a Webex team "red" exists
    And a Webex person "alice" exists
    And "alice" is a member of the Webex team "red"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "adminMembership"

  Scenario: Demoting the last moderator while a member remains is 409
    When I send "PUT" to Webex "/team/memberships/{adminMembership}" with body:
      """
      {"isModerator": false}
      """
    Then the response status is 409
    And the response is a Webex error
    When I send "GET" to Webex "/team/memberships/{adminMembership}"
    Then the response JSON at "isModerator" is true

  Scenario: The last moderator leaving while a member remains is 409
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}"
    Then the response status is 409
    And the response is a Webex error
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response JSON at "items.#.personId" contains "{admin.id}"

  # Mock-only: once the admin has stepped down, only the other moderator can delete the team
  # afterwards, so that moderator must be someone the scenario can act as.
  @mock-only
  Scenario: With a second moderator, the first may step down
    Given a Webex person "bob" exists
    And "bob" is a moderator of the Webex team "red"
    And "bob" has a Webex access token
    When I send "PUT" to Webex "/team/memberships/{adminMembership}" with body:
      """
      {"isModerator": false}
      """
    Then the response status is 200
    And the response JSON at "isModerator" is false

  Scenario: Once the other members are gone, the last moderator may leave
    Given I send "DELETE" to Webex "/team/memberships/{red.alice.membership}"
    And the response status is 204
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}"
    Then the response status is 204
