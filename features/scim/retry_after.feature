@mock-only
Feature: Every form of Retry-After, and a create Webex applied but answered with an error (design §3.9)
  Webex asks for a wait with Retry-After in seconds; an HTTP date is the other form RFC 9110
  §10.2.3 allows, and answers come without one, or with one that neither form reads. The
  connector waits a bounded time for each (1s when there is nothing usable on a 429, its own
  backoff on a 503, never a busy loop, never hours) and the SCIM client sees the read succeed.
  A create that Webex applied but answered with a 5xx or 400 is found again by email: the SCIM
  client gets its user, and Webex holds one person, not two.

  Background:
    Given a SCIM user "joy" exists

  Scenario Outline: A read rate-limited with Retry-After <form> is retried once and succeeds
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "GET", "path": "/v1/people/{joy.id}", "times": 1, "retry_after": 1, "retry_after_form": "<form>"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    When I send "GET" to Webex "/_mock/requests"
    Then the response JSON at "items.#(method==GET)#|#(path==/v1/people/{joy.id})#.status" is [429, 200]

    Examples:
      | form      |
      | seconds   |
      | date      |
      | missing   |
      | malformed |

  Scenario Outline: A read answered 503 with Retry-After <form> is retried once and succeeds
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "method": "GET", "path": "/v1/people/{joy.id}", "times": 1, "status": 503, "retry_after": 1, "retry_after_form": "<form>"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    When I send "GET" to Webex "/_mock/requests"
    Then the response JSON at "items.#(method==GET)#|#(path==/v1/people/{joy.id})#.status" is [503, 200]

    Examples:
      | form      |
      | seconds   |
      | date      |
      | missing   |
      | malformed |

  Scenario: When Webex asks, by date, to wait longer than the connector may, the client gets 429
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "GET", "path": "/v1/people/{joy.id}", "retry_after": 40, "retry_after_form": "date"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 429
    And the response header "Retry-After" matches `^(39|40|41)$`
    And the response is a SCIM error

  Scenario Outline: A create Webex applied but answered <status> gives the user, and one person
    Given the Webex fake injects the fault:
      """
      {"name": "fail_after_apply", "method": "POST", "path": "/v1/people", "times": 1, "status": <status>}
      """
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}kim@example.com",
       "displayName": "{prefix}Kim", "name": {"givenName": "Kim", "familyName": "Example"}}
      """
    Then the response status is 201
    And the response JSON at "userName" is "{prefix}kim@example.com"
    And I remember the response JSON at "id" as "kim"
    When I send "GET" to Webex "/people?email={prefix}kim@example.com"
    Then the response JSON at "items.#" is 1
    And the response JSON at "items.0.id" is "{kim}"
    When I send "GET" to Webex "/_mock/requests"
    Then the response JSON at "items.#(method==POST)#|#(path==/v1/people)#|#(body%*{prefix}kim@example.com*)#.status" is [<status>]

    Examples:
      | status |
      | 500    |
      | 503    |
      | 400    |
