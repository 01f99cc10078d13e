Feature: Webex teams
  The plain behaviour of /teams (official spec: Teams). A SCIM Group is a Webex team
  (design §4.2).

  Scenario: Create a team
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{prefix}Build Squad"}
      """
    Then the response status is 200
    And the response JSON at "id" matches `^[A-Za-z0-9_-]+$`
    And the response JSON at "name" is "{prefix}Build Squad"
    And the response JSON at "created" matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`

  Scenario: A team needs a name
    When I send "POST" to Webex "/teams" with body:
      """
      {"description": "no name"}
      """
    Then the response status is 400
    And the response is a Webex error

  Scenario: Read a team
    Given a Webex team "red" exists
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 200
    And the response JSON at "id" is "{red.id}"
    And the response JSON at "name" is "{red.name}"

  Scenario: The caller's teams are listed
    Given a Webex team "red" exists
    And a Webex team "green" exists
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#.id" contains "{red.id}"
    And the response JSON at "items.#.id" contains "{green.id}"

  Scenario: Rename a team
    Given a Webex team "red" exists
    When I send "PUT" to Webex "/teams/{red.id}" with body:
      """
      {"name": "{prefix}crimson"}
      """
    Then the response status is 200
    And the response JSON at "name" is "{prefix}crimson"
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 200
    And the response JSON at "name" is "{prefix}crimson"

  Scenario: Delete a team
    Given a Webex team "red" exists
    When I send "DELETE" to Webex "/teams/{red.id}"
    Then the response status is 204
    And the response body is empty
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 404
    And the response is a Webex error
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#.id" does not contain "{red.id}"

  Scenario: A team nobody has is 404
    Given I remember an unknown Webex team id as "ghost"
    When I send "GET" to Webex "/teams/{ghost}"
    Then the response status is 404
    And the response is a Webex error

  Scenario: Teams page with a Link next URL
    Given a Webex team "red" exists
    And a Webex team "green" exists
    And a Webex team "blue" exists
    When I send "GET" to Webex "/teams?max=2"
    Then the response status is 200
    And the response JSON at "items.#" is 2
    And the response has a next link
    And the next link carries "max=2"
    When I follow the next link
    Then the response status is 200
    And the response JSON at "items.#" is at least 1
