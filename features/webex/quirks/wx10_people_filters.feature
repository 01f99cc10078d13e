@WX10
Feature: WX10 — GET /people filters: exact email, displayName prefix, id lists
  Official spec: email matches exactly (case-insensitively), displayName by prefix, id takes
  up to 85 ids, comma-separated (design §5: repeated id= parameters too), and unknown ids are
  reported in notFoundIds. (design §3.3 pushes these filters down.)

  Background:
    Given a Webex person "alice" exists
    And a Webex person "alicia" exists
    And a Webex person "bob" exists

  Scenario: email matches exactly, whatever the case
    When I send "GET" to Webex "/people?email={alice|upper}"
    Then the response status is 200
    And eventually the response JSON at "items.#" is 1
    And the response JSON at "items.0.id" is "{alice.id}"

  Scenario: email does not match a prefix
    When I send "GET" to Webex "/people?email={prefix}ali"
    Then the response status is 200
    And the response JSON at "items" is []

  Scenario: displayName matches by prefix
    When I send "GET" to Webex "/people?displayName={prefix}Ali"
    Then the response status is 200
    And eventually the response JSON at "items.#" is 2
    And the response JSON at "items.#.id" contains "{alice.id}"
    And the response JSON at "items.#.id" contains "{alicia.id}"
    And the response JSON at "items.#.id" does not contain "{bob.id}"

  Scenario: id takes a comma-separated list and reports the ids not found
    Given I remember an unknown Webex person id as "ghost"
    When I send "GET" to Webex "/people?id={alice.id},{bob.id},{ghost}"
    Then the response status is 200
    And the response JSON at "items.#" is 2
    And the response JSON at "items.#.id" contains "{alice.id}"
    And the response JSON at "items.#.id" contains "{bob.id}"
    And the response JSON at "notFoundIds" is ["{ghost}"]

  Scenario: id may also be repeated
    When I send "GET" to Webex "/people?id={alice.id}&id={bob.id}"
    Then the response status is 200
    And the response JSON at "items.#" is 2
    And the response JSON at "items.#.id" contains "{alice.id}"
    And the response JSON at "items.#.id" contains "{bob.id}"

  Scenario: id takes up to 85 ids
    Given I remember 84 unknown Webex person ids as "ghosts"
    When I send "GET" to Webex "/people?id={alice.id},{ghosts}"
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response JSON at "notFoundIds.#" is 84

  Scenario: More than 85 ids are refused
    Given I remember 86 unknown Webex person ids as "ghosts"
    When I send "GET" to Webex "/people?id={ghosts}"
    Then the response status is 400
    And the response is a Webex error
