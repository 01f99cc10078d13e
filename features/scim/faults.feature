@mock-only
Feature: Webex faults, as the SCIM client sees them (design §3.9)
  429: the connector waits for Retry-After and retries, a few times within a bounded wait; when
  that is not enough, the SCIM client gets 429 with Retry-After. 5xx and dropped connections on
  reads are retried with backoff; a create is never retried blindly. Webex's 401 means the
  connector's own credentials failed: 503, not 401.

  Background:
    Given a SCIM user "joy" exists

  Scenario: A rate-limited read is retried after Retry-After and succeeds
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "GET", "path": "/v1/people/{joy.id}", "times": 1, "retry_after": 1}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"
    When I send "GET" to Webex "/_mock/requests"
    Then the response JSON at "items.#(method==GET)#|#(path==/v1/people/{joy.id})#.status" is [429, 200]

  Scenario: A rate-limited write is retried too: nothing was done
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "PUT", "path": "/v1/people/{joy.id}", "times": 1, "retry_after": 1}
      """
    When I send "PATCH" to SCIM "/Users/{joy.id}" with body:
      """
      {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
       "Operations": [{"op": "replace", "path": "displayName", "value": "{prefix}after 429"}]}
      """
    Then the response status is 200
    And Webex holds the person "{joy.id}" whose displayName is "{prefix}after 429"

  Scenario: When Webex asks to wait longer than the connector may, the client gets 429 with Retry-After
    Given the Webex fake injects the fault:
      """
      {"name": "rate_limit", "method": "GET", "path": "/v1/people/{joy.id}", "retry_after": 40}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 429
    And the response header "Retry-After" is "40"
    And the response is a SCIM error

  Scenario Outline: A read that fails with <status> is retried and succeeds
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "method": "GET", "path": "/v1/people/{joy.id}", "times": 1, "status": <status>}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200
    And the response JSON at "id" is "{joy.id}"

    Examples:
      | status |
      | 502    |
      | 503    |
      | 504    |
      | 500    |

  Scenario: A read whose connection drops is retried and succeeds
    Given the Webex fake injects the fault:
      """
      {"name": "drop_connection", "method": "GET", "path": "/v1/people/{joy.id}", "times": 1}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 200

  Scenario: A read that keeps failing is 502 with a SCIM error
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "method": "GET", "path": "/v1/people/{joy.id}", "status": 503}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 502
    And the response is a SCIM error
    And the SCIM error's detail mentions "503"

  Scenario: A create that fails with 5xx is not retried blindly, and leaves no person behind
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "method": "POST", "path": "/v1/people", "times": 1, "status": 503}
      """
    When I send "POST" to SCIM "/Users" with body:
      """
      {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{prefix}kim@example.com", "displayName": "Kim"}
      """
    Then the response status is 502
    And the response is a SCIM error
    And Webex holds no person with email "{prefix}kim@example.com"
    When I send "GET" to Webex "/_mock/requests"
    Then the response JSON at "items.#(method==POST)#|#(path==/v1/people)#|#(body%*{prefix}kim@example.com*)#|#" is 1

  Scenario: Webex refusing the connector's token is 503 for the SCIM client, not 401
    Given the Webex fake injects the fault:
      """
      {"name": "token_expired", "method": "GET", "path": "/v1/people/{joy.id}"}
      """
    When I send "GET" to SCIM "/Users/{joy.id}"
    Then the response status is 503
    And the response is a SCIM error
    And the response header "WWW-Authenticate" is absent
