Feature: Webex authentication
  Every API call needs Authorization: Bearer <access token>. A bad token is 401 (never 403),
  in Webex's error envelope (design §5 wire details). WX16 checks the exact message.

  @read-only
  Scenario: A valid token is served
    When I send "GET" to Webex "/people/me"
    Then the response status is 200

  @read-only
  Scenario Outline: A missing or unusable token is 401 on <path>
    When I send "GET" to Webex "<path>" with the token "not-a-token-anyone-issued"
    Then the response status is 401
    And the response is a Webex error

    Examples:
      | path                |
      | /people/me          |
      | /people             |
      | /teams              |
      | /roles              |
      | /licenses           |

  @read-only
  Scenario: No Authorization header is 401
    When I send "GET" to Webex "/teams" without a token
    Then the response status is 401
    And the response is a Webex error

  Scenario: A write with an unknown token is 401 and changes nothing
    When I send "POST" to Webex "/teams" with the token "not-a-token-anyone-issued" and body:
      """
      {"name": "{prefix}intruders"}
      """
    Then the response status is 401
    And the response is a Webex error
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#.name" does not contain "{prefix}intruders"

  @read-only
  Scenario: Another scheme than Bearer is 401
    Given I set the request header "Authorization" to "Basic bW9jay1jbGllbnQtaWQ6bW9jay1jbGllbnQtc2VjcmV0"
    When I send "GET" to Webex "/people/me" without a token
    Then the response status is 401
    And the response is a Webex error
