@WX19
Feature: Webex's list lag seen through the connector (design §5 WX19)
  Webex lists a new person only after a while (GET by id finds them at once), and the connector
  answers SCIM filters from those lists, so right after a create a filter may not find the user
  yet. The harness's read-backs may then wait, within WEBEX_LIST_LAG_WAIT or the scenario's own
  wait, reading again with GETs only: these scenarios use the fake's lag to show that they do.

  @mock-only
  Scenario: A new user is found by a userName filter once Webex lists them
    Given the Webex fake runs with the settings:
      """
      {"listLag": "1s"}
      """
    And read-backs may wait up to "10s" for Webex's lists
    And a SCIM user "alice" exists
    When I send "GET" to SCIM "/Users/{alice.id}"
    Then the response status is 200
    When I send "GET" to SCIM "/Users" with the filter `userName eq "{alice}"`
    Then the response status is 200
    And eventually the response JSON at "totalResults" is 1
    And the response JSON at "Resources.0.id" is "{alice.id}"
    And Webex holds a person with email "{alice}" whose id is "{alice.id}"
