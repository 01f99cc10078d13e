@WX12
Feature: WX12 — an over-large max is clamped, not refused
  Webex documentation: max above an endpoint's maximum is clamped to it (design §5 paging). A
  client asking for "everything" still gets a page.

  Scenario Outline: A huge max on <path> is a normal page
    Given a Webex team "red" exists
    When I send "GET" to Webex "<path>"
    Then the response status is 200
    And the response JSON at "items" is an array
    And the response JSON at "items.#" is at least 1
    And the response JSON at "items.#" is at most 1000

    Examples:
      | path                                         |
      | /people?max=1000000                          |
      | /teams?max=1000000                           |
      | /team/memberships?teamId={red.id}&max=1000000 |

  @read-only
  Scenario: max that is not a positive number is still refused
    When I send "GET" to Webex "/people?max=0"
    Then the response status is 400
    And the response is a Webex error
