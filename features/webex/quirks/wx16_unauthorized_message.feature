@WX16
Feature: WX16 — 401 with Webex's verbatim message, whatever is wrong with the token
  Observed behaviour: a missing, unknown or expired token is 401 (never 403) with the message
  "The request requires a valid access token set in the Authorization request header."

  @read-only
  Scenario: A missing token
    When I send "GET" to Webex "/people/me" without a token
    Then the response status is 401
    And the response is a Webex error with the message "The request requires a valid access token set in the Authorization request header."

  @read-only
  Scenario: An unknown token
    When I send "GET" to Webex "/people/me" with the token "not-a-token-anyone-issued"
    Then the response status is 401
    And the response is a Webex error with the message "The request requires a valid access token set in the Authorization request header."

  @mock-only
  Scenario: An expired token
    Given the Webex fake injects the fault:
      """
      {"name": "token_expired", "method": "GET", "path": "/v1/people/me", "times": 1}
      """
    When I send "GET" to Webex "/people/me"
    Then the response status is 401
    And the response is a Webex error with the message "The request requires a valid access token set in the Authorization request header."

  @mock-only
  Scenario: The token of a person who was deleted
    Given a Webex person "bob" exists
    And "bob" has a Webex access token
    And I send "DELETE" to Webex "/people/{bob.id}"
    And the response status is 204
    When I send "GET" to Webex "/people/me" as "bob"
    Then the response status is 401
    And the response is a Webex error with the message "The request requires a valid access token set in the Authorization request header."
