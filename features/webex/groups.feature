Feature: Webex Control Hub groups
  The behaviour of /groups (official spec: Groups, webex-admin; control-hub-groups-facts.md for
  what the spec leaves out): sets of people used for licence and policy assignment, the second
  kind of group a SCIM Group can be. Everything a scenario creates carries its prefix and is
  deleted afterwards.

  Background:
    Given a Webex person "alice" exists
    And a Webex person "bob" exists

  Scenario: Create a group with members
    When I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Pilots", "description": "first wave",
       "members": [{"id": "{alice.id}"}, {"id": "{bob.id}"}]}
      """
    Then the response status is 201
    And the response JSON at "id" matches `^[A-Za-z0-9_-]+$`
    And the response JSON at "displayName" is "{prefix}Pilots"
    And the response JSON at "orgId" is a string
    And the response JSON at "memberSize" is 2
    And the response JSON at "members.#.id" contains "{alice.id}"
    And the response JSON at "members.#.id" contains "{bob.id}"
    And the response JSON at "members.#(id=={alice.id}).type" is "user"
    And the response JSON at "members.#(id=={alice.id}).displayName" is "{alice.displayName}"
    And the response JSON at "created" matches `^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`

  Scenario: A group needs a displayName
    When I send "POST" to Webex "/groups" with body:
      """
      {"description": "no name"}
      """
    Then the response status is 400
    And the response is a Webex error

  Scenario: Read a group, with and without its members
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Readers", "members": [{"id": "{alice.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    When I send "GET" to Webex "/groups/{g}"
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Readers"
    And the response JSON at "memberSize" is 1
    And the response JSON at "members" is absent
    When I send "GET" to Webex "/groups/{g}?includeMembers=true"
    Then the response status is 200
    And the response JSON at "members.#.id" is ["{alice.id}"]

  Scenario: PATCH adds and deletes members in one request and renames
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Delta", "members": [{"id": "{alice.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    When I send "PATCH" to Webex "/groups/{g}" with body:
      """
      {"displayName": "{prefix}Delta 2",
       "members": [{"id": "{bob.id}", "operation": "add"}, {"id": "{alice.id}", "operation": "delete"}]}
      """
    Then the response status is 200
    And the response JSON at "displayName" is "{prefix}Delta 2"
    And the response JSON at "members.#.id" is ["{bob.id}"]
    And the response JSON at "memberSize" is 1
    When I send "GET" to Webex "/groups/{g}/members"
    Then the response status is 200
    And the response JSON at "members.#.id" is ["{bob.id}"]

  Scenario: List and filter groups by displayName
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Alpha"}
      """
    And I remember the response JSON at "id" as "alpha"
    And I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Alphabet"}
      """
    And I remember the response JSON at "id" as "alphabet"
    When I send "GET" to Webex "/groups?filter=displayName%20eq%20%22{prefix}Alpha%22"
    Then the response status is 200
    And the response JSON at "groups.#.id" is ["{alpha}"]
    And the response JSON at "totalResults" is 1
    When I send "GET" to Webex "/groups?filter=displayName%20sw%20%22{prefix}Alpha%22&sortBy=displayName&sortOrder=descending"
    Then the response status is 200
    And the response JSON at "groups.#.id" is ["{alphabet}", "{alpha}"]

  Scenario: Only displayName eq and sw are filters
    When I send "GET" to Webex "/groups?filter=externalId%20eq%20%22x%22"
    Then the response status is 400
    And the response is a Webex error

  Scenario: Groups page by startIndex and count with a Link next URL
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Page 1"}
      """
    And I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Page 2"}
      """
    And I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Page 3"}
      """
    When I send "GET" to Webex "/groups?filter=displayName%20sw%20%22{prefix}Page%22&count=2"
    Then the response status is 200
    And the response JSON at "totalResults" is 3
    And the response JSON at "itemsPerPage" is 2
    And the response has a next link
    And the next link carries "startIndex=3"
    When I follow the next link
    Then the response status is 200
    And the response JSON at "groups.#.displayName" is ["{prefix}Page 3"]
    And the response has no next link

  Scenario: Delete a group
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Gone", "members": [{"id": "{alice.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    When I send "DELETE" to Webex "/groups/{g}"
    Then the response status is 204
    And the response body is empty
    When I send "GET" to Webex "/groups/{g}"
    Then the response status is 404
    And the response is a Webex error

  Scenario: Deleting a person takes them out of every group
    Given I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Leavers", "members": [{"id": "{alice.id}"}, {"id": "{bob.id}"}]}
      """
    And I remember the response JSON at "id" as "g"
    When I send "DELETE" to Webex "/people/{alice.id}"
    Then the response status is 204
    When I send "GET" to Webex "/groups/{g}?includeMembers=true"
    Then the response status is 200
    And the response JSON at "members.#.id" is ["{bob.id}"]
    And the response JSON at "memberSize" is 1

  @mock-only
  Scenario: A token without the groups scopes is refused, and so is a person who is no admin
    Given "alice" has a Webex access token
    And "bob" has a Webex access token with only the scopes "spark:people_read"
    When I send "GET" to Webex "/groups" as "bob"
    Then the response status is 403
    And the response is a Webex error with the message "The access token lacks the scope this request needs: identity:groups_read or identity:groups_rw."
    When I send "GET" to Webex "/groups" as "alice"
    Then the response status is 403
    And the response is a Webex error
    When I send "GET" to Webex "/groups"
    Then the response status is 200

  @mock-only
  Scenario: Faults and the state cover groups
    Given the Webex fake injects the fault:
      """
      {"name": "server_error", "method": "POST", "path": "/v1/groups", "times": 1, "status": 503}
      """
    When I send "POST" to Webex "/groups" with body:
      """
      {"displayName": "{prefix}Faulty"}
      """
    Then the response status is 503
    When I send "GET" to Webex "/groups?filter=displayName%20eq%20%22{prefix}Faulty%22"
    Then the response JSON at "totalResults" is 0
