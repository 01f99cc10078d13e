@WX19
Feature: WX19 — deletions leave lists at once; with list lag, new people show up late
  Inferred behaviour (design §5): a deleted person or team is gone from lists at once; Webex's
  people search is eventually consistent, which the fake shows with -list-lag: a new person is
  listed only after the lag, while GET by id finds them at once.

  Scenario: A deleted person is gone from lists at once
    Given a Webex person "alice" exists
    When I send "DELETE" to Webex "/people/{alice.id}"
    Then the response status is 204
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And the response JSON at "items" is []
    When I send "GET" to Webex "/people?displayName={prefix}"
    Then the response JSON at "items.#.id" does not contain "{alice.id}"

  Scenario: A deleted team is gone from lists at once
    Given a Webex team "red" exists
    When I send "DELETE" to Webex "/teams/{red.id}"
    Then the response status is 204
    When I send "GET" to Webex "/teams?max=1000"
    Then the response JSON at "items.#.id" does not contain "{red.id}"

  @mock-only
  Scenario: With list lag, a new person is found by id at once and listed only after the lag
    Given the Webex fake runs with the settings:
      """
      {"listLag": "1h"}
      """
    And a Webex person "alice" exists
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response status is 200
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And the response JSON at "items" is []
    When the Webex fake's clock moves forward by "61m"
    And I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response JSON at "items.0.id" is "{alice.id}"

  @mock-only
  Scenario: A read-back that may wait sees a new person once the list lag has passed
    Given the Webex fake runs with the settings:
      """
      {"listLag": "1s"}
      """
    And read-backs may wait up to "10s" for Webex's lists
    And a Webex person "alice" exists
    When I send "GET" to Webex "/people?email={alice}"
    Then the response status is 200
    And eventually the response JSON at "items.#" is 1
    And the response JSON at "items.0.id" is "{alice.id}"
