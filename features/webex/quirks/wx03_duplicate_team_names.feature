@WX03
Feature: WX03 — several teams may have the same name
  Vendor page, limitations: "Multiple groups with the same name can be created due to target
  system behavior." (design §3.7: POST /Groups with an existing displayName is still created.)

  Scenario: Creating a team with a name another team has gives a second team
    Given a Webex team "red" exists
    When I send "POST" to Webex "/teams" with body:
      """
      {"name": "{red.name}"}
      """
    Then the response status is 200
    And the response JSON at "name" is "{red.name}"
    And I remember the response JSON at "id" as "twinId"
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#(name=={red.name})#|#" is 2
    And the response JSON at "items.#.id" contains "{red.id}"
    And the response JSON at "items.#.id" contains "{twinId}"

  Scenario: Renaming a team to a name another team has is allowed
    Given a Webex team "red" exists
    And a Webex team "blue" exists
    When I send "PUT" to Webex "/teams/{blue.id}" with body:
      """
      {"name": "{red.name}"}
      """
    Then the response status is 200
    And the response JSON at "name" is "{red.name}"
