@WX06 @mock-only
Feature: WX06 — the consenting account, removed or demoted, loses the team
  Vendor page, limitations: when the moderator whose credentials gave consent "gets removed
  ... or has been assigned as a normal member but not a moderator through the Webex Teams User
  Interface, then the Webex connector fails to update the group due to insufficient
  privileges". Here another moderator ("bob", acting with his own token) does it.

  Background:
    Given a Webex team "red" exists
    And a Webex person "bob" exists
    And a Webex person "alice" exists
    And "bob" is a moderator of the Webex team "red"
    And "bob" has a Webex access token
    And I send "GET" to Webex "/team/memberships?teamId={red.id}"
    And I remember the response JSON at "items.#(personId=={admin.id}).id" as "adminMembership"

  Scenario: Demoted to a plain member, the admin can no longer rename the team
    When I send "PUT" to Webex "/team/memberships/{adminMembership}" as "bob" with body:
      """
      {"isModerator": false}
      """
    Then the response status is 200
    When I send "PUT" to Webex "/teams/{red.id}" with body:
      """
      {"name": "{prefix}renamed by admin"}
      """
    Then the response status is 403
    And the response is a Webex error
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 200
    And the response JSON at "name" is "{red.name}"

  Scenario: Demoted to a plain member, the admin can no longer add or remove members
    When I send "PUT" to Webex "/team/memberships/{adminMembership}" as "bob" with body:
      """
      {"isModerator": false}
      """
    Then the response status is 200
    When I send "POST" to Webex "/team/memberships" with body:
      """
      {"teamId": "{red.id}", "personId": "{alice.id}"}
      """
    Then the response status is 403
    And the response is a Webex error
    When I send "GET" to Webex "/team/memberships?teamId={red.id}&max=1000"
    And I remember the response JSON at "items.#(personId=={bob.id}).id" as "bobMembership"
    And I send "DELETE" to Webex "/team/memberships/{bobMembership}"
    Then the response status is 403

  Scenario: Removed from the team, the admin no longer sees it
    When I send "DELETE" to Webex "/team/memberships/{adminMembership}" as "bob"
    Then the response status is 204
    When I send "GET" to Webex "/teams/{red.id}"
    Then the response status is 404
    And the response is a Webex error
    When I send "GET" to Webex "/teams?max=1000"
    Then the response JSON at "items.#.id" does not contain "{red.id}"
    When I send "GET" to Webex "/teams/{red.id}" as "bob"
    Then the response status is 200
