@WX08
Feature: WX08 — PUT /people/{id} is a full replace
  Official spec and observed behaviour: optional fields left out of a PUT are cleared,
  displayName is required, and nickName is set to firstName. (design §3.2: the connector reads
  first and carries unmapped fields over, so that nothing is wiped.)

  Background:
    Given a Webex person "alice" exists with:
      """
      {"title": "Engineer", "department": "R&D", "nickName": "Ally"}
      """

  Scenario: Fields left out of a PUT are cleared
    When I send "PUT" to Webex "/people/{alice.id}" with body:
      """
      {"emails": ["{alice}"], "displayName": "{alice.displayName}", "firstName": "Alice"}
      """
    Then the response status is 200
    And the response JSON at "title" is absent
    And the response JSON at "department" is absent
    And the response JSON at "lastName" is absent
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response JSON at "title" is absent
    And the response JSON at "department" is absent

  Scenario: nickName is set to firstName
    When I send "PUT" to Webex "/people/{alice.id}" with body:
      """
      {"emails": ["{alice}"], "displayName": "{alice.displayName}", "firstName": "Alicia",
       "lastName": "Example", "nickName": "Ally"}
      """
    Then the response status is 200
    And the response JSON at "nickName" is "Alicia"

  Scenario: A PUT without displayName is 400 and changes nothing
    When I send "PUT" to Webex "/people/{alice.id}" with body:
      """
      {"emails": ["{alice}"], "firstName": "Alice", "lastName": "Example"}
      """
    Then the response status is 400
    And the response is a Webex error
    When I send "GET" to Webex "/people/{alice.id}"
    Then the response JSON at "title" is "Engineer"
