@WX17 @mock-only
Feature: WX17 — 429 with an integer Retry-After when rate-limited
  Webex documentation: over its rate limits Webex answers 429 with Retry-After in seconds
  (design §3.9: the connector waits and retries, bounded).

  Scenario: A rate-limited request is 429 with Retry-After, and the next one is served
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "GET", "path": "/v1/people/me", "times": 1, "retry_after": 2}
      """
    When I send "GET" to Webex "/people/me"
    Then the response status is 429
    And the response header "Retry-After" is "2"
    And the response is a Webex error
    When I send "GET" to Webex "/people/me"
    Then the response status is 200

  Scenario: The fault touches only the method and path it names
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "POST", "path": "/v1/teams", "times": 1, "retry_after": 7}
      """
    When I send "GET" to Webex "/teams"
    Then the response status is 200
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}throttled"}
      """
    Then the response status is 429
    And the response header "Retry-After" matches `^[0-9]+$`
    When I send "GET" to Webex "/teams?max=1000"
    Then the response JSON at "items.#.name" does not contain "{prefix}throttled"

  Scenario: Over the per-token rate, requests are 429
    Given the Webex fake runs with the settings:
      """
      {"rateLimit": 1}
      """
    When I send "GET" to Webex "/people/me"
    And I send "GET" to Webex "/people/me" until the response status is 429
    Then the response header "Retry-After" matches `^[1-9][0-9]*$`
    And the response is a Webex error
