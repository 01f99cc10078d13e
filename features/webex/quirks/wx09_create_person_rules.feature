@WX09
Feature: WX09 — POST /people: one email, a name, 200, and a pending person
  Official spec and observed behaviour: emails holds exactly one address and one of
  displayName, firstName, lastName is required (400 otherwise); the answer is 200, not 201; a
  new person is pending: status "pending", invitePending true, loginEnabled false (JSON
  booleans, although the spec says strings). Vendor page: "Webex User creation requires you to
  pass either of one of the following attributes".

  Scenario: A new person is created with 200 and is pending
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}newcomer@example.com"], "firstName": "New"}
      """
    Then the response status is 200
    And the response JSON at "status" is "pending"
    And the response JSON at "invitePending" is true
    And the response JSON at "loginEnabled" is false

  Scenario: Without emails the create is 400
    When I send "POST" to Webex "/people" with body:
      """
      {"displayName": "{prefix}Nobody"}
      """
    Then the response status is 400
    And the response is a Webex error

  Scenario: With two emails the create is 400
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}one@example.com", "{prefix}two@example.com"], "displayName": "{prefix}Two"}
      """
    Then the response status is 400
    And the response is a Webex error
    When I send "GET" to Webex "/people?email={prefix}one@example.com"
    Then the response JSON at "items" is []

  Scenario: Without any name the create is 400
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}nameless@example.com"]}
      """
    Then the response status is 400
    And the response is a Webex error
    When I send "GET" to Webex "/people?email={prefix}nameless@example.com"
    Then the response JSON at "items" is []

  Scenario Outline: Any one of the names is enough: <field>
    When I send "POST" to Webex "/people" with body:
      """
      {"emails": ["{prefix}<local>@example.com"], "<field>": "{prefix}Named"}
      """
    Then the response status is 200

    Examples:
      | field       | local   |
      | displayName | dname   |
      | firstName   | fname   |
      | lastName    | lname   |
