@WX02
Feature: WX02 — a cursor from another listing is not checked
  Vendor page, limitations: "Sometimes, even though the wrong cursor is passed in the request,
  the cloud instance returns the resources." A decodable cursor taken from one listing and
  sent to another answers 200 with the items from the position it encodes.

  Scenario: A cursor of a filtered people listing is accepted by another people listing
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    And a Webex person "carol" exists
    When I send "GET" to Webex "/people?displayName={prefix}&max=1"
    Then the response status is 200
    And I remember the query parameter "cursor" of the next link as "cursor"
    When I send "GET" to Webex "/people?email={carol}&cursor={cursor}"
    Then the response status is 200
    And the response JSON at "items" is an array

  Scenario: A people cursor is accepted by the teams listing
    Given a Webex person "alice" exists
    And a Webex person "bob" exists
    And a Webex team "red" exists
    When I send "GET" to Webex "/people?displayName={prefix}&max=1"
    Then the response status is 200
    And I remember the query parameter "cursor" of the next link as "cursor"
    When I send "GET" to Webex "/teams?cursor={cursor}"
    Then the response status is 200
    And the response JSON at "items" is an array
