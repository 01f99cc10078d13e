Feature: Webex organizations
  GET /organizations and /organizations/{id} (Webex admin API: Organizations; "accessed only by
  an admin"), which the Webex SDKs read at start-up.

  Scenario: The admin lists the organization and reads it by id
    When I send "GET" to Webex "/organizations"
    Then the response status is 200
    And the response JSON at "items.#" is at least 1
    And the response JSON at "items.0.id" matches `^[A-Za-z0-9_-]+$`
    And the response JSON at "items.0.displayName" is a string
    And I remember the response JSON at "items.0.id" as "org"
    And I remember the response JSON at "items.0.displayName" as "orgName"
    When I send "GET" to Webex "/organizations/{org}"
    Then the response status is 200
    And the response JSON at "id" is "{org}"
    And the response JSON at "displayName" is "{orgName}"

  Scenario: An organization nobody knows is 404
    When I send "GET" to Webex "/organizations/Y2lzY29zcGFyazovL3VzL09SR0FOSVpBVElPTi8wMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA"
    Then the response status is 404
    And the response is a Webex error

  @mock-only
  Scenario: A person who is no admin may not read organizations
    Given a Webex person "alice" exists
    And "alice" has a Webex access token
    When I send "GET" to Webex "/organizations" as "alice"
    Then the response status is 403
    And the response is a Webex error
