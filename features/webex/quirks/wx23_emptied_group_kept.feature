@WX23
Feature: WX23 — an emptied group stays, with no members key (partly inferred)
  Webex renders a group without members with no members key (DEV-EMBED's example); that a group
  whose last member leaves is kept, unlike a team (WX05), is inferred (control-hub-groups-facts §1).

  Background:
    Given a Webex person "alice" exists
    And a Webex person "bob" exists

  Scenario: A group whose last member leaves stays, with no members key
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Emptied", "members": [{"id": "{alice.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    When I send "PATCH" to Webex "/groups/{g}" with body:
      """
      {"members": [{"id": "{alice.id}", "operation": "delete"}]}
      """
    Then the response status is 200
    And the response JSON at "memberSize" is 0
    And the response JSON at "members" is absent
    When I send "GET" to Webex "/groups/{g}?includeMembers=true"
    Then the response status is 200
    And the response JSON at "members" is absent
