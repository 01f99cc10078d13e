@WX05
Feature: WX05 — when the last member leaves, the team is deleted
  Vendor page, limitations: "removing the last member of the group removes the entire group
  due to target system behavior." (design §3.7 orders adds before removes for this reason.)

  Scenario: A new team has its creator as only member; when they leave, the team is gone
    Given a Webex team "red" exists
    When I send "GET" to Webex "/team/memberships?teamId={red.id}"
    Then the response status is 200
    And the response JSON at "items.#" is 1
    And the response JSON at "items.0.personId" is "{admin.id}"
    And I remember the response JSON at "items.0.id" as "adminMembership"
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}"
    Then the response status is 204
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 404
    And the response is a Webex error
    When I send "GET" to Webex "/teams?max=1000"
    Then the response status is 200
    And the response JSON at "items.#.id" does not contain "{red.id}"

  Scenario: Removing every member one by one deletes the team with the last one
    Given a Webex team "red" exists
    And a Webex person "alice" exists
    And "alice" is a moderator of the Webex team "red"
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "adminMembership"
    When I send "DELETE" to Webex "/team/memberships/{red.alice.membership}"
    Then the response status is 204
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 200
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}"
    Then the response status is 204
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 404

  # Against the fake the deletion itself can be seen: its state no longer holds the team.
  # Through the API alone it looks like WX06 (a non-member does not see a team), which is why
  # the scenarios above are not enough on their own.
  @mock-only
  Scenario: The team and its memberships are gone from the fake's state
    Given a Webex team "red" exists
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.0.id" as "adminMembership"
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}"
    Then the response status is 204
    When I send "GET" to Webex "/_mock/state"
    Then the response status is 200
    And the response JSON at "teams.#.id" does not contain "{red.id}"
    And the response JSON at "memberships.#.teamId" does not contain "{red.id}"
