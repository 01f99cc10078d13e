@WX20
Feature: WX20 — a group member id that is no person is 400 (inferred)
  A Control Hub group POST or PATCH naming a person id that does not exist answers 400 naming the
  id, and nothing changes. The spec is silent; the status is inferred (control-hub-groups-facts §3).

  Background:
    Given a Webex person "alice" exists
    And a Webex person "bob" exists

  Scenario: A group member id that is no person is 400 and nothing is created
    Given I remember an unknown Webex person id as "ghost"
    When I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Ghosts", "members": [{"id": "{alice.id}"}, {"id": "{ghost}"}]}
      """
    Then the response status is 400
    And the response is a Webex error
    When I send "GET" to Webex "/groups?filter=displayName%20eq%20%22{prefix}Ghosts%22"
    Then the response JSON at "totalResults" is 0
