@WX13
Feature: WX13 — adding a person who is already a member is 409
  Inferred behaviour (design §5); a connector adding members must treat it as "already there".

  Scenario: A second membership of the same person in the same team is 409
    Given a Webex team "red" exists
    And a Webex person "alice" exists
    And "alice" is a member of the Webex team "red"
    When I send "POST" to Webex "/team/memberships" with body:
      """
      {"teamId": "{red.id}", "personId": "{alice.id}"}
      """
    Then the response status is 409
    And the response is a Webex error
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response JSON at "items.#(personId=={alice.id})#|#" is 1

  Scenario: Adding the team's creator again is 409
    Given a Webex team "red" exists
    When I send "POST" to Webex "/team/memberships" with body:
      """
      {"teamId": "{red.id}", "personId": "{admin.id}"}
      """
    Then the response status is 409
    And the response is a Webex error
