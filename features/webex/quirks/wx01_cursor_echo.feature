@WX01
Feature: WX01 — an undecodable cursor is echoed back, not refused
  Vendor page, limitations: "If the wrong cursor is passed in the request, the cloud instance
  does not validate it as an error." Webex answers 200 with no items and a next link that
  carries the same cursor back, so a client that follows next links blindly loops forever.

  @read-only
  Scenario: An undecodable cursor answers an empty page whose next link carries it back
    When I send "GET" to Webex "/people?max=2&cursor=not-a-cursor"
    Then the response status is 200
    And the response JSON at "items" is []
    And the response has a next link
    And the next link carries "cursor=not-a-cursor"

  @read-only
  Scenario: Following the echoed link gives the same empty page again
    When I send "GET" to Webex "/teams?cursor=garbage"
    Then the response status is 200
    And the response JSON at "items" is []
    And the next link carries "cursor=garbage"
    When I follow the next link
    Then the response status is 200
    And the response JSON at "items" is []
    And the next link carries "cursor=garbage"
