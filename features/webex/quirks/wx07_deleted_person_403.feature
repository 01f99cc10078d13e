@WX07
Feature: WX07 — a deleted person answers 403 to PUT and DELETE, 404 to GET
  Vendor page, limitations: "Deleting or updating a deleted user results in error 403 due to
  target system behavior." (design §3.2: the connector translates this into 404.)

  Background:
    Given a Webex person "alice" exists
    And I send "DELETE" to Webex "/people/{alice.id}"
    And the response status is 204

  Scenario: Updating a deleted person is 403
    When I send "PUT" to Webex "/people/{alice.id}" with body:
      """
      {"emails": ["{alice}"], "displayName": "{prefix}Alice Again"}
      """
    Then the response status is 403
    And the response is a Webex error

  Scenario: Deleting a deleted person again is 403
    When I send "DELETE" to Webex "/people/{alice.id}"
    Then the response status is 403
    And the response is a Webex error

  Scenario: Reading a deleted person is 404
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 404
    And the response is a Webex error
