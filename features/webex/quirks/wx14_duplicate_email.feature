@WX14
Feature: WX14 — creating a person whose email already exists is 409
  Inferred behaviour (design §5). SCIM maps it to 409 uniqueness (design §3.9).

  Scenario: The same email twice is 409
    Given a Webex person "alice" exists
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{alice}"], "displayName": "{prefix}Alice Twin"}
      """
    Then the response status is 409
    And the response is a Webex error
    When I send "GET" to Webex "/people?email={alice}"
    Then eventually the response JSON at "items.#" is 1

  Scenario: The same email in other letter case is 409
    Given a Webex person "alice" exists
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{alice|upper}"], "displayName": "{prefix}Alice Twin"}
      """
    Then the response status is 409
    And the response is a Webex error
