@WX22
Feature: WX22 — adding a member twice or deleting a non-member is a no-op (inferred)
  The spec is silent; SCIM's rule ("if the target already contains the value, no changes") is the
  likely one (control-hub-groups-facts §3). A PATCH that changes nothing leaves lastModified.

  Background:
    Given a Webex person "alice" exists
    And a Webex person "bob" exists

  Scenario: Adding a member twice or deleting a non-member changes nothing
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Idem", "members": [{"id": "{alice.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    And I remember the response JSON at "lastModified" as "before"
    When I send "PATCH" to Webex "/groups/{g}" with body:
      """
      {"members": [{"id": "{alice.id}", "operation": "add"}, {"id": "{bob.id}", "operation": "delete"}]}
      """
    Then the response status is 200
    And the response JSON at "members.#.id" is ["{alice.id}"]
    And the response JSON at "lastModified" is "{before}"
